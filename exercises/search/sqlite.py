"""SQLite backend: an FTS5 table (created by the migration) keyed by the exercise id.

The tokenizer folds accents and applies the Porter stemmer, which only knows English, so
Spanish text is brought to its singular form by ``fold_spanish`` before it is stored, and
the words of a Spanish query the same way before they are matched.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import F, FloatField, Func, QuerySet, Value
from django.db.models.expressions import RawSQL

from exercises.search.documents import SearchDocument
from exercises.search.text import fold_spanish_word

TABLE = "exercises_search_fts"
# bm25 weights for the columns title, description, terms, content.
COLUMN_WEIGHTS = (10.0, 4.0, 2.0, 1.0)
MIN_PREFIX_LENGTH = 2


class FtsRank(Func):
    """How well the exercise's row in the FTS table matches (higher is better)."""

    output_field = FloatField()

    def __init__(self, match: str):
        super().__init__(F("pk"), Value(match))

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        match_sql, match_params = compiler.compile(self.source_expressions[1])
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
        sql = (
            f"(SELECT -bm25({TABLE}, {weights}) FROM {TABLE} "
            f"WHERE {TABLE} MATCH {match_sql} AND {TABLE}.rowid = {pk_sql})"
        )
        return sql, (*match_params, *pk_params)


def match_expression(words: list[str], language: str) -> str:
    """An FTS5 query: every word, each quoted (so none is an operator), the last as a
    prefix so a half-typed word already matches."""
    if language == "es":
        words = [fold_spanish_word(word) for word in words]
    terms = [f'"{word}"' for word in words]
    if len(words[-1]) >= MIN_PREFIX_LENGTH:
        terms[-1] += "*"
    return " ".join(terms)


def search(queryset: QuerySet, *, words: list[str], language: str, query: str) -> QuerySet:
    match = match_expression(words, language)
    return matching(queryset, words=words, language=language).annotate(search_rank=FtsRank(match))


def matching(queryset: QuerySet, *, words: list[str], language: str) -> QuerySet:
    """The exercises of ``queryset`` the words match, unranked."""
    match = match_expression(words, language)
    matching_ids = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [match])
    return queryset.filter(pk__in=matching_ids)


def title_matching(queryset: QuerySet, *, words: list[str], language: str) -> QuerySet:
    """The exercises of ``queryset`` whose title has every word (an FTS5 column filter)."""
    match = "{title} : (" + match_expression(words, language) + ")"
    matching_ids = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [match])
    return queryset.filter(pk__in=matching_ids)


def write(documents: list[SearchDocument], ids: Iterable[int]) -> None:
    """Replace the rows of ``ids``; ids without a document (deleted exercises) just go."""
    rows: list[tuple[int | str, ...]] = []
    for document in documents:
        rows.append((document.pk, *document.weighted_texts()))
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk in ids])
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, title, description, terms, content) "
            "VALUES (%s, %s, %s, %s, %s)",
            rows,
        )


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


def unindexed_ids(queryset: QuerySet) -> QuerySet:
    return queryset.exclude(pk__in=RawSQL(f"SELECT rowid FROM {TABLE}", []))
