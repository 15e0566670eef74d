"""The season page's points-progression chart: server-rendered SVG in the house style of ``results.charts``
(marks keep their size however the plot stretches, axis labels are HTML placed by percentage)."""

from django.template.defaultfilters import pluralize
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from results.charts import HEIGHT, WIDTH

# a colour and a dash per driver: told apart without colour alone
STYLES = ["s0", "s1", "s2", "s0 dashed", "s1 dashed", "s2 dashed"]
TOP = len(STYLES)


def points_chart(lines, names, marks):
    """Each driver's points after every round, one line each (``lines``: {driver: [(round, points)...]},
    ``names``: {driver: name}, in standing order). ``marks``: {round: (drivers in, out, withdrawn)} where the
    playoff field was set or cut: a dashed rule after that round, since the points jump at the reset."""
    rounds = [r for line in lines.values() for r, _ in line]
    values = [p for line in lines.values() for _, p in line if p is not None]
    if not values:
        return ""
    last, top = max(rounds), max(max(values), 1)
    low = min(min(values), 0)

    def x(round_number):
        return (round_number - 0.5) / last * WIDTH

    def y(points):
        return 6 + (top - points) * (HEIGHT - 12) / (top - low or 1)

    paths = []
    for i, (driver, line) in enumerate(lines.items()):
        known = " ".join(f"{x(r):.1f},{y(p):.1f}" for r, p in line if p is not None)
        final = next((p for _, p in reversed(line) if p is not None), None)
        title = f"<title>{escape(names[driver])}: {final} points</title>"
        paths.append(f'<polyline class="line {STYLES[i % TOP]}" points="{known}">{title}</polyline>')
    rules = [
        f'<line class="reset" x1="{x(r) + 0.5 * WIDTH / last:.1f}" x2="{x(r) + 0.5 * WIDTH / last:.1f}" y1="0" '
        f'y2="{HEIGHT}"><title>{_mark_words(r, *counts)}</title></line>'
        for r, counts in marks.items()
    ]
    ticks = [0, top] if low >= 0 else [low, 0, top]
    grid = format_html_join(
        "",
        '<line class="grid" x1="0" x2="{}" y1="{}" y2="{}"/>',
        ((WIDTH, f"{y(p):.1f}", f"{y(p):.1f}") for p in ticks),
    )
    step = max(1, round(last / 6))
    x_labels = format_html_join(
        "",
        '<span style="left:{}%">{}</span>',
        ((f"{x(r) / WIDTH * 100:.2f}", r) for r in range(1, last + 1) if r == 1 or r % step == 0),
    )
    y_labels = format_html_join(
        "", '<span style="top:{}%">{}</span>', ((f"{y(p) / HEIGHT * 100:.2f}", p) for p in ticks)
    )
    legend = format_html_join(
        "",
        '<li><svg viewBox="0 -6 20 12" width="20" height="12" aria-hidden="true"><line class="line {}" x1="0" x2="20" '
        'y1="0" y2="0"/></svg> {}</li>',
        ((STYLES[i % TOP], names[d]) for i, d in enumerate(lines)),
    )
    description = f"Points of the top {len(lines)} after each of {last} round{pluralize(last)}" + (
        ", dashed rules where the playoff field was set or cut (points reset there)." if marks else "."
    )
    return format_html(
        '<figure class="chart"><div class="plot"><div class="y-axis" aria-hidden="true">{}</div>'
        '<svg viewBox="0 0 {} {}" preserveAspectRatio="none" role="img" aria-labelledby="points-title points-desc">'
        '<title id="points-title">Points after each round</title><desc id="points-desc">{}</desc>{}{}{}</svg>'
        '<div class="x-axis" aria-hidden="true">{}</div></div>'
        '<figcaption><ul class="legend">{}</ul>{}</figcaption></figure>',
        y_labels,
        WIDTH,
        HEIGHT,
        description,
        grid,
        mark_safe("".join(rules)),
        mark_safe("".join(paths)),
        x_labels,
        legend,
        description,
    )


def _mark_words(round_number, n_in, n_out, n_withdrawn):
    if n_out:
        withdrawn = f", {n_withdrawn} withdrawn" if n_withdrawn else ""
        return f"After round {round_number}: {n_out - n_withdrawn} eliminated{withdrawn}, {n_in - n_out} still in"
    return f"After round {round_number}: {n_in} in the playoffs, points reset"
