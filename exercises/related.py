"""Related exercises ranked when the content changes, not per request.

``exercises.site.selectors.related_exercises`` is the ranking's definition: the published
exercises of the same language, by how many muscles and pieces of equipment they share
with the exercise (most first), then by title, then by id, the first ``RELATED_LIMIT``.
This module stores that ranking per exercise (``RelatedExercise``) and keeps it equal to it
as a step of the publishing pipeline, set-based per flush:

(a) the changed exercises Y are ranked again;
(b) so is every stored ranking that lists a member of Y (it may have got worse, changed
    language, been unpublished or deleted: the rankings listing a deleted exercise are
    read before its rows go, ``rankings_listing``);
(c) so is every ranked exercise X that shares a term with a published y of Y in X's
    language, where y now beats X's stored last (shared desc, title, id) or X holds fewer
    than ``RELATED_LIMIT`` (y was missing from a complete list).

Any other ranking cannot change: its exercise and its four are unchanged, and no changed
exercise beats its last. The queries of a flush do not grow with the library: one finds
(b) and (c), then three per chunk of ``RANK_CHUNK`` rankings.

An exercise is marked ``related_ranked`` once stored, so "ranked, nothing related" (no
rows) differs from "never ranked" (written before the table existed, until
``manage.py rank_related`` has run), which the detail page ranks per request.
"""

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection

from exercises.models import Exercise, RelatedExercise
from exercises.site.facet_counts import link_table
from publishing.pipeline import Changes

# As many as the detail page shows (``related_exercises``'s default).
RELATED_LIMIT = 4
# Rankings written per statement: each reads the link rows of its exercises' terms, so a
# chunk's work is bounded by this times the busiest terms' exercises.
RANK_CHUNK = 200
# The relations whose shared terms rank (the same as ``related_exercises``').
RANKED_BY = ("muscles", "equipment")


def rank_related(exercise_ids: Iterable[int], *, chunk_size: int = RANK_CHUNK) -> int:
    """Store the ranking of each of ``exercise_ids`` (replacing what was stored) and mark
    them ranked (ids of exercises that no longer exist write nothing). Returns how many ids
    were given."""
    ids = sorted(set(exercise_ids))
    for chunk in _chunks(ids, chunk_size):
        _rank_chunk(chunk)
    return len(ids)


def rankings_listing(exercise_ids: Iterable[int]) -> list[int]:
    """The exercises whose stored ranking lists any of ``exercise_ids``."""
    return list(
        RelatedExercise.objects.filter(related_id__in=list(exercise_ids))
        .order_by()
        .values_list("exercise_id", flat=True)
        .distinct()
    )


def related_upkeep(changes: Changes) -> None:
    """The pipeline's step for exercises: ``changes.pks`` changed (or were deleted)."""
    if changes.pks:
        rank_related({*changes.pks, *_rankings_to_redo(changes.pks)})


def rankings_upkeep(changes: Changes) -> None:
    """The pipeline's step for ``RelatedExercise``: ``changes.pks`` are exercises whose
    stored ranking lost a row with a deleted exercise (reported by the ``pre_delete``
    receiver in ``exercises.signals``, which reads them while the rows are there)."""
    rank_related(changes.pks)


def _rankings_to_redo(changed: Iterable[int]) -> list[int]:
    """(b) and (c) for the changed exercises, in one query."""
    changed_ids = sorted(changed)
    table = _quote(Exercise._meta.db_table)
    rows = _quote(RelatedExercise._meta.db_table)
    pairs_sql, pairs_params = _pairs_sql("y", "x", changed_ids)
    candidates_sql, candidates_params = _candidates_sql()
    marks = _marks(changed_ids)
    sql = (
        # (c) a changed, published y that beats a ranked X's last, or joins a short list
        f"SELECT scored.x FROM (SELECT pairs.y, pairs.x, COUNT(*) AS shared "
        f"FROM ({pairs_sql}) pairs GROUP BY pairs.y, pairs.x) scored "
        f"JOIN ({candidates_sql}) y_row ON y_row.id = scored.y "
        f"JOIN {table} x_row ON x_row.id = scored.x AND x_row.language = y_row.language "
        f"AND x_row.related_ranked = %s "
        f"LEFT JOIN {rows} last_row ON last_row.exercise_id = scored.x "
        f"AND last_row.position = %s "
        f"LEFT JOIN {table} last_exercise ON last_exercise.id = last_row.related_id "
        f"WHERE last_row.id IS NULL OR scored.shared > last_row.shared "
        f"OR (scored.shared = last_row.shared AND (y_row.title < last_exercise.title "
        f"OR (y_row.title = last_exercise.title AND y_row.id < last_exercise.id))) "
        # (b) a stored ranking that lists a changed exercise
        f"UNION SELECT exercise_id FROM {rows} WHERE related_id IN ({marks})"
    )
    params = [*pairs_params, *candidates_params, True, RELATED_LIMIT, *changed_ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [x for (x,) in cursor.fetchall()]


def _rank_chunk(exercise_ids: Sequence[int]) -> None:
    """Replace the stored rankings of ``exercise_ids`` in three statements."""
    table = _quote(Exercise._meta.db_table)
    rows = _quote(RelatedExercise._meta.db_table)
    marks = _marks(exercise_ids)
    pairs_sql, pairs_params = _pairs_sql("x", "c", exercise_ids)
    candidates_sql, candidates_params = _candidates_sql()
    # Raw SQL: the pipeline's steps write without signals (a QuerySet.delete() would send
    # one per row), and the new rows come from the ranking query itself.
    insert = (
        f"INSERT INTO {rows} (exercise_id, related_id, position, shared) "
        f"SELECT ranked.x, ranked.c, ranked.position, ranked.shared FROM ("
        f"SELECT scored.x, scored.c, scored.shared, ROW_NUMBER() OVER ("
        f"PARTITION BY scored.x ORDER BY scored.shared DESC, candidate.title, candidate.id"
        f") AS position "
        f"FROM (SELECT pairs.x, pairs.c, COUNT(*) AS shared FROM ({pairs_sql}) pairs "
        f"GROUP BY pairs.x, pairs.c) scored "
        f"JOIN {table} own ON own.id = scored.x "
        f"JOIN ({candidates_sql}) candidate ON candidate.id = scored.c "
        f"AND candidate.language = own.language"
        f") ranked WHERE ranked.position <= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {rows} WHERE exercise_id IN ({marks})", list(exercise_ids))
        cursor.execute(insert, [*pairs_params, *candidates_params, RELATED_LIMIT])
    Exercise.objects.filter(pk__in=exercise_ids, related_ranked=False).update(related_ranked=True)


def _pairs_sql(own: str, other: str, exercise_ids: Sequence[int]) -> tuple[str, list[Any]]:
    """One row (own, other) per term an exercise of ``exercise_ids`` shares with another
    exercise, over the link tables of ``RANKED_BY``: counted per pair, the shared terms."""
    parts: list[str] = []
    params: list[Any] = []
    for relation in RANKED_BY:
        links, exercise_column, term_column = link_table(Exercise, relation)
        parts.append(
            f"SELECT mine.{exercise_column} AS {own}, theirs.{exercise_column} AS {other} "
            f"FROM {links} mine JOIN {links} theirs ON theirs.{term_column} = mine.{term_column} "
            f"WHERE mine.{exercise_column} IN ({_marks(exercise_ids)}) "
            f"AND theirs.{exercise_column} <> mine.{exercise_column}"
        )
        params.extend(exercise_ids)
    return " UNION ALL ".join(parts), params


def _candidates_sql() -> tuple[str, list[Any]]:
    """The exercises a ranking may list, as (id, language, title): the published ones."""
    candidates = Exercise.objects.published().order_by().values("id", "language", "title")
    sql, params = candidates.query.sql_with_params()
    return sql, list(params)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
