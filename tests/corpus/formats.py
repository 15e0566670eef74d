"""Every format of the corpus: how it renders a race, which fields it carries, how it names teams."""

from collections.abc import Callable
from dataclasses import dataclass

from tests.corpus import (
    agate,
    box_score,
    forum,
    glued,
    official,
    racing_reference,
    sheets,
    sites,
    spreadsheet,
    terminal,
    truth,
    wikipedia,
    wikipedia_classic,
    wikipedia_quirks,
)
from tests.corpus.races import Race


@dataclass(frozen=True)
class Format:
    name: str
    render: Callable[[Race], bytes]
    carries: Callable[[Race], set[str]]
    extension: str
    team: Callable[[str], str] = str  # the history's team as this format names it

    def filename(self, race: Race) -> str:
        return f"{race.key}-{self.name}.{self.extension}"


def _wikipedia_paste_carries(race: Race) -> set[str]:
    return wikipedia.carries(race) - {"stage1", "stage2"}


FORMATS = [
    Format("wikipedia", wikipedia.article, wikipedia.carries, "html"),
    Format("wikipedia-bare", wikipedia.bare_article, wikipedia.carries, "html"),
    Format("wikipedia-quirks", wikipedia_quirks.article, wikipedia_quirks.carries, "html"),
    Format("wikipedia-paste", wikipedia.pasted, _wikipedia_paste_carries, "txt"),
    Format("rr-page", racing_reference.page, racing_reference.carries, "html", truth.owner),
    Format("rr-tabs", racing_reference.tab_separated, racing_reference.carries, "txt", truth.owner),
    Format("rr-aligned", racing_reference.space_aligned, racing_reference.carries, "txt", truth.owner),
    Format("box-score", box_score.render, box_score.carries, "txt"),
    Format("box-score-stacked", box_score.stacked, box_score.carries, "txt"),
    Format("csv-excel", spreadsheet.excel, spreadsheet.excel_carries, "csv"),
    Format("csv-1252", spreadsheet.windows_1252, spreadsheet.basic_carries, "csv"),
    Format("utf16-tabs", spreadsheet.unicode_text, spreadsheet.rating_carries, "txt"),
    Format("csv-semicolon", spreadsheet.european, spreadsheet.rating_carries, "csv"),
    Format("csv-car-order", spreadsheet.car_order, spreadsheet.basic_carries, "csv"),
    Format("psql", terminal.render, terminal.carries, "txt"),
    Format("glued", glued.render, glued.carries, "txt"),
    Format("agate", agate.column, agate.carries, "txt"),
    Format("agate-run-in", agate.run_in, agate.carries, "txt"),
    Format("agate-numbered", agate.numbered, agate.numbered_carries, "txt"),
    Format("official", official.render, official.carries, "txt", truth.owner),
    Format("driver-averages", sites.driver_averages, sites.driver_averages_carries, "html"),
    Format("espn", sites.espn, sites.espn_carries, "html"),
    Format("wikipedia-classic", wikipedia_classic.article, wikipedia_classic.carries, "html", truth.owner),
    Format("markdown", forum.render, forum.carries, "md"),
    Format("markdown-numbered", forum.numbered, forum.carries, "md"),
    Format("google-sheets", sheets.google, sheets.google_carries, "csv"),
    Format("last-first", sheets.last_first, sheets.last_first_carries, "tsv"),
    Format("r-export", sheets.r_export, sheets.data_carries, "csv"),
    Format("pandas-export", sheets.pandas_export, sheets.data_carries, "csv"),
]
BY_NAME = {f.name: f for f in FORMATS}
