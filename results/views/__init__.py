from results.views.drivers import driver_detail, driver_index
from results.views.events import event_detail
from results.views.home import home
from results.views.places import manufacturer_detail, team_detail, track_detail
from results.views.seasons import season_detail, series_detail

__all__ = [
    "driver_detail",
    "driver_index",
    "event_detail",
    "home",
    "manufacturer_detail",
    "season_detail",
    "series_detail",
    "team_detail",
    "track_detail",
]
