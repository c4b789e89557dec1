"""Taxonomy terms and tags by normalised name, loaded once per run and created on first use."""

from typing import Any, Generic, TypeVar

from django.utils.text import slugify
from taggit.models import Tag

from exercises.models import Taxonomy

TERM_NAME_LENGTH = 100

# A taxonomy model, or taggit's Tag (untyped here): both have a name and a slug.
Term = TypeVar("Term", bound=Taxonomy)


class TermCache(Generic[Term]):
    """Taxonomy terms by normalised name (the slug), created on first use in a run."""

    def __init__(self, model: type[Term], *, humanise: bool = True) -> None:
        self.model = model
        self.humanise = humanise
        self._by_slug: dict[str, Term] | None = None
        self._created: list[str] = []

    def _terms(self) -> dict[str, Term]:
        if self._by_slug is None:
            self._by_slug = {term.slug: term for term in self.model._default_manager.all()}
        return self._by_slug

    def _display_name(self, name: str) -> str:
        if self.humanise and name == name.lower():
            name = name.replace("-", " ").replace("_", " ")
            name = name[:1].upper() + name[1:]
        return name[:TERM_NAME_LENGTH]

    def get_or_create(self, name: str) -> Term | None:
        slug = slugify(name)[:TERM_NAME_LENGTH].strip("-")
        if not slug:
            return None
        terms = self._terms()
        if slug not in terms:
            # get_or_create: another import running at the same time may have just made it.
            terms[slug], _ = self.model._default_manager.get_or_create(
                slug=slug, defaults={"name": self._display_name(name)}
            )
            self._created.append(slug)
        return terms[slug]

    def commit(self) -> None:
        self._created.clear()

    def rollback(self) -> None:
        """Forget terms created inside a transaction that was rolled back."""
        for slug in self._created:
            self._terms().pop(slug, None)
        self._created.clear()


class TagCache(TermCache[Any]):
    """django-taggit tags, reused by normalised name like the other taxonomies."""

    def __init__(self) -> None:
        super().__init__(Tag, humanise=False)

    def _terms(self) -> dict[str, Term]:
        if self._by_slug is None:
            self._by_slug = {}
            for tag in Tag.objects.all():
                self._by_slug.setdefault(slugify(tag.name), tag)
                self._by_slug.setdefault(tag.slug, tag)
        return self._by_slug
