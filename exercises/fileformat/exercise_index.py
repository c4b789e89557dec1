"""The run's picture of the exercises in the database: matched and updated without queries.

Loaded once per import run (ids, slugs, source paths, hashes, translation keys) and kept up
to date as the run writes, or would write on a dry run.
"""

from dataclasses import dataclass, field
from itertools import count

from django.db.models import Q

from exercises.fileformat.records import ExerciseRecord
from exercises.models import Exercise, Language

# One query for the whole run: only the columns matching and the update decision need.
_INDEXED = Exercise.objects.only(
    "pk",
    "language",
    "slug",
    "source_path",
    "source_hash",
    "translation_key",
    "title",
    "updated_at",
    "imported_at",
).order_by()


def _indexed(exercise: Exercise) -> "IndexedExercise":
    return IndexedExercise(
        exercise.pk,
        exercise.language,
        exercise.slug,
        exercise.source_path,
        exercise.source_hash,
        exercise.translation_key,
        exercise.title,
        exercise.changed_since_import,
    )


@dataclass
class IndexedExercise:
    pk: int
    language: str
    slug: str
    source_path: str
    source_hash: str
    translation_key: str
    title: str = ""
    # Saved since its last import (or never imported): an import leaves it alone unless told.
    changed_since_import: bool = False


@dataclass
class ExerciseIndex:
    """What the database holds, kept up to date as the run writes (or would write)."""

    by_slug: dict[tuple[str, str], IndexedExercise] = field(default_factory=dict)
    by_source: dict[str, list[IndexedExercise]] = field(default_factory=dict)
    by_translation: dict[tuple[str, str], list[IndexedExercise]] = field(default_factory=dict)
    claimed_by: dict[int, str] = field(default_factory=dict)  # pk -> source path this run
    _dry_run_ids: "count[int]" = field(default_factory=lambda: count(-1, -1))

    @classmethod
    def load(cls) -> "ExerciseIndex":
        index = cls()
        for exercise in _INDEXED.iterator():
            index.add(_indexed(exercise))
        return index

    def refresh(self, record: ExerciseRecord) -> bool:
        """Add the exercises another process made for ``record`` since the run started.

        True when there were any: the file is then matched again instead of failing.
        """
        known = {entry.pk for entries in self.by_source.values() for entry in entries}
        rows = _INDEXED.filter(
            Q(source_path=record.source_path) | Q(language=record.language, slug=record.slug)
        ).exclude(pk__in=known)
        found = [_indexed(exercise) for exercise in rows]
        for entry in found:
            self.add(entry)
        return bool(found)

    def add(self, entry: IndexedExercise) -> None:
        self.by_slug[(entry.language, entry.slug)] = entry
        self.by_source.setdefault(entry.source_path, []).append(entry)
        if entry.translation_key:
            key = (entry.translation_key, entry.language)
            self.by_translation.setdefault(key, []).append(entry)

    def remove(self, entry: IndexedExercise) -> None:
        self.by_slug.pop((entry.language, entry.slug), None)
        self.by_source.get(entry.source_path, []).remove(entry)
        if entry.translation_key:
            self.by_translation[(entry.translation_key, entry.language)].remove(entry)

    def new_id(self) -> int:
        return next(self._dry_run_ids)

    def match(self, record: ExerciseRecord) -> IndexedExercise | None:
        """The exercise this file imported before: same source path, else same slug."""
        for entry in self.by_source.get(record.source_path, []):
            if entry.language == record.language and entry.pk not in self.claimed_by:
                return entry
        same_slug = self.by_slug.get((record.language, record.slug))
        if same_slug is not None and same_slug.pk not in self.claimed_by:
            return same_slug
        return None

    def same_translation(
        self, record: ExerciseRecord, entry: IndexedExercise | None
    ) -> list[IndexedExercise]:
        """Other exercises with this file's translation key in the same language."""
        key = (record.translation_key, record.language)
        return [other for other in self.by_translation.get(key, []) if other is not entry]

    def translation_choice_open(
        self, record: ExerciseRecord, entry: IndexedExercise | None
    ) -> bool:
        """Whether some language of the file's translation key has more than one exercise
        once this file is in, so which one is the translation needs deciding."""
        if not record.translation_key:
            return False
        if self.same_translation(record, entry):
            return True
        return any(
            len(self.by_translation.get((record.translation_key, language), [])) > 1
            for language in Language.values
        )
