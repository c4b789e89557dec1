"""A workout item's name to the exercise it means: plain functions over candidate titles.

Names are compared as the vocabulary compares terms (``exercises.vocabulary``): folded to
ASCII, connecting words out, plurals singular, and Spanish plurals folded the way search
folds them (``exercises.search.text``). A name is looked up in the workout's own language
first, by title, slug and the exercise's old page names (aliases), word for word and then in
any word order; then among the other language's titles, where a match leads to its
translation in the workout's language when there is one.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from exercises.search.text import fold_spanish_word
from exercises.vocabulary import loose_words

# Below this a title is not worth suggesting for an unmatched name.
CLOSE_ENOUGH = 0.6


@dataclass(frozen=True)
class Candidate:
    pk: int
    language: str
    title: str
    slug: str = ""
    translation_key: str = ""
    aliases: tuple[str, ...] = ()  # old page names, such as "the-hundred"


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """``Las Flexiones de Brazos`` -> ``("flexion", "brazo")``; cached, as a run compares
    the same few hundred names thousands of times."""
    return tuple(fold_spanish_word(word) for word in loose_words(name))


def exact_key(name: str) -> str:
    return "-".join(name_words(name))


def any_order_key(name: str) -> str:
    return "-".join(sorted(name_words(name)))


class ExerciseMatcher:
    """Candidates indexed once; each lookup is a few dictionary reads."""

    def __init__(self, candidates: Iterable[Candidate]):
        self.candidates = sorted(candidates, key=lambda candidate: candidate.pk)
        self._exact: dict[tuple[str, str], Candidate] = {}
        self._any_order: dict[tuple[str, str], Candidate] = {}
        self._by_translation: dict[tuple[str, str], Candidate] = {}
        self.languages = sorted({candidate.language for candidate in self.candidates})
        for candidate in self.candidates:
            for word in (candidate.title, candidate.slug, *candidate.aliases):
                # The lowest pk keeps a key two exercises share, so a run is repeatable.
                if key := exact_key(word):
                    self._exact.setdefault((candidate.language, key), candidate)
                if key := any_order_key(word):
                    self._any_order.setdefault((candidate.language, key), candidate)
            if candidate.translation_key:
                self._by_translation.setdefault(
                    (candidate.language, candidate.translation_key), candidate
                )

    def _in(self, language: str, name: str) -> Candidate | None:
        return self._exact.get((language, exact_key(name))) or self._any_order.get(
            (language, any_order_key(name))
        )

    def match(self, name: str, language: str) -> Candidate | None:
        """The exercise ``name`` means for a workout in ``language``, else None."""
        if not name_words(name):
            return None
        if found := self._in(language, name):
            return found
        for other in (code for code in self.languages if code != language):
            if found := self._in(other, name):
                translated = self._by_translation.get((language, found.translation_key))
                return translated if found.translation_key and translated else found
        return None

    def closest(self, name: str, language: str, limit: int = 3) -> list[Candidate]:
        """The titles nearest an unmatched name in the workout's language, best first."""
        key = exact_key(name)
        scored = []
        for candidate in self.candidates:
            if candidate.language != language:
                continue
            ratio = SequenceMatcher(None, key, exact_key(candidate.title)).ratio()
            if ratio >= CLOSE_ENOUGH:
                scored.append((-ratio, candidate.pk, candidate))
        return [candidate for _, _, candidate in sorted(scored)[:limit]]
