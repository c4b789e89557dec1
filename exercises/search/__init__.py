"""Exercise search: one API over two backends, chosen by the database in use.

PostgreSQL (production) stores a weighted, stemmed, accent-free tsvector per exercise and
falls back to trigram similarity on titles; SQLite (the embedded default) keeps an FTS5
table. Both are refreshed by ``index_exercises`` (the publishing pipeline's step, run after
every write) and never computed per query.
"""

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, FloatField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from exercises.models import Exercise
from exercises.search import postgres, sqlite
from exercises.search.documents import search_documents
from exercises.search.text import WORD_RE, highlight, query_words, strip_accents
from publishing.caching import kept_per_content_version

__all__ = [
    "BoundedSearch",
    "bounded_search",
    "did_you_mean",
    "highlight",
    "index_exercises",
    "index_unindexed_exercises",
    "rebuild_search_index",
    "search_exercises",
    "search_translations",
    "suggest_exercises",
    "translated_matches",
]

SUGGESTION_LIMIT = 8
# The matches a search on the site ranks, counts and narrows at most (titles first): ranking
# reads each match's stored text, so a word found in most exercises would otherwise cost
# a read of most of the library per search.
SEARCH_CANDIDATES = 500
MIN_SUGGEST_LENGTH = 2
CLOSE_WORD_CUTOFF = 0.7


def _backend() -> ModuleType:
    return postgres if connection.vendor == "postgresql" else sqlite


def search_exercises(queryset: QuerySet[Exercise], *, query: str, language: str) -> QuerySet:
    """The exercises of ``queryset`` that match ``query``, annotated with ``search_rank``
    (higher is better) and ordered by it; ``queryset`` unchanged for an empty query."""
    words = query_words(query)
    if not words:
        return queryset
    searched = _backend().search(queryset, words=words, language=language, query=query)
    return searched.order_by("-search_rank", "title", "pk")


@dataclass(frozen=True)
class BoundedSearch:
    """A search's matches among its candidates, ranked (``search_exercises``'s shape), and
    whether more exercises match than the candidates hold."""

    matches: QuerySet
    capped: bool = False


def bounded_search(
    queryset: QuerySet[Exercise], *, query: str, language: str, limit: int = SEARCH_CANDIDATES
) -> BoundedSearch:
    """``search_exercises`` over at most ``limit`` candidates: the matches with every word in
    the title first, then the others, each as the index hands them out (no match is read
    to choose them). Only the candidates are ranked, counted and narrowed, so a word in
    every exercise costs what ``limit`` matches cost. ``capped`` says there were more."""
    words = query_words(query)
    if not words:
        return BoundedSearch(queryset)
    backend = _backend()
    ids = _first_ids(
        [
            backend.title_matching(queryset, words=words, language=language),
            backend.matching(queryset, words=words, language=language),
        ],
        limit + 1,
    )
    matches = search_exercises(_among(queryset, ids[:limit]), query=query, language=language)
    return BoundedSearch(matches, capped=len(ids) > limit)


def _among(queryset: QuerySet[Exercise], ids: list[int]) -> QuerySet[Exercise]:
    """``queryset`` narrowed to ``ids``: on PostgreSQL as one array parameter, not one
    parameter per id (each query of the page would carry and quote hundreds)."""
    if connection.vendor == "postgresql":
        return queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,)))
    return queryset.filter(pk__in=ids)


def _first_ids(tiers: list[QuerySet], limit: int) -> list[int]:
    """Up to ``limit`` distinct ids, those of the first queryset first, in one query; each
    queryset is read no further than ``limit`` rows, in no particular order."""
    parts, params = [], []
    for tier, queryset in enumerate(tiers):
        try:
            named = queryset.order_by().annotate(candidate_id=F("pk")).values("candidate_id")
            sql, tier_params = named[:limit].query.sql_with_params()
        except EmptyResultSet:
            continue
        parts.append(f"SELECT candidate_id, {tier} AS tier FROM ({sql}) tier_{tier}")
        params.extend(tier_params)
    if not parts:
        return []
    sql = (
        f"SELECT candidate_id FROM ({' UNION ALL '.join(parts)}) candidate "
        "GROUP BY candidate_id ORDER BY MIN(tier), candidate_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [row[0] for row in cursor.fetchall()]


def translated_matches(*, query: str, language: str) -> QuerySet:
    """The published exercises of ``language`` that match ``query`` and can have a
    translation: each is its language's chosen one (``is_primary_translation``) of a key."""
    candidates = (
        Exercise.objects.published()
        .in_language(language)
        .filter(is_primary_translation=True)
        .exclude(translation_key="")
    )
    return search_exercises(candidates, query=query, language=language)


def search_translations(
    queryset: QuerySet[Exercise], *, query: str, search_language: str
) -> QuerySet[Exercise]:
    """The exercises of ``queryset`` whose translation in ``search_language`` matches
    ``query``, ranked by that translation's match: a search typed in one language that
    lists the same exercises in another. ``queryset`` unchanged for an empty query."""
    if not query_words(query):
        return queryset
    matches = translated_matches(query=query, language=search_language)
    rank = matches.filter(translation_key=OuterRef("translation_key")).values("search_rank")[:1]
    return (
        queryset.filter(is_primary_translation=True)
        .filter(translation_key__in=matches.order_by().values("translation_key"))
        .annotate(search_rank=Subquery(rank, output_field=FloatField()))
        .order_by("-search_rank", "title", "pk")
    )


def suggest_exercises(
    *, query: str, language: str, limit: int = SUGGESTION_LIMIT
) -> list[Exercise]:
    """The best published matches in ``language`` for a half-typed query."""
    if len(query.strip()) < MIN_SUGGEST_LENGTH or not query_words(query):
        return []
    published = Exercise.objects.published().in_language(language)
    matches = search_exercises(published, query=query, language=language)
    return list(matches.only("pk", "title", "slug", "language", "difficulty")[:limit])


def did_you_mean(*, query: str, language: str) -> str | None:
    """The query with each word missing from published titles replaced by the closest title
    word, or None when no word needs (or has) a replacement."""
    # Every title is read once per content version, not per search that found nothing.
    vocabulary = kept_per_content_version(
        json.dumps(["title-words", language]), lambda: title_words(language=language)
    )
    corrected, changed = [], False
    for word in query_words(query):
        folded = strip_accents(word)
        close = difflib.get_close_matches(folded, vocabulary, n=1, cutoff=CLOSE_WORD_CUTOFF)
        if folded in vocabulary or len(folded) <= 2 or not close:
            corrected.append(word)
        else:
            corrected.append(vocabulary[close[0]])
            changed = True
    return " ".join(corrected) if changed else None


def title_words(*, language: str) -> dict[str, str]:
    """The words of more than two letters of the published titles of ``language``, each
    by its form without accents."""
    titles = Exercise.objects.published().in_language(language).values_list("title", flat=True)
    vocabulary: dict[str, str] = {}
    for title in titles.iterator():
        for word in WORD_RE.findall(title.lower()):
            if len(word) > 2:
                vocabulary.setdefault(strip_accents(word), word)
    return vocabulary


def index_exercises(ids: Iterable[int]) -> int:
    """Refresh the search index for these exercises (deleted ones leave it); returns how
    many were indexed."""
    ids = list(ids)
    if not ids:
        return 0
    documents = list(search_documents(ids))
    _backend().write(documents, ids)
    return len(documents)


def rebuild_search_index() -> int:
    backend = _backend()
    backend.clear()
    return index_exercises(Exercise.objects.values_list("pk", flat=True))


def index_unindexed_exercises() -> int:
    """Index the exercises the index does not hold yet (after migrating an existing site)."""
    missing = _backend().unindexed_ids(Exercise.objects.order_by()).values_list("pk", flat=True)
    return index_exercises(missing)
