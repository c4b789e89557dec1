"""PostgreSQL backend: a weighted tsvector stored in ``Exercise.search_vector`` (GIN
indexed), built with text search configurations that drop accents and then stem
(``pilates_english``, ``pilates_spanish``, created by the migration), and pg_trgm word
similarity on titles for the misspellings full-text search cannot match.

Spanish text and queries are also folded to the singular first, as on SQLite: the Spanish
stemmer leaves ``pies``/``pie`` and ``luces``/``luz`` apart once accents are gone.
"""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
)

from exercises.models import Exercise
from exercises.search.documents import SearchDocument
from exercises.search.text import fold_spanish_word

CONFIGS = {"en": "pilates_english", "es": "pilates_spanish"}
# ts_rank weights for D (steps, body), C (terms), B (description) and A (title).
WEIGHTS = [0.1, 0.2, 0.4, 1.0]
# Below this many full-text matches, titles that look like the query count as matches too.
FEW_MATCHES = 3
MIN_PREFIX_LENGTH = 2


class Fold(Func):
    """Lower case without accents (an immutable wrapper over unaccent, so it can be indexed)."""

    function = "pilates_fold"
    output_field = TextField()


class WordSimilar(Func):
    """True when the second text is similar to some stretch of words in the first (``%>``);
    served by the trigram index on ``pilates_fold(title)``."""

    arg_joiner = " %%> "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class TitleVector(Func):
    """The title's lexemes of the stored vector (weight A): the expression
    ``exercise_title_search_idx`` indexes, so title matches are found without reading the
    vectors of every match."""

    template = "ts_filter(%(expressions)s, '{a}')"
    output_field = SearchVectorField()


class WordSimilarity(Func):
    function = "word_similarity"
    output_field = FloatField()


def ts_query(words: list[str], language: str) -> SearchQuery:
    """Every word (each quoted, so none is an operator), the last one as a prefix."""
    if language == "es":
        words = [fold_spanish_word(word) for word in words]
    terms = [f"'{word}'" for word in words]
    if len(words[-1]) >= MIN_PREFIX_LENGTH:
        terms[-1] += ":*"
    return SearchQuery(" & ".join(terms), config=config_for(language), search_type="raw")


def config_for(language: str) -> str:
    return CONFIGS.get(language, CONFIGS["en"])


def search(queryset: QuerySet, *, words: list[str], language: str, query: str) -> QuerySet:
    tsquery = ts_query(words, language)
    text = " ".join(words)
    rank = SearchRank(F("search_vector"), tsquery, weights=WEIGHTS) + 0.01 * WordSimilarity(
        Fold(Value(text)), Fold(F("title"))
    )
    return matching(queryset, words=words, language=language).annotate(search_rank=rank)


def matching(queryset: QuerySet, *, words: list[str], language: str) -> QuerySet:
    """The exercises of ``queryset`` the words match, unranked: the full-text matches, or
    while there are fewer than ``FEW_MATCHES``, titles that look like the words too."""
    tsquery = ts_query(words, language)
    text = " ".join(words)
    full_text_matches = (
        Exercise.objects.published()
        .in_language(language)
        .filter(search_vector=tsquery)
        .order_by()
        .values("pk")[FEW_MATCHES - 1 : FEW_MATCHES]
    )
    # The Exists is not correlated, so PostgreSQL answers it once per query.
    near_title = WordSimilar(Fold(F("title")), Fold(Value(text))) & ~Exists(full_text_matches)
    return queryset.filter(Q(search_vector=tsquery) | near_title)


def title_matching(queryset: QuerySet, *, words: list[str], language: str) -> QuerySet:
    """The exercises of ``queryset`` whose title has every word (served by the title index)."""
    return queryset.alias(title_vector=TitleVector(F("search_vector"))).filter(
        title_vector=ts_query(words, language)
    )


def write(documents: list[SearchDocument], ids: Iterable[int]) -> None:
    """Store the vectors of ``documents``; ids without a document (deleted) need nothing."""
    rows: list[tuple[int | str, ...]] = []
    for document in documents:
        rows.append((*document.weighted_texts(), config_for(document.language), document.pk))
    with connection.cursor() as cursor:
        cursor.executemany(
            """
            UPDATE exercises_exercise SET search_vector =
                setweight(to_tsvector(config.name, %s), 'A')
                || setweight(to_tsvector(config.name, %s), 'B')
                || setweight(to_tsvector(config.name, %s), 'C')
                || setweight(to_tsvector(config.name, %s), 'D')
            FROM (SELECT %s::regconfig AS name) AS config
            WHERE id = %s
            """,
            rows,
        )


def clear() -> None:
    Exercise.objects.update(search_vector=None)


def unindexed_ids(queryset: QuerySet) -> QuerySet:
    return queryset.filter(search_vector__isnull=True)
