from results.views.data import data_page, download
from results.views.drivers import driver_detail, driver_index
from results.views.events import event_detail
from results.views.home import home
from results.views.indexes import manufacturer_index, team_index, track_index
from results.views.places import manufacturer_detail, team_detail, track_detail
from results.views.records import series_records
from results.views.rivals import compare, head_to_head
from results.views.search import search_page
from results.views.seasons import season_detail, series_detail

__all__ = [
    "compare",
    "head_to_head",
    "data_page",
    "download",
    "driver_detail",
    "driver_index",
    "event_detail",
    "home",
    "manufacturer_detail",
    "manufacturer_index",
    "search_page",
    "season_detail",
    "series_detail",
    "series_records",
    "team_detail",
    "team_index",
    "track_detail",
    "track_index",
]
