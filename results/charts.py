"""Server-rendered SVG charts: readable without JavaScript, styled by the site's CSS.

The plot is an SVG stretched to the page's width at a fixed height; its marks keep their size (non-scaling
strokes) and its axis labels are HTML placed by percentage, so both stay readable on a 375 px phone as on
a desktop instead of shrinking with the drawing.
"""

from django.template.defaultfilters import pluralize
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 600, 220
SHAPES = ["round", "square", "bar"]  # each series its own shape as well as its own colour
STEPS = (1, 2, 5, 10, 20, 25, 50)
MAX_LABELS = 6  # year labels: about 50 px apart on a 375 px phone


def year_step(first, last):
    """The smallest round step that labels the span with at most MAX_LABELS years."""
    span = last - first + 1
    return next((step for step in STEPS if span / step <= MAX_LABELS), STEPS[-1])


def _marker(shape, x, y, css, title):
    """A mark as a zero-length line: with a non-scaling stroke (site.css) its round or square cap keeps its
    size and shape however the plot is stretched to the page's width."""
    x = f"{x:.1f}"  # formatted once for both ends: a career has over a thousand marks
    if shape == "bar":
        return f'<line class="{css} bar" x1="{x}" x2="{x}" y1="{y - 3:.1f}" y2="{y + 3:.1f}">{title}</line>'
    y = f"{y:.1f}"
    return f'<line class="{css} {shape}" x1="{x}" x2="{x}" y1="{y}" y2="{y}">{title}</line>'


def finishes_chart(points):
    """Every finishing position (a mark each) against time, best at the top, one shape and colour per series.

    ``points``: (year, round, rounds in that season, finish, series short name) of every race, in order.
    A race sits at its year plus the share of that season's rounds run before it.
    """
    if not points:
        return ""
    first, last = points[0][0], points[-1][0]
    worst = max(max(point[3] for point in points), 10)

    def x(year, round_number, rounds):
        return (year - first + (round_number - 0.5) / max(rounds, round_number, 1)) / (last - first + 1) * WIDTH

    def y(finish):
        return 6 + (finish - 1) * (HEIGHT - 12) / (worst - 1)

    series_names = list(dict.fromkeys(point[4] for point in points))
    style = {name: (SHAPES[i % len(SHAPES)], f"s{i % len(SHAPES)}") for i, name in enumerate(series_names)}
    label = {name: escape(name) for name in series_names}
    # plain f-strings: a career has over a thousand marks, and format_html per mark was most of the page
    marks = mark_safe(
        "".join(
            _marker(
                style[series][0],
                x(year, round_number, rounds),
                y(finish),
                f"dot {style[series][1]}{' win' if finish == 1 else ''}",
                f"<title>{int(year)} {label[series]} round {int(round_number)}: P{int(finish)}</title>",
            )
            for year, round_number, rounds, finish, series in points
        )
    )
    positions = [1, *range(10, worst + 1, 10)]
    grid = format_html_join(
        "",
        '<line class="grid" x1="0" x2="{}" y1="{}" y2="{}"/>',
        ((WIDTH, f"{y(p):.1f}", f"{y(p):.1f}") for p in positions),
    )
    step = year_step(first, last)
    years = [year for year in range(first, last + 1) if year % step == 0] or [first]
    x_labels = format_html_join(
        "",
        '<span style="left:{}%">{}</span>',
        ((f"{(year - first + 0.5) / (last - first + 1) * 100:.2f}", year) for year in years),
    )
    y_labels = format_html_join(
        "", '<span style="top:{}%">P{}</span>', ((f"{y(p) / HEIGHT * 100:.2f}", p) for p in positions)
    )
    legend = format_html_join(
        "",
        '<li><svg viewBox="-6 -6 12 12" width="12" height="12" aria-hidden="true">{}</svg> {}</li>',
        ((mark_safe(_marker(style[name][0], 0, 0, f"dot {style[name][1]}", "")), name) for name in series_names),
    )
    wins = sum(1 for point in points if point[3] == 1)
    description = (
        f"{len(points)} result{pluralize(len(points))} from {first} to {last}, {wins} win{pluralize(wins)}; "
        "each mark is one race, placed by date, best finishes at the top; wins are gold."
    )
    return format_html(
        '<figure class="chart"><div class="plot"><div class="y-axis" aria-hidden="true">{}</div>'
        '<svg viewBox="0 0 {} {}" preserveAspectRatio="none" role="img" aria-labelledby="chart-title chart-desc">'
        '<title id="chart-title">Finishing position in every race</title><desc id="chart-desc">{}</desc>'
        '{}{}</svg><div class="x-axis" aria-hidden="true">{}</div></div>'
        '<figcaption><ul class="legend">{}<li><span class="win-key" aria-hidden="true"></span> win</li></ul>{}'
        "</figcaption></figure>",
        y_labels,
        WIDTH,
        HEIGHT,
        description,
        grid,
        marks,
        x_labels,
        legend,
        description,
    )
