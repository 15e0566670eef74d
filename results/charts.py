"""Server-rendered SVG charts: readable without JavaScript, styled by the site's CSS."""

from django.template.defaultfilters import pluralize
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 240, 36, 8, 10, 24


def finishes_chart(points):
    """Every finishing position in race order (a dot each), best at the top.

    ``points`` is a list of (year, finish, series short name) in race order.
    """
    if not points:
        return ""
    worst = max(max(finish for _, finish, _ in points), 10)
    step = (WIDTH - LEFT - RIGHT) / max(len(points) - 1, 1)

    def x(i):
        return LEFT + i * step

    def y(finish):
        return TOP + (finish - 1) * (HEIGHT - TOP - BOTTOM) / (worst - 1)

    # plain f-strings: a career has over a thousand dots, and format_html per dot was most of the page
    series_names = {name for _, _, name in points}
    css = {name: escape(name.lower()) for name in series_names}
    label = {name: escape(name) for name in series_names}
    dots = mark_safe(
        "".join(
            f'<circle class="dot s-{css[series]}{" win" if finish == 1 else ""}" cx="{x(i):.1f}" cy="{y(finish):.1f}" '
            f'r="2.5"><title>{int(year)} {label[series]}: P{int(finish)}</title></circle>'
            for i, (year, finish, series) in enumerate(points)
        )
    )
    firsts: dict[int, int] = {}
    for i, (year, _, _) in enumerate(points):
        firsts.setdefault(year, i)
    every = max(1, len(firsts) // 8)
    ticks = format_html_join(
        "",
        '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
        ((f"{x(i):.1f}", HEIGHT - 6, year) for n, (year, i) in enumerate(sorted(firsts.items())) if n % every == 0),
    )
    grid = format_html_join(
        "",
        '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/><text class="tick" x="{}" y="{}" '
        'text-anchor="end">{}</text>',
        (
            (LEFT, WIDTH - RIGHT, f"{y(p):.1f}", f"{y(p):.1f}", LEFT - 4, f"{y(p) + 4:.1f}", f"P{p}")
            for p in (1, 10, 20, 30, 40)
            if p <= worst
        ),
    )
    wins = sum(1 for _, finish, _ in points if finish == 1)
    description = (
        f"{len(points)} result{pluralize(len(points))} from {points[0][0]} to {points[-1][0]}, "
        f"{wins} win{pluralize(wins)}; each dot is one race, best finishes at the top."
    )
    return format_html(
        '<figure class="chart"><svg viewBox="0 0 {} {}" role="img" aria-labelledby="chart-title chart-desc">'
        '<title id="chart-title">Finishing position in every race</title><desc id="chart-desc">{}</desc>'
        "{}{}{}</svg><figcaption>{}</figcaption></figure>",
        WIDTH,
        HEIGHT,
        description,
        grid,
        ticks,
        dots,
        description,
    )
