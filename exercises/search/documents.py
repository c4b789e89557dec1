"""What the search index holds for an exercise, read in a fixed number of queries."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

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
    """Documents for the exercises among ``ids``, in chunks of a few queries each."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK_SIZE):
        exercises = (
            Exercise.objects.filter(pk__in=ids[start : start + CHUNK_SIZE])
            .select_related("category")
            .prefetch_related(  # type: ignore[misc]  # the stubs do not know taggit's manager
                "equipment__aliases",
                "muscles__aliases",
                "category__aliases",
                "tags",
                "steps",
                "modifications",
                "faqs",
            )
            .order_by("pk")
        )
        for exercise in exercises:
            yield document_for(exercise)


def document_for(exercise: Exercise) -> SearchDocument:
    """Expects the relations ``search_documents`` prefetches."""
    # Taxonomy terms in the exercise's own language (that is what its visitors type), and
    # their aliases: other spellings, synonyms and the words of terms merged into them.
    language = exercise.language
    # Any: the concrete term models' ``aliases`` are reverse relations the stubs miss.
    classified: list[Any] = [*exercise.equipment.all(), *exercise.muscles.all()]
    if exercise.category:
        classified.append(exercise.category)
    terms = [
        *(term.name_in(language) for term in classified),
        *(alias.slug.replace("-", " ") for term in classified for alias in term.aliases.all()),
        *(tag.name for tag in exercise.tags.all()),
    ]
    content = [
        *(f"{step.title} {step.text}" for step in exercise.steps.all()),
        *(f"{item.name} {item.description}" for item in exercise.modifications.all()),
        *(f"{faq.question} {faq.answer}" for faq in exercise.faqs.all()),
        exercise.body,
    ]
    return SearchDocument(
        pk=exercise.pk,
        language=exercise.language,
        title=exercise.title,
        description=exercise.description,
        terms="\n".join(terms),
        content="\n".join(part.strip() for part in content if part.strip()),
    )
