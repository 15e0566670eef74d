"""The editors' admin: each module registers its models (autodiscovery imports this package)."""

from results.admin import events, imports, merging, records

__all__ = ["events", "imports", "merging", "records"]
