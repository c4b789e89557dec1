"""What the search index holds for an exercise, read in a fixed number of queries."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from exercises.models import Exercise
from exercises.search.text import fold_spanish

CHUNK_SIZE = 500


@dataclass(frozen=True)
class SearchDocument:
    """An exercise's searchable text, by weight: title, then its summary, then the terms
    that classify it, then the rest of what its page says."""

    pk: int
    language: str
    title: str
    description: str
    terms: str
    content: str

    def weighted_texts(self) -> tuple[str, str, str, str]:
        """Title, description, terms and content as both backends store them: Spanish text
        folded to its singular form, which the Spanish stemmers leave apart."""
        texts = (self.title, self.description, self.terms, self.content)
        if self.language != "es":
            return texts
        title, description, terms, content = (fold_spanish(text) for text in texts)
        return title, description, terms, content


def search_documents(ids: Iterable[int]) -> Iterator[SearchDocument]:
    """Documents for the exercises among ``ids``, in chunks of a few queries each (the
    relations ``Exercise.search_select``/``search_prefetch`` declare)."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK_SIZE):
        exercises = (
            Exercise.objects.filter(pk__in=ids[start : start + CHUNK_SIZE])
            .select_related(*Exercise.search_select)
            .prefetch_related(*Exercise.search_prefetch)
            .order_by("pk")
        )
        for exercise in exercises:
            yield document_for(exercise)


def document_for(exercise: Exercise) -> SearchDocument:
    """The document ``Exercise.search_fields`` declares, weight by weight; expects the
    relations ``search_documents`` prefetches."""
    texts = exercise.search_texts()
    return SearchDocument(
        pk=exercise.pk,
        language=exercise.language,
        title=texts["A"],
        description=texts["B"],
        terms=texts["C"],
        content=texts["D"],
    )
