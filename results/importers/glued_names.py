"""Where a glued row's driver ends and the team begins: ``Parker KligermanHenderson Motorsports``.

The team begins at a capital ("Henderson"), a digit ("23XI Racing"), a lowercase word only the
database knows ("ppc Racing"), or nowhere (old rows name no team). Each place is scored by what
names look like (particles such as "Mc" and "Di", suffixes such as "Jr." and "III", team words
such as "Racing") and by what the database knows.
"""

import re

from results.importers.vocabulary import STATUSES

# Lower-case particles that begin a capitalised surname: DiBenedetto, McAnally, LaJoie, VanGilder.
_NAME_PREFIXES = {"mc", "mac", "di", "de", "da", "la", "le", "du", "van", "von", "st", "o’", "o'", "d’", "d'"}
_SUFFIXES = {"Jr", "Sr", "II", "III", "IV", "V"}
_PARENTHESES = re.compile(r"\([^()]*\)(?=\s|$)")  # "(Tifton, GA)" ending a word; "(Virginia)Gun" is glued
TEAM_WORDS = {"racing", "motorsports", "motorsport", "enterprises", "team", "inc", "inc.", "llc", "performance"}


def split_names(middle, has_team, knowledge):
    """Split ``Parker KligermanHenderson Motorsports`` into driver and team: [(driver, team)], the
    likeliest split, or every split scoring the same when several do ("Jeff Greenppc Racing"
    with nothing known), or [] when none reads. A driver the person named (``--number``) wins.
    """
    middle = middle.strip()
    if not has_team:
        return [(middle.replace("*", "").strip(), "")]
    if "*" in middle:
        driver, _, team = middle.partition("*")
        return [(driver.strip(), team.strip())]
    candidates = []
    for k in range(1, len(middle) + 1):
        driver, team = middle[:k].strip(), middle[k:].strip()
        if team and not middle[k].isalnum():
            continue  # punctuation belongs to the name before it ("Jr.", "W.A.R."); a space to both
        if driver.count("(") != driver.count(")"):
            continue  # "Bill Scott (CA)", "Jim (J.C.) Danielson": a cut never falls between parentheses
        here, before = middle[k : k + 1], middle[k - 1]
        glued = before not in " -/&("
        # a lowercase word of letters ("ppc"): "2nd Chance" begins at its digit, not at "s2nd"
        first = team.split()[0] if team else ""
        lower_word = glued and first.isalpha() and first.islower() and before.isalpha()
        if (
            not team
            or (here.isupper() and glued)
            or (here.isdigit() and before.isalpha())
            or lower_word
            or (glued and (knowledge.knows_driver(driver) or knowledge.knows_team(team)))
        ):
            score = _name_score(driver, team, knowledge)
            if score is not None:
                if lower_word and not knowledge.knows_team(team):
                    score -= 5  # "ppc Racing" happens, but "Starrppc" cannot be told from it
                if knowledge.chosen_number(driver) is not None:
                    score += 1000  # the person's word: "--number 'Jeff Green=32'"
                candidates.append((score, driver, team))
    top = max((score for score, _, _ in candidates), default=None)
    return [(driver, team) for score, driver, team in candidates if score == top]


def _name_score(driver, team, knowledge):
    """Higher is likelier; None rules a split out (a surname particle such as "Di" cut off). A
    driver's words in parentheses tell namesakes apart ("Eddie MacDonald (Tifton, GA)"): not scored."""
    words = _PARENTHESES.sub(" ", driver).split()
    # a one-word name ("Nelsinho") only when the database or the person (--number) names that driver:
    # otherwise any first word of a glued row would read as one
    one_word = len(words) == 1 and (knowledge.knows_driver(driver) or knowledge.chosen_number(driver) is not None)
    if (len(words) < 2 and not one_word) or words[-1].lower() in _NAME_PREFIXES:
        return None
    score = 0
    if knowledge.knows_driver(driver):
        score += 100
    if team and knowledge.knows_team(team):
        score += 100
    for word in words:
        if not any(ch.isalpha() for ch in word):
            score -= 10  # "Wallace23": digits start the team ("23XI Racing")
        if any(ch.isdigit() for ch in word):
            score -= 10
        if word.lower().strip(".") in TEAM_WORDS:
            score -= 10  # "Racing" is a team's word, not a driver's
        for j in range(1, len(word)):
            glued = (
                word[j - 1].islower() or word[j - 1] == ")" or (word[j - 1] == "." and word[j + 1 : j + 2].islower())
            )
            if word[j].isupper() and glued and word[:j].lower() not in _NAME_PREFIXES:
                score -= 10  # "EckesThor", "Jr.Tri": a capital inside a word that no particle explains
        if word.strip(".") not in _SUFFIXES and re.match(r"(?:Jr|Sr)\.?\w|(?:II|IV)[A-Z]", word):
            score -= 10  # "Jr.JTG", "IIITri": the suffix ends the name
        if word.isupper() and len(word) > 2 and word.strip(".") not in _SUFFIXES:
            score -= 10  # "IIIS": a suffix with the team's first capital
    if len(words[-1]) == 1:
        score -= 5  # drivers' names do not end with a bare initial
    if words[-1] in {"I", "II"} and team.startswith("I"):
        score -= 20  # "II" / "ISS Green Light": a suffix III cut in two
    if not team:
        score -= 3  # no team happens (old rows), but less often than a team
        return score
    first = team.split()[0]
    if re.match(r"[IVX]+[A-Z][a-z]", first) and not knowledge.knows_team(team):
        score -= 20  # "IYoung’s": a suffix such as III cut in two
    if any(first[j].isupper() and first[j - 1].islower() for j in range(1, len(first))):
        score -= 1  # "ThorSport" happens in team names, but less often than not
    if team.strip(".") in _SUFFIXES:
        score -= 20  # "Dave Mader" / "III": a suffix is the end of a name, not a team
    if team.lower().strip(".") in TEAM_WORDS:
        score -= 5  # a team of one generic word ("Racing") is a name cut short
    if team.isalpha() and team.islower():
        score -= 3  # "Jeff Greenppc Racin" / "g": a word cut in two, not a team
    return score


def names_only(rest, runs):
    """A row of the early years whose make and laps the source lacks ("26George Mantooth"): (the
    names, the values of the tail's ``runs``: at most a status of the vocabulary glued to the names,
    "Jack SmithOverheating"). None when the row ends with a digit (its laps: not this case)."""
    text = rest.rstrip()
    if not text or text[-1].isdigit():
        return None
    status = ""
    if "status" in runs:
        lowered = text.lower()
        for known in sorted(STATUSES, key=len, reverse=True):
            head = text[: -len(known)]
            if lowered.endswith(known.lower()) and head[-1:].strip() and not head[-1:].isdigit():
                text, status = head, known
                break
    return text, tuple(status if run == "status" else "" for run in runs)


def bare_team_doubt(names, knowledge):
    """Of a row with nothing after its names, why its team is in doubt, or None: what follows the
    driver is the team only if it reads as one (known, an owner's "(Owner)", a team's word, several
    words); a lone unknown word may be a status the vocabulary lacks ("Jack SmithFlagged")."""
    (driver, team), *_ = names
    words = team.lower().replace("(", " ").replace(")", " ").split()
    if team and not knowledge.knows_team(team) and len(words) < 2 and not set(words) & TEAM_WORDS:
        return f"{team!r} after {driver} may be the team or the status (the row has no make or laps to tell)"
    return None
