"""A report's lines as editors number them (split at line breaks only, not at form feeds), each cut
from the text when it is read: a list of a 5 MB report's 260,000 short lines held 32 MB of strings,
which took an admin confirmation over 200 MB."""

import re
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

_BREAK = re.compile(r"\r\n|\r|\n")


class Lines(Sequence[str]):
    """The lines of ``text``, read like a list of them (indexing, slicing, iterating); a slice is
    another view of the same text. Holds two offsets a line (8 bytes) besides the text."""

    def __init__(self, text: str, *, _bounds: tuple[array, array] | None = None, _span: range | None = None):
        self.text = text
        if _bounds is None:
            starts, ends = array("I", [0]), array("I")
            for found in _BREAK.finditer(text):
                ends.append(found.start())
                starts.append(found.end())
            ends.append(len(text))
            _bounds = (starts, ends)
        self._bounds = _bounds
        self._span = range(len(_bounds[0])) if _span is None else _span

    def __len__(self) -> int:
        return len(self._span)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> "Lines": ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Lines(self.text, _bounds=self._bounds, _span=self._span[index])
        at = self._span[index]
        return self.text[self._bounds[0][at] : self._bounds[1][at]]

    def __iter__(self) -> Iterator[str]:
        text, (starts, ends) = self.text, self._bounds
        for at in self._span:
            yield text[starts[at] : ends[at]]

    def __repr__(self):
        return f"Lines({len(self)} lines)"
