"""Every count of one list page in one query: the total, each checkbox facet's most used
options and the maximum-duration choices. Any content model's list (exercises, workouts):
the model is the one the matches are of.

The list's search and base conditions run once, in a materialised common table
expression that also carries, per chosen filter, whether each match passes it. Each facet
then counts the matches that pass every *other* chosen filter (so an option's count is
what choosing it would leave), grouping the link tables by term. A search is never re-run
per facet, and the work does not grow with the number of facets.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, ForeignKey, Model, Q, QuerySet

# Options shown per facet before "show all".
FACET_OPTION_LIMIT = 10
# What the total's and the maximum durations' count rows say in place of a facet's query
# parameter (no parameter is spelled so: a list may have a facet called "duration").
TOTAL_ROW = "#total"
DURATION_ROW = "#duration"


@dataclass(frozen=True)
class CountedOption:
    value: str
    name: str
    names: dict[str, str]
    count: int

    def label_in(self, language: str) -> str:
        return self.names.get(language) or self.name


@dataclass
class FacetCounts:
    total: int = 0
    options: dict[str, list[CountedOption]] = field(default_factory=dict)
    # Facets with options left out of ``options`` (beyond the limit).
    truncated: set[str] = field(default_factory=set)
    durations: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FacetQuery:
    """What to count: ``facets`` maps each checkbox facet's query parameter to the
    field it counts (of the listed model, or an annotation of the matches); ``chosen`` the
    values picked per facet (listed first, even past the limit); ``expanded`` the facet
    shown in full; ``name_contains`` narrows one facet's options by name; ``term_filters``
    keeps a facet to some of its terms (a workout category facet: one group's terms)."""

    facets: Mapping[str, str]
    chosen: Mapping[str, list[str]]
    duration_limits: list[int]
    expanded: str = ""
    name_contains: Mapping[str, str] = field(default_factory=dict)
    limit: int = FACET_OPTION_LIMIT
    term_filters: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def count_facets(
    matches: QuerySet[Any], conditions: Mapping[str, Q], request: FacetQuery
) -> FacetCounts:
    """``matches``: the list narrowed by everything but the facet filters (the search);
    ``conditions``: each chosen filter's condition by query parameter."""
    model = matches.model
    flags = {name: f"passes_{index}" for index, name in enumerate(conditions)}
    # The listed rows' own columns that facets count by; many-to-many facets join later.
    columns = ["id", *(["duration"] if request.duration_limits else [])]
    annotated = []
    for field_name in request.facets.values():
        if field_name in matches.query.annotations:
            annotated.append(field_name)
            continue
        model_field = model._meta.get_field(field_name)
        if model_field.concrete and not model_field.many_to_many:
            columns.append(model_field.attname)
    # The fields, then the annotations: the order the SELECT has them in.
    columns = [*dict.fromkeys(columns), *annotated, *flags.values()]
    matching = (
        matches.order_by()
        .annotate(
            **{
                flags[name]: ExpressionWrapper(condition, output_field=BooleanField())
                for name, condition in conditions.items()
            }
        )
        .values(*columns)
    )
    try:
        matching_sql, matching_params = matching.query.sql_with_params()
    except EmptyResultSet:
        return FacetCounts()
    parts: list[str] = []
    params: list[Any] = []

    def passing(*, except_for: str = "") -> str:
        others = [f"m.{flag}" for name, flag in flags.items() if name != except_for]
        return " AND ".join(others) or "1 = 1"

    parts.append(f"SELECT {_select()} FROM matching m WHERE {passing()}")
    params.append(TOTAL_ROW)
    for index, (name, field_name) in enumerate(request.facets.items()):
        sql, branch_params = _facet_branch(
            model,
            name,
            None if field_name in matches.query.annotations else field_name,
            passing(except_for=name),
            request,
            alias=f"facet_{index}",
            column=field_name,
        )
        parts.append(sql)
        params.extend(branch_params)
    for limit in request.duration_limits:
        parts.append(
            f"SELECT {_select('CAST(%s AS TEXT)')} FROM matching m "
            f"WHERE {passing(except_for='duration')} AND m.duration <= %s"
        )
        params.extend([DURATION_ROW, str(limit), limit])
    materialised = "MATERIALIZED " if _supports_materialized() else ""
    # Named here: the compiled columns carry the table's name or none at all.
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    sql = f"WITH matching ({names}) AS {materialised}({matching_sql}) " + " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*matching_params, *params])
        rows = cursor.fetchall()
    return _collect(rows, request)


def _facet_branch(
    model: type[Model],
    name: str,
    field_name: str | None,
    passing: str,
    request: FacetQuery,
    *,
    alias: str,
    column: str,
) -> tuple[str, list[Any]]:
    """One facet's count rows: by ``field_name`` of ``model``, or (None) by the matches'
    annotated ``column``."""
    quote = connection.ops.quote_name
    model_field = None if field_name is None else model._meta.get_field(field_name)
    if model_field is None or model_field.related_model is None:  # choices, or an annotation
        column = quote(column if model_field is None else model_field.attname)
        sql = (
            f"SELECT {_select(f'm.{column}')} FROM matching m "
            f"WHERE {passing} AND m.{column} <> '' GROUP BY m.{column}"
        )
        return sql, [name]
    term_model = model_field.related_model
    assert isinstance(term_model, type)
    term_table = quote(term_model._meta.db_table)
    if isinstance(model_field, ForeignKey):
        join = f"JOIN {term_table} t ON t.id = m.{quote(model_field.attname)}"
    else:
        links, listed_column, term_column = link_table(model, model_field.name)
        join = (
            f"JOIN {links} l ON l.{listed_column} = m.id "
            f"JOIN {term_table} t ON t.id = l.{term_column}"
        )
    has_names = any(item.name == "translated_names" for item in term_model._meta.fields)
    names = "CAST(t.translated_names AS TEXT)" if has_names else "CAST(NULL AS TEXT)"
    where = [passing]
    params: list[Any] = [name]
    # Column names are the model's own (``term_filters`` come from a FilterSet's declaration).
    term_filter = request.term_filters.get(name, {})
    columns = {item.name: str(item.column) for item in term_model._meta.concrete_fields}
    term_where = [f"t.{quote(columns[key])} = %s" for key in term_filter]
    where.extend(term_where)
    params.extend(term_filter.values())
    if request.name_contains.get(name):
        where.append("LOWER(t.name) LIKE %s ESCAPE '\\'")
        params.append(f"%{_escape_like(request.name_contains[name].lower())}%")
    chosen = request.chosen.get(name) or []
    order = ["COUNT(*) DESC", "t.slug"]
    if chosen:
        placeholders = ", ".join(["%s"] * len(chosen))
        order.insert(0, f"CASE WHEN t.slug IN ({placeholders}) THEN 0 ELSE 1 END")
        params.extend(chosen)
    limit = ""
    if request.expanded != name:
        limit = " LIMIT %s"
        params.append(request.limit + len(chosen) + 1)
    sql = (
        f"SELECT * FROM (SELECT {_select('t.slug', 't.name', names)} FROM matching m {join} "
        f"WHERE {' AND '.join(where)} GROUP BY t.id ORDER BY {', '.join(order)}{limit}) "
        f"AS {alias}"
    )
    if chosen:
        # The chosen terms' names even when nothing is left for them (counted 0).
        placeholders = ", ".join(["%s"] * len(chosen))
        wanted = " AND ".join([f"t.slug IN ({placeholders})", *term_where])
        sql += (
            f" UNION ALL SELECT {_select('t.slug', 't.name', names, total='0')} "
            f"FROM {term_table} t WHERE {wanted}"
        )
        params.extend([name, *chosen, *term_filter.values()])
    return sql, params


def _collect(rows: list[tuple], request: FacetQuery) -> FacetCounts:
    counts = FacetCounts()
    found: dict[str, dict[str, CountedOption]] = {}
    for facet, value, label, names, total in rows:
        if facet == TOTAL_ROW:
            counts.total = total
        elif facet == DURATION_ROW:
            counts.durations[int(value)] = total
        else:
            by_value = found.setdefault(facet, {})
            if value not in by_value or by_value[value].count < total:
                by_value[value] = CountedOption(value, label or value, _names(names), total)
    for facet, counted in found.items():
        counts.options[facet], truncated = shown_options(list(counted.values()), request, facet)
        if truncated:
            counts.truncated.add(facet)
    return counts


def shown_options(
    counted: list[CountedOption], request: FacetQuery, facet: str
) -> tuple[list[CountedOption], bool]:
    """The options of ``facet`` the list shows: the chosen ones first, then the most used,
    at most ``request.limit`` besides the chosen unless the facet is shown in full; and
    whether some were left out."""
    chosen = set(request.chosen.get(facet) or [])
    options = sorted(
        counted, key=lambda option: (option.value not in chosen, -option.count, option.value)
    )
    keep = request.limit + len(chosen)
    if request.expanded != facet and len(options) > keep:
        return options[:keep], True
    return options, False


def _select(
    value: str = "CAST(NULL AS TEXT)",
    label: str = "CAST(NULL AS TEXT)",
    names: str = "CAST(NULL AS TEXT)",
    *,
    total: str = "COUNT(*)",
) -> str:
    """A count row's columns; the facet's name comes first, as a parameter."""
    return (
        f"CAST(%s AS TEXT) AS facet, {value} AS value, {label} AS label, {names} AS names, "
        f"{total} AS total"
    )


def link_table(model: type[Model], field_name: str) -> tuple[str, str, str]:
    """The link table of a many-to-many relation of ``model`` (an exercise's equipment, a
    workout's categories), its column naming the ``model`` row and its term column."""
    quote = connection.ops.quote_name
    model_field: Any = model._meta.get_field(field_name)
    through = model_field.remote_field.through
    term_model = model_field.related_model
    own_column = term_column = ""
    for link_field in through._meta.fields:
        if isinstance(link_field, ForeignKey):
            if link_field.related_model is model:
                own_column = link_field.column
            elif link_field.related_model is term_model:
                term_column = link_field.column
    return quote(through._meta.db_table), quote(own_column), quote(term_column)


def _names(value: Any) -> dict[str, str]:
    if not value:
        return {}
    names = json.loads(value) if isinstance(value, str) else value
    return {key: str(name) for key, name in names.items() if name} if names else {}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _supports_materialized() -> bool:
    # Both databases otherwise may inline the search into every facet's branch.
    if connection.vendor == "postgresql":
        return True
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version_info >= (3, 35, 0)
    return False
