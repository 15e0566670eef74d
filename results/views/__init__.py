from results.views.pages import (
    EventDetailView,
    driver_detail,
    home,
    manufacturer_detail,
    season_detail,
    series_detail,
    team_detail,
    track_detail,
)

__all__ = [
    "EventDetailView",
    "driver_detail",
    "home",
    "manufacturer_detail",
    "season_detail",
    "series_detail",
    "team_detail",
    "track_detail",
]
