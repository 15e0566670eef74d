"""The career chart: races placed by time, year labels that never collide, each series its own mark."""

import re

from results.charts import MAX_LABELS, finishes_chart, year_step


def test_year_labels_are_round_years_few_enough_not_to_collide():
    assert [year_step(1958, last) for last in (1960, 1963, 1969, 1992, 2025)] == [1, 1, 2, 10, 20]
    chart = str(finishes_chart([(1958, 1, 40, 12, "Cup"), (1992, 29, 29, 35, "Cup")]))
    labels = re.findall(r'<span style="left:([\d.]+)%">(\d{4})</span>', chart)
    assert [year for _, year in labels] == ["1960", "1970", "1980", "1990"] and len(labels) <= MAX_LABELS
    lefts = [float(left) for left, _ in labels]
    assert all(b - a > 100 / MAX_LABELS for a, b in zip(lefts, lefts[1:], strict=False))  # spaced by time


def test_a_race_sits_at_its_place_in_the_season():
    points = [(2020, 1, 10, 5, "Cup"), (2020, 10, 10, 1, "Cup"), (2021, 1, 10, 3, "Cup")]
    xs = [float(x) for x in re.findall(r'class="dot[^"]*" x1="([\d.]+)"', str(finishes_chart(points)))]
    assert xs[1] - xs[0] > xs[2] - xs[1]  # the season's last race is nearer the next season's first


def test_series_are_told_apart_and_wins_marked():
    chart = str(finishes_chart([(2020, 1, 2, 1, "Truck"), (2021, 1, 2, 4, "Xfinity"), (2021, 2, 2, 2, "Cup")]))
    assert 'class="dot s0 win round"' in chart and 'class="dot s1 square"' in chart and 'class="dot s2 bar"' in chart
    assert re.findall(r"</svg> (\w+)</li>", chart) == ["Truck", "Xfinity", "Cup"]  # the legend
    assert "3 results from 2020 to 2021, 1 win" in chart
