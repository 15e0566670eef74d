"""Report bytes to text: the size checked first, the encoding detected (or given), never mojibake.

Detection, in order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without one (every
other byte NUL, as Excel's "Unicode Text" and PowerShell write); UTF-8; otherwise Windows-1252
(a superset of Latin-1 for text: its 0x80-0x9F are curly quotes and dashes), with a warning that
says so. A file holding valid UTF-8 sequences beside invalid bytes is damaged, not another
encoding: it is refused rather than read as Windows-1252 into "Ã©".
"""

import codecs
import re

from results.importers.report import ReportError

MAX_BYTES = 5 * 1024 * 1024
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BLANK = re.compile("[ \t\r\n\x00\ufeff]*\\Z")
# What people save instead of a text report, and what to do about it.
_NOT_TEXT = [
    (b"%PDF", "a PDF document", "copy the results table out of the PDF and save it as text"),
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook?)", "save the sheet as CSV"),
    (b"\xd0\xcf\x11\xe0", "an old Excel or Word file", "save the sheet as CSV"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
]


def check_size(size: int, source: str):
    """Refuse a report over the limit before anything reads or decodes it."""
    if size > MAX_BYTES:
        raise ReportError(
            f"the file is {size:,} bytes",
            source=source,
            expected=f"a report under {MAX_BYTES:,} bytes (split the file)",
        )


def decode(data: bytes | str, source: str, encoding: str | None = None, *, decoded=False) -> tuple[str, str]:
    """(text, encoding used). Raises ReportError naming the line when the bytes are not text.
    ``decoded``: ``data`` is what the caller made of a file it decoded (an admin upload, previewed):
    its limit is in characters, one per byte of the file (a Windows-1252 file of 5 MB grows as UTF-8).
    ``data`` as text (an admin form's) is read as its UTF-8 would be, without making that copy and
    the copy decoded from it (17 MB for a 5 MB report of accents)."""
    if isinstance(data, str):
        if encoding or not _plain(data):
            data = data.encode("utf-8")  # a byte-order mark, a PDF's or a binary head: read as bytes are
        else:
            if not decoded:
                check_size(len(data) if data.isascii() else len(data.encode("utf-8")), source)
            if _BLANK.match(data):
                raise ReportError("the file is empty", source=source, expected="a race report with a results table")
            return _checked(data, source, decoded), "utf-8"
    check_size(len(data) // 4 if decoded else len(data), source)  # UTF-8 takes at most 4 bytes a character
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ReportError("the file is empty", source=source, expected="a race report with a results table")
    if encoding:
        text = _decode_as(data, source, encoding)
        used = encoding
    else:
        text, used = _detect(data, source)
    return _checked(text, source, decoded), used


def _plain(text: str) -> bool:
    """Whether ``text`` as UTF-8 bytes would be read as UTF-8 from its first byte: no byte-order mark,
    no other format's signature, no NUL in the head (which the bytes would be refused as binary for)."""
    return not text.startswith(("\ufeff", *(magic.decode("latin-1") for magic, _, _ in _NOT_TEXT))) and (
        "\x00" not in text[:4096]
    )


def _checked(text: str, source: str, decoded: bool) -> str:
    """``text`` unless it is too long or holds what no database nor page can store."""
    # a browser sends a textarea back with CRLF line breaks: the preview's text, one character a break
    length = len(text) - text.count("\r\n") if decoded else 0
    if length > MAX_BYTES:
        raise ReportError(
            f"the report is {length:,} characters",
            source=source,
            expected=f"a report under {MAX_BYTES:,} characters (split the file)",
        )
    nul = text.find("\x00")
    if nul >= 0:
        raise _refused_at(
            text,
            nul,
            "the file holds a NUL character",
            source,
            "plain text (the file may be binary, damaged, or in another encoding: pass --encoding)",
        )
    # only a decoder the operator chose (utf-7, unicode_escape) yields a lone surrogate: no database
    # nor page can store it, so it is refused here, naming its line, not by the writer's encoder
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise _refused_at(
            text,
            surrogate.start(),
            f"the file decodes to a lone surrogate (U+{ord(surrogate.group()):04X})",
            source,
            "text in UTF-8, UTF-16 or Windows-1252 (check --encoding)",
        )
    return text


def _refused_at(text, index, problem, source, expected):
    line_start = text.rfind("\n", 0, index) + 1
    return ReportError(
        problem,
        line=text.count("\n", 0, index) + 1,
        text=text[line_start:index][-60:] + text[index],
        source=source,
        expected=expected,
    )


def _decode_as(data, source, encoding):
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise ReportError(
            f"unknown encoding {encoding!r}", source=source, expected="e.g. utf-8, utf-16, windows-1252, latin-1"
        ) from None
    name = "utf-8-sig" if codec.name == "utf-8" else codec.name
    try:
        return data.decode(name)
    except LookupError:  # a codec of bytes to bytes (hex, zlib) or of text to text (rot13)
        raise ReportError(
            f"{encoding!r} is not a text encoding", source=source, expected="e.g. utf-8, utf-16, windows-1252, latin-1"
        ) from None
    except UnicodeDecodeError as error:
        raise _not_encoded(data, error, source, codec.name, "the right --encoding") from None
    except UnicodeError as error:  # a codec that says no position (idna)
        raise ReportError(
            f"the file is not {codec.name} ({error})", source=source, expected="the right --encoding"
        ) from None


def _not_encoded(data, error, source, encoding, advice):
    line = data[: error.start].count(b"\n") + 1
    shown = encoding.upper() if encoding.startswith("utf") else encoding
    return ReportError(
        f"the file is not {shown} (byte 0x{data[error.start]:02x})",
        line=line,
        text=data[max(0, error.start - 20) : error.start + 20].decode(encoding, "replace"),
        source=source,
        expected=advice,
    )


def _detect(data, source):
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, source, encoding), encoding.removesuffix("-sig")
    head = data[:4096]
    for magic, what, advice in _NOT_TEXT:
        if head.startswith(magic):
            raise ReportError(f"the file is {what}, not text", source=source, expected=advice)
    utf16 = _utf16_without_bom(head)
    if utf16:
        return _decode_as(data, source, utf16), utf16
    if b"\x00" in head:
        raise ReportError("the file is binary, not text", source=source, expected="a text, CSV or HTML report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(data):
            # some UTF-8 and some bytes that are not: a damaged or mixed file, not Windows-1252
            raise _not_encoded(data, error, source, "utf-8", "UTF-8 text: re-save the file as UTF-8") from None
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _utf16_without_bom(head: bytes):
    """'utf-16-le' or 'utf-16-be' when NULs fill one byte of each pair of mostly-ASCII text."""
    pairs = len(head) // 2
    if pairs < 8:
        return None
    odd = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    even = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    if odd > 0.6 * pairs and even == 0:
        return "utf-16-le"
    if even > 0.6 * pairs and odd == 0:
        return "utf-16-be"
    return None
