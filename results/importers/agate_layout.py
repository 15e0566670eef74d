"""Where agate results are in a report (``agate``): the lines they take, the legend above them, what the
report says its brackets hold. Each finish's text is handed on whole, wrapped lines joined."""

import bisect
import itertools
import re
from dataclasses import dataclass

from results.importers.columns import LABELS, NOT_KEPT, label_key
from results.importers.report import ReportError

# "12. (4) ": a finish, then the start in brackets; only where a word may begin
_ENTRY = re.compile(r"(?<![^\s;])(\d{1,3})\.\s+\(\s*(\d{1,3})\s*\)(?:\s+|$)")
_ANY_ENTRY = re.compile(r"(?<![^\s;])(\d{1,3})\.\s+\(\s*\d{1,3}\s*\)\s+\S")
_IN_BRACKETS = re.compile(r"\(([\w ]{1,40}) in (?:parentheses|brackets)\)", re.IGNORECASE)
_FIRST = re.compile(r"^\s*1\.\s+\(\s*\d{1,3}\s*\)\s+\S", re.MULTILINE)
# a result ends with a full stop or a semicolon, but not one after an initial or "Jr." ("J. D. McDuffie"
# wrapped after "J.")
_ENDED = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])[.;]\s*$")
_START_WORDS = re.compile(r"\b(?:start|starting|grid)\b", re.IGNORECASE)
_LAPS_LABEL = re.compile(r",\s*\d{1,5}\s+laps?\s*[,.]", re.IGNORECASE)
NUMBERS = ("laps", "led", "rating", "points")
LEGEND_EXAMPLE = "'Finish, (start), car number, driver, make, laps, led, status, points, money'"


@dataclass
class Entry:
    finish: int
    start: int
    line: int
    last: int
    text: str

    @property
    def lines(self):
        return f"line {self.line}" if self.last == self.line else f"lines {self.line}-{self.last}"


def begins(line: str) -> bool:
    """Whether ``line`` begins agate results ("1. (4) Jimmie Johnson, ...")."""
    return bool(_FIRST.match(line))


def mentioned(text: str) -> bool:
    """Whether a line of ``text`` begins as agate results do ("1. (4) Jimmie Johnson")."""
    return bool(_FIRST.search(text))


def found_in(text: str) -> bool:
    """Whether ``text`` holds agate results: a line beginning "1. (4) " and a second finish after it; a lone
    result where the paper says what its brackets hold ("(Start position in parentheses)") or the result
    labels its laps ("267 laps"), as no other format does."""
    first = _FIRST.search(text)
    if not first:
        return False
    if re.search(r"(?<![^\s;])2\.\s+\(\s*\d{1,3}\s*\)\s+\S", text[first.end() :]):
        return True
    said = _IN_BRACKETS.search(text[: first.start()])
    result = text[first.start() :].partition("\n")[0]
    return bool((said and _START_WORDS.search(said.group(1))) or _LAPS_LABEL.search(result))


def legend(lines, source):
    """The order a legend line above the results gives the numbers in, and its index; ([], None) without
    one. A line of known words naming the driver is one; the line right above the results naming the
    driver among words the importer does not know is refused (a prose line elsewhere is prose)."""
    above = max((index for index, line in enumerate(lines) if line.strip()), default=None)
    for index, line in enumerate(lines):
        items = [label_key(item.strip(" ()")) for item in line.split(",")]
        kinds = [LABELS.get(item) or ("money" if NOT_KEPT.get(item) == "winnings" else None) for item in items]
        if len(items) < 4 or "driver" not in kinds:
            continue
        unknown = [item for item, kind in zip(items, kinds, strict=True) if kind is None]
        if not unknown:
            return [kind for kind in kinds if kind in NUMBERS], index
        if index == above:
            raise ReportError(
                f"the legend line names {unknown[0][:40]!r}, which the importer does not know",
                line=index + 1,
                text=line.strip()[:200],
                source=source,
                expected=f"a legend of known words, e.g. {LEGEND_EXAMPLE}",
            )
    return [], None


def brackets(lines, source):
    """Papers say what the brackets hold ("(Start position in parentheses)"): a report saying they hold
    anything else (the car number) is refused, since this reader takes them as the start."""
    for index, line in enumerate(lines):
        said = _IN_BRACKETS.search(line)
        if said and not _START_WORDS.search(said.group(1)):
            raise ReportError(
                f"the report says its brackets hold the {said.group(1).strip()[:40]}, not the start",
                line=index + 1,
                text=line.strip()[:200],
                source=source,
                expected="results with the start in brackets, as '(Start position in parentheses)' says",
            )


def entries(lines, first, source) -> list[Entry]:
    """Each finish's text, from line ``first`` on: a finish runs to the next one (several may share a
    line, one may wrap onto the next lines, "3." and "(28)" on two), or to a blank line, or to the
    line after its full stop. The results end there; a finish after that is refused."""
    block = "\n".join(lines[first:])
    offsets = list(itertools.accumulate((len(line) + 1 for line in lines[first:-1]), initial=0))
    starts, expected = [], 1
    for match in _ENTRY.finditer(block):
        if int(match.group(1)) == expected:  # "$4,500. 2. (3)": the next finish, nothing else
            starts.append(match)
            expected += 1
    found: list[Entry] = []
    for k, match in enumerate(starts):
        stop = starts[k + 1].start() if k + 1 < len(starts) else len(block)
        text, used, rest = _own_text(block[match.end() : stop])
        line = first + bisect.bisect_right(offsets, match.start())
        last = first + bisect.bisect_right(offsets, match.end() + max(used - 1, 0))
        found.append(Entry(int(match.group(1)), int(match.group(2)), line, last, text))
        if rest is not None and k + 1 < len(starts):
            at = first + bisect.bisect_right(offsets, starts[k + 1].start())
            raise ReportError(
                f"the results stop after {k + 1} finishes, but line {at} reads like finish {k + 2}",
                line=at,
                text=lines[at - 1][:200],
                source=source,
                expected=f"the results together: remove the lines between them ({rest!r})",
            )
    after = found[-1].last if found else first
    for index in range(after, len(lines)):
        stray = _ANY_ENTRY.search(lines[index])
        if stray:  # a finish out of order, twice or after a gap: the results read so far are not all
            raise ReportError(
                f"the results run 1 to {len(found)}, then line {index + 1} gives finish {stray.group(1)}",
                line=index + 1,
                text=lines[index][:200],
                source=source,
                expected=f"finishes 1, 2, 3... in order, each once: is finish {len(found) + 1} missing?",
            )
    return found


def _own_text(span: str) -> tuple[str, int, str | None]:
    """A finish's own text in ``span`` (up to the next finish), the characters it takes, and the first
    line after it that is none of it (None: the span is all its own, blank lines aside)."""
    pieces = span.split("\n")
    kept, used = [pieces[0].strip()], len(pieces[0])
    for piece in pieces[1:]:
        if not piece.strip() or _ENDED.search(kept[-1]):
            break
        kept.append(piece.strip())
        used += len(piece) + 1
    rest = next((p.strip() for p in pieces[len(kept) :] if p.strip()), None)
    return " ".join(p for p in kept if p), used, rest[:80] if rest else None
