"""The characters before a glued row's driver: its start and car number, run together
(``flattened``: "1275Parker Kligerman" is finish 1, then "275": start 2, #75 or start 27, #5), and
where the driver's name may begin after them.
"""

import re

# Car numbers as the history writes them: 07, 300B, 2y, 2jr, 01W, x2, C97, X, 97-A, B-29, 41.5.
_NUMBER = re.compile(
    r"\d{1,3}(?:[A-Z]{1,2}|[a-z]{1,2})?|[A-Za-z]{1,2}\d{0,3}|\d{1,3}-[A-Za-z]|[A-Za-z]-\d{1,3}|\d{1,2}\.\d"
)
_START = re.compile(r"[1-9]\d{0,2}|0")  # 0: a start the source did not know, in years it wrote so (``eras``)
_LEAD_CHARS = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-")
MAX_LEAD = 12  # a start and a car number: at most 3 + 5 characters, with room to spare


def name_starts(front):
    """Where the driver's name may begin: a capital after the start and car number's characters,
    starting a word ("Parker", "A.J.", "JJ "). A lowercase letter belongs to the car number ("2y").
    The caller keeps the places whose characters before read as a start and a car number."""
    for p in range(min(len(front), MAX_LEAD + 1)):
        c, following = front[p], front[p + 1 : p + 2]
        nickname = following.isupper() and front[p + 2 : p + 3] == " "  # "JJ Yeley"
        if c.isupper() and ((following.isalpha() and following.islower()) or following == "." or nickname):
            yield p
        if c not in _LEAD_CHARS:
            return


def partial_readings(lead, columns):
    """Readings of a row whose source lacks its start or its number: "5" is start 5 with no number,
    or #5 with no start; nothing at all is neither."""
    if sorted(columns) != ["number", "start"]:
        return []
    if not lead:
        return [(None, "")]
    readings = [(None, lead)] if _NUMBER.fullmatch(lead) else []
    return readings + ([(int(lead), "")] if _START.fullmatch(lead) else [])


def lead_readings(lead, columns):
    """Possible (start, number) pairs for the characters between finish and driver."""
    if columns == ["number"]:  # nothing: a car without a number, where its year had them (``eras``)
        return [(None, lead)] if _NUMBER.fullmatch(lead) or not lead else []
    if columns == ["start"]:
        return [(int(lead), "")] if _START.fullmatch(lead) else [(None, "")] if not lead else []
    if columns == []:
        return [(None, "")] if not lead else []
    start_first = columns == ["start", "number"]
    readings = []
    for cut in range(1, len(lead)):
        first, second = lead[:cut], lead[cut:]
        start, number = (first, second) if start_first else (second, first)
        if _START.fullmatch(start) and _NUMBER.fullmatch(number):
            readings.append((int(start), number))
    return readings
