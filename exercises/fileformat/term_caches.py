"""Taxonomy terms and tags by normalised name, loaded once per run and created on first use.

A source word reaches a taxonomy term through the vocabulary: the term's slug, an alias
editors keep in the admin, or the term's name in any language, all compared folded
(``Glúteos`` -> ``gluteos``); else loosely (plurals and connecting words ignored: ``Bandas
elásticas``), else by its head word (``Banda de resistencia`` is a band, ``mini band`` too).
Only a word none of these reach makes a new term, named as the file spells it in the file's
language and flagged for review. Tags are reused the same loose way, in any word order, so
``ejercicio de glúteos`` and ``ejercicio glúteos`` are one tag.
"""

from typing import Any, Generic, TypeVar

from django.conf import settings
from taggit.models import Tag

from exercises.models import Taxonomy
from exercises.vocabulary import (
    TERM_SLUG_LENGTH,
    fold,
    loose_index,
    loose_key,
    loose_match,
    tag_key,
)

TERM_NAME_LENGTH = TERM_SLUG_LENGTH

Term = TypeVar("Term", bound=Taxonomy)


def display_name(word: str) -> str:
    """A lower-case source word as a name (``hip-flexors`` -> ``Hip flexors``); a word with
    capitals is kept as written."""
    if word == word.lower():
        word = word.replace("-", " ").replace("_", " ")
        word = word[:1].upper() + word[1:]
    return word[:TERM_NAME_LENGTH]


class RunCache:
    """Rows by folded word, created on first use in a run and forgotten on rollback."""

    def __init__(self) -> None:
        self._by_word: dict[str, Any] | None = None
        self._created: list[str] = []

    def _load(self) -> dict[str, Any]:
        raise NotImplementedError

    def _words(self) -> dict[str, Any]:
        if self._by_word is None:
            self._by_word = self._load()
        return self._by_word

    def commit(self) -> None:
        self._created.clear()

    def rollback(self) -> None:
        """Forget rows created (or looked up) inside a transaction that was rolled back: the
        next use loads them afresh."""
        if self._created:
            self._by_word = None
        self._created.clear()


class TermCache(RunCache, Generic[Term]):
    """The canonical term for a source word, whatever its language or spelling."""

    def __init__(self, model: type[Term]) -> None:
        super().__init__()
        self.model = model
        self._loose: dict[str, Term] = {}

    def _load(self) -> dict[str, Any]:
        terms = list(self.model._default_manager.all())
        by_pk = {term.pk: term for term in terms}
        by_word: dict[str, Any] = {}
        # Weakest first, so an alias beats a name and a slug beats both.
        for term in terms:
            for name in term.translated_names.values():
                by_word[fold(name)] = term
            by_word[fold(term.name)] = term
        alias_model: Any = self.model._meta.get_field("aliases").related_model
        for slug, term_pk in alias_model._default_manager.values_list("slug", "term"):
            by_word[slug] = by_pk[term_pk]
        by_word.update((term.slug, term) for term in terms)
        by_word.pop("", None)
        self._loose = loose_index(by_word.items())
        return by_word

    def find(self, word: str, *, language: str) -> Term | None:
        """The term ``word`` names by name, alias, slug or loosely; None when the vocabulary
        does not know it."""
        folded = fold(word)
        if not folded:
            return None
        terms = self._words()
        if folded not in terms and (known := loose_match(self._loose, word, language)):
            terms[folded] = known
            self._created.append(folded)  # forgotten on rollback, as the term may be
        return terms.get(folded)

    def get_or_create(self, word: str, *, language: str) -> Term | None:
        """The term ``word`` names; a new, flagged one when the vocabulary does not know it."""
        folded = fold(word)
        if not folded:
            return None
        terms = self._words()
        if self.find(word, language=language) is None:
            name = display_name(word)
            translated = {} if language == settings.LANGUAGE_CODE else {language: name}
            # get_or_create: another import running at the same time may have just made it.
            terms[folded], _ = self.model._default_manager.get_or_create(
                slug=folded,
                defaults={
                    "name": name,
                    "translated_names": translated,
                    "created_by_import": True,
                },
            )
            self._loose.setdefault(loose_key(word), terms[folded])
            self._created.append(folded)
        term: Term = terms[folded]
        return term


class TagCache(RunCache):
    """django-taggit tags, reused by normalised name or by the same words in any form."""

    def __init__(self) -> None:
        super().__init__()
        self._by_key: dict[str, Tag] = {}

    def _load(self) -> dict[str, Any]:
        by_word: dict[str, Any] = {}
        for tag in Tag.objects.order_by("pk"):
            by_word.setdefault(fold(tag.name), tag)
            by_word.setdefault(tag.slug, tag)
        self._by_key = {}
        for tag in by_word.values():
            self._by_key.setdefault(tag_key(tag.name), tag)
        return by_word

    def get_or_create(self, name: str) -> Tag | None:
        slug = fold(name)
        if not slug:
            return None
        tags = self._words()
        key = tag_key(name)
        if slug not in tags and key in self._by_key:
            tags[slug] = self._by_key[key]
            self._created.append(slug)
        if slug not in tags:
            tags[slug], _ = Tag.objects.get_or_create(
                slug=slug, defaults={"name": name[:TERM_NAME_LENGTH]}
            )
            self._by_key.setdefault(key, tags[slug])
            self._created.append(slug)
        tag: Tag = tags[slug]
        return tag
