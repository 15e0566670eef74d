"""The editors' admin: each module registers its models (autodiscovery imports this package)."""

from results.admin import championships, events, imports, merging, records

__all__ = ["championships", "events", "imports", "merging", "records"]
