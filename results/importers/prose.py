"""Facts a report states in its prose and its table does not: series, track, year, pole, stages."""

import re
from decimal import Decimal

from results.importers.report import Facts
from results.names import name_key

# Characters of prose read for facts: they sit in the first paragraphs, and a 5 MB "prose" is not read whole.
PROSE_READ = 50_000


def first_characters(pieces, limit=PROSE_READ):
    """``pieces`` joined by line breaks, up to ``limit`` characters: not a 5 MB string to cut."""
    kept, size = [], 0
    for piece in pieces:
        if size >= limit:
            break
        kept.append(piece)
        size += len(piece) + 1
    return "\n".join(kept)[:limit]


# (lasting series name, short name, pattern matching the names it has carried)
SERIES = [
    (
        "NASCAR Cup Series",
        "Cup",
        r"(?:NASCAR )?(?:(?:Monster Energy|Sprint|Nextel|Winston|Grand National) )?(?:NASCAR )?Cup Series|Winston Cup"
        # its names before 1971 ("Busch Grand National" is the Xfinity series)
        r"|(?:NASCAR )?(?<!Busch )Grand National (?:Series|Division)|(?:NASCAR )?Strictly Stock(?: Series| Division)?",
    ),
    (
        "NASCAR Xfinity Series",
        "Xfinity",
        r"(?:NASCAR )?(?:Xfinity|Nationwide|Busch(?: Grand National)?) Series|Budweiser Late Model Sportsman Series",  # 1982-83
    ),
    (
        "NASCAR Truck Series",
        "Truck",
        r"(?:NASCAR )?(?:(?:Camping World|Gander (?:RV &|Outdoors)|Craftsman|SuperTruck) )*Truck Series",
    ),
]
_TRACK_WORDS = (
    r"Motor Speedway|International Speedway|International Raceway|Superspeedway|Speedway|Raceway|"
    r"Sports Car Course|Road Course|Motorsports Park|Motorsports Complex|Circuit of the Americas|"
    r"Street Course|Circuit|Motor Mile|Mile|Speedbowl|Fairgrounds|International|Stadium|Race Track"
)
# what a track's name may go on with after its word: "Lucas Oil Indianapolis Raceway Park", "Charlotte Motor
# Speedway Road Course", "World Wide Technology Raceway at Gateway" are not the shorter tracks they begin with
_TRACK_MORE = r"[ \t]+(?:Park|Road Course|Dirt Track|Oval|at [A-Z][\w.’'-]*)"
# within a line: "Race Results for the Global Crossing at the Glen\nWatkins Glen International" was the track
# "Glen\nWatkins Glen International"
_TRACK = re.compile(rf"\bat ((?:the )?(?:[A-Z][\w.’'-]*[ \t]+)+?(?:{_TRACK_WORDS})(?:{_TRACK_MORE})*)")
# a track named with its length, whatever words its name ends in ("Heartland Park Topeka", "Road America"):
# Racing-Reference's "Heartland Park Topeka (1.8 miles)", a box score's "Heartland Park Topeka - 1.8 Mile Road",
# Wikipedia's "Heartland Park Topeka is a 1.8-mile road track"
_TRACK_WITH_LENGTH = re.compile(
    r"^((?:[A-Z][\w.’'&-]*)(?: (?:[A-Z0-9][\w.’'&-]*|at|of|the|de|del|and)){0,7})"  # "Valdosta 75 Speedway"
    r"(?: \((?:\d*\.?\d+|\?) miles?\)| - \d*\.?\d+ Mile\b| is an? \d*\.?\d+[ -]mile\b)",
    re.MULTILINE,
)
# a heading naming the track alone: a results table's title ("Charlotte Motor Speedway"), a paper's "At
# Homestead-Miami Speedway"
_TRACK_LINE = re.compile(
    rf"^[ \t]*(?:At[ \t]+)?((?:[A-Z][\w.’'-]*[ \t]+)+?(?:{_TRACK_WORDS})(?:{_TRACK_MORE})*)[ \t]*$", re.MULTILINE
)
# the Associated Press's agate heads its table "At Road America" (a city line may follow), then "Lap length:
# 4.048 miles": the venue, whatever words its name ends in
_AGATE_VENUE = re.compile(
    r"^At ((?:[A-Z][\w.’'&-]*)(?: (?:[A-Z0-9][\w.’'&-]*|at|of|the|de|del|and)){0,7})[ \t]*\r?\n"
    r"(?:[^\n]*\n)?Lap length: \d*\.?\d+ miles?\b",
    re.MULTILINE,
)
# a track named without a track word ("Road America", "Circuit of the Americas", "Speedway Park"):
# only as "at <Name> in <the report's year>", and only when the prose names one such place
_TRACK_IN_YEAR = re.compile(
    r"\bat ([A-Z][\w.’'-]*(?:\s+(?:(?:of|the|de|del|la)\s+)*[A-Z][\w.’'-]*)*),? in ((?:19|20)\d\d)\b"
)
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
_NAME = r"([A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3})"
# \b: a name starts at a word, or a 20,000-letter "word" is tried from each of its letters (quadratic)
_POLE = [
    re.compile(rf"[Pp]ole(?:[- ]?sitter| winner)? {_NAME}"),
    re.compile(rf"\b{_NAME} (?:won|took|claimed) the pole"),
]
# the car a driver is in, as a report says it: "Corey Heim, piloting the #51 truck", "Heim's #51",
# "the #51 of Corey Heim", "Corey Heim (#51)"; not "the #51 truck that Kyle Busch drove" elsewhere
_CAR = r"(?:#|No\. ?)(\d{1,3}[A-Za-z]?)\b"
_CAR_OF = [
    # not "X in the #3": "Dennison passed Garcia in the #3" does not say whose car the #3 is
    re.compile(rf"\b{_NAME},? (?:piloting|driving|behind the wheel of) the {_CAR}"),
    re.compile(rf"\b{_NAME}(?:’s|'s) {_CAR}"),
    re.compile(rf"\b[Tt]he {_CAR} (?:(?:car|truck|entry) )?(?:of|driven by|piloted by) {_NAME}"),
    re.compile(rf"\b{_NAME} \({_CAR}\)"),
]
_STAGE_WINNER = re.compile(rf"Stage #?(\d) winner {_NAME}")
# within one sentence of at most 300 characters: an unbounded [^.]*? from each capitalised word is quadratic
_STAGE_WON = re.compile(r"\b([A-Z][\w’'-]+)\b[^.]{0,300}?\bwon (?:the )?(first|second|third|final) stage")
_LED_ALL_BUT = re.compile(r"\b([A-Z][\w’'-]+) led all but ([\w-]+) of the ([\w-]+) laps")
_LED = re.compile(r"\b([A-Z][\w’'-]+) led ([\w-]+) (?:of the ([\w-]+) )?laps")

# A sentence naming another season or looking back tells of another race: its pole, stage winners
# and laps led are not this race's ("In the 2024 race, Riggs led 112 of the 134 laps"). Not "edition"
# nor "prior to": "the inaugural edition of the race at Mid-Ohio", "prior to the race" tell of this one.
_ELSEWHERE = re.compile(
    r"\blast year\b|\bprevious\b|\bprior\b(?! to\b)|\bdefending\b|\ba year (?:earlier|before|ago)\b", re.I
)
# A sentence looking ahead: "The series returns to Mid-Ohio in 2023", "he will run full time in 2024"
_AHEAD = re.compile(
    r"\bwill\b|\breturns?\b|\bnext (?:year|season)\b|\bupcoming\b|\b(?:is|are) (?:set|scheduled|due) to\b", re.I
)
# not after an initial or Jr./Sr./No./St. ("Dale Earnhardt Jr. won the pole" is one sentence)
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!Jr\.)(?<!Sr\.)(?<!No\.)(?<!St\.)\s+(?=[A-Z])|\n")

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split()
)
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_STAGE = {"first": 1, "second": 2, "third": 3}


def number_from_words(text: str):
    """'sixty-seven' -> 67, '11' -> 11, 'two hundred' -> 200; None when it is not a number."""
    text = text.lower().strip()
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word in _ONES:
            current += _ONES.index(word)
        elif word in _TENS:
            current += 10 * _TENS.index(word)
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "and":
            continue
        else:
            return None
    return total + current


def series_in(text: str):
    """(lasting name, short name, name as written) of the first series the text names, or None."""
    found = []
    for name, short, pattern in SERIES:
        match = re.search(pattern, text)
        if match:
            found.append((match.start(), name, short, match.group(0)))
    if not found:
        return None
    _, name, short, written = min(found)
    return name, short, written


def facts_from_prose(prose: str, *, known_tracks=()) -> Facts:
    """Read what the prose says reliably; anything uncertain is left empty."""
    facts = Facts()
    prose = re.sub(r"[\u00a0\u2009\u202f]", " ", prose[:PROSE_READ])
    series = series_in(prose)
    if series:
        facts.series = series[2]
    named = _tracks_named(prose, known_tracks)
    if len(named) == 1:
        facts.track = named[0]
        facts.track_length = length_of(prose, named[0])
    facts.tracks_named = named  # several: none is surely the race's ("won at Pocono, a week after Mid-Ohio")
    # reports look back on earlier seasons; a sentence looking ahead names a season still to come
    years = {year for s in _SENTENCE_END.split(prose) if not _AHEAD.search(s) for year in years_in(s)}
    if len(years) == 1:
        facts.year = years.pop()
    facts.seasons_named = tuple(sorted(years))  # several: the latest is not surely the race's ("moved in 2012")
    # the report's heading ("2003 Samsung/RadioShack 500", its first line): the years it names are the race's
    # own; the prose after it may look back on other seasons alone ("In the 2024 race, Riggs led 112 laps")
    heading = next((line for line in prose.splitlines() if line.strip()), "")
    facts.years = tuple(sorted(years_in(heading)))
    if not named:  # a track named without a track word: only as the race's place in its year
        places = {name for name, year in _TRACK_IN_YEAR.findall(prose) if int(year) == facts.year}
        facts.track = places.pop() if len(places) == 1 else ""
        facts.tracks_named = [facts.track] if facts.track else []
    sentences = [s for s in _SENTENCE_END.split(prose) if not _ELSEWHERE.search(s)]
    for pattern in _POLE:
        match, years = _first(pattern, sentences)
        if match:
            facts.pole, facts.told_of["pole"] = match.group(1), years
            break
    for k, pattern in enumerate(_CAR_OF):
        for match in pattern.finditer(prose):
            name, number = match.groups() if k != 2 else reversed(match.groups())
            facts.numbers.setdefault(name, number)
    for sentence in sentences:
        for number, name in _STAGE_WINNER.findall(sentence):
            facts.stage_winners[int(number)] = name
            facts.told_of[f"stage{number}"] = years_in(sentence)
    for sentence in sentences:
        for name, ordinal in _STAGE_WON.findall(sentence):
            stage = _ORDINAL_STAGE.get(ordinal, 0)
            if stage not in facts.stage_winners:
                facts.stage_winners[stage] = name
                facts.told_of[f"stage{stage}"] = years_in(sentence)
    facts.stage_winners.pop(0, None)
    for sentence in sentences:  # every claim: the race's year, known later, says which are this race's
        match = _LED_ALL_BUT.search(sentence)
        if match:
            not_led, total = number_from_words(match.group(2)), number_from_words(match.group(3))
            if not_led is not None and total:
                facts.led_claims.append((match.group(1), total - not_led, total, years_in(sentence)))
            continue
        match = _LED.search(sentence)
        led = number_from_words(match.group(2)) if match else None
        if match and led is not None:  # without "of the N laps": a stint ("led 42 laps before...") or the race
            total = number_from_words(match.group(3)) if match.group(3) else None
            facts.led_claims.append((match.group(1), led, total, years_in(sentence)))
    return facts


def _tracks_named(prose: str, known_tracks) -> list[str]:
    """The tracks the prose says a race was at ("at Mid-Ohio Sports Car Course"), else every track it
    names (the database's, longest first), once each, sorted. "Part-owner of Lime Rock Park" is no
    venue; a sentence looking back on another race (``_ELSEWHERE``) names none, but a venue it gives
    other than those is listed too: "Defending race winner X won at Pocono" may be this race's."""
    sentences = _SENTENCE_END.split(prose)
    at, named = _venues("\n".join(s for s in sentences if not _ELSEWHERE.search(s)), known_tracks)
    found = at or named
    if found:
        back, _ = _venues("\n".join(s for s in sentences if _ELSEWHERE.search(s)), known_tracks)
        found |= {key: track for key, track in back.items() if not any(key in k or k in key for k in found)}
    return sorted(found.values())


def _venues(text: str, known_tracks) -> tuple[dict[str, str], dict[str, str]]:
    """(tracks ``text`` says a race was at, every track it names), each by its key."""
    named: dict[str, str] = {}
    at: dict[str, str] = {}
    for track in sorted(known_tracks, key=len, reverse=True):
        if not track or track not in text or any(track in longer for longer in named.values()):
            continue
        after = rf"{re.escape(track)}(?!{_TRACK_MORE})"
        if re.search(after, text):
            named[name_key(track)] = track
            if re.search(rf"\bat (?:the )?{after}", text):
                at[name_key(track)] = track
    for match in _TRACK.finditer(text):
        track = match.group(1).removeprefix("the ").strip().rstrip(".")  # "...at Gateway."
        if not any(name_key(track) in key or key in name_key(track) for key in named):
            named[name_key(track)] = at[name_key(track)] = track
    if not named:  # no name ends in Speedway or Raceway: the line that gives a track's length names it
        for match in (*_TRACK_WITH_LENGTH.finditer(text), *_AGATE_VENUE.finditer(text)):
            named.setdefault(name_key(match.group(1)), match.group(1))
    if not named:  # nor a sentence: a heading naming the track alone
        for match in _TRACK_LINE.finditer(text):
            track = match.group(1).removeprefix("At ")  # "At Circuit of the Americas": a word before a track word
            named.setdefault(name_key(track), track)
    return at, named


def length_of(prose: str, track: str) -> Decimal | None:
    """The track's length in miles where the report states it beside the track's name (Racing-Reference's
    "Riverside International Raceway (2.62 miles)", a box score's " - 2.62 Mile Road", the agate's "At
    Riverside International Raceway" then "Lap length: 2.62 miles"): 1972–73's points pay per lap by it."""
    name = re.escape(track)
    for pattern in (
        rf"{name} \((\d*\.?\d+) miles?\)",
        rf"{name} - (\d*\.?\d+) Mile\b",
        rf"^At {name}[ \t]*\r?\n(?:[^\n]*\n)?Lap length: (\d*\.?\d+) miles?\b",
    ):
        found = re.search(pattern, prose, re.MULTILINE)
        if found:
            length = Decimal(found.group(1))
            return length if 0 < length < 100 else None
    return None


def years_in(text: str) -> set[int]:
    """The seasons a sentence or a heading names (whole words: "the 1990s" names none)."""
    return {int(y) for y in _YEAR.findall(text)}


def _first(pattern, sentences):
    """The first match of ``pattern`` in ``sentences``, and the seasons its sentence names."""
    for sentence in sentences:
        match = pattern.search(sentence)
        if match:
            return match, years_in(sentence)
    return None, set()
