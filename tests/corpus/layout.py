"""Laying a table out as text: aligned columns (a terminal, a PDF pasted) or delimited lines."""


def aligned(header: list[str], body: list[list[str]], *, right: set[int], gap: int = 2, indent: str = "") -> list[str]:
    """Columns padded to their widest cell, numbers (indices in ``right``) flush right, as
    terminals and PDF exports print them."""
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(cells):
        parts = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return indent + (" " * gap).join(parts).rstrip()

    return [line(header), *(line(row) for row in body)]


def delimited(header: list[str], body: list[list[str]], delimiter: str) -> list[str]:
    return [delimiter.join(header), *(delimiter.join(row) for row in body)]


def psql(header: list[str], body: list[list[str]], *, right: set[int]) -> list[str]:
    """psql's aligned output: headers centred, " | " between cells, a ruling, a row count."""
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(cells, centre=False):
        parts = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            parts.append(cell.center(width) if centre else cell.rjust(width) if i in right else cell.ljust(width))
        return " " + " | ".join(parts).rstrip()

    ruling = "-+-".join("-" * w for w in widths)
    return [line(header, centre=True), "-" + ruling + "-", *(line(row) for row in body), f"({len(body)} rows)"]
