"""How tables sort, in SQL: missing values last in both directions, car numbers by their number,
ties always broken the same way (so paging never repeats or skips a row).

django-tables2 sorts a column by reversing every key of its ``order_by``; SQL puts NULLs first in one of
the two directions (SQLite ascending, PostgreSQL descending), so a driver with no points led a table
sorted by points. Columns built on ``SortedColumn`` sort by their ``sort`` keys instead.
"""

from dataclasses import dataclass

import django_tables2 as tables
from django.db.models import Expression, F, Func, IntegerField
from django.db.models.functions import Length


class LeadingNumber(Func):
    """The whole number a car number starts with ("01W" -> 1, "17x" -> 17, "099" -> 99); NULL when it
    starts with no digit ("", "x2"). Car numbers are text ("02" is not "2"), but fans read them as numbers."""

    output_field = IntegerField()
    template = "CAST(SUBSTRING(%(expressions)s FROM '^[0-9]+') AS integer)"

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(CASE WHEN {sql} GLOB '[0-9]*' THEN CAST({sql} AS INTEGER) END)", [*params, *params]


@dataclass(frozen=True)
class Key:
    """One sort key. ``missing``: the value may be NULL, and such rows go last whichever the direction.
    ``ascending``: the key keeps ascending order whichever the column's direction (a race's cars stay in
    finishing order when races run newest first)."""

    expression: str | Expression
    missing: bool = False
    ascending: bool = False

    def __deepcopy__(self, memo):
        return self  # never changed (frozen): each table's copy of its columns shares its sort keys

    def ordering(self, descending):
        expression = F(self.expression) if isinstance(self.expression, str) else self.expression
        nulls = {"nulls_last": True} if self.missing else {}  # plain otherwise, so indexes still serve it
        if descending and not self.ascending:
            return expression.desc(**nulls)
        return expression.asc(**nulls)


def missing(name):
    return Key(name, missing=True)


def by(*keys, tie="id"):
    """A column's sort keys, then ``tie`` (unless None): the same direction as the column, so an index
    ending in id serves both directions."""
    return tuple(key if isinstance(key, Key) else Key(key) for key in keys) + ((Key(tie),) if tie else ())


CAR_NUMBER = (Key(LeadingNumber("number"), missing=True), Key(Length("number")), Key("number"))


class SortedColumn(tables.Column):
    """A column sorted by its ``sort`` keys (see ``by``). ``best_first``: the first click sorts descending
    (wins, laps led, points: more is better), where positions sort ascending."""

    def __init__(self, *args, sort=None, best_first=False, **kwargs):
        self.sort = sort
        if sort is not None:
            # django-tables2's own record of the keys (it reads them to tell how a queryset is ordered)
            kwargs.setdefault("order_by", tuple(k.expression for k in sort if isinstance(k.expression, str)))
        kwargs.setdefault("initial_sort_descending", best_first)
        super().__init__(*args, **kwargs)

    def order(self, queryset, is_descending):
        if self.sort is None:
            return queryset, False
        return queryset.order_by(*(key.ordering(is_descending) for key in self.sort)), True
