"""The content health report: what an editor should look at, found by reading only.

Each check is a function returning findings; ``content_report()`` runs them all. The
management command and the admin page only format what this module finds. Every check runs
a fixed number of queries, and the title comparisons stay near-linear at 10,000 exercises
(blocking by word pattern rather than comparing every pair).
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

from django.db.models import Count, Model, Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from exercises.models import Category, Equipment, Exercise, Language, Muscle, VideoReference
from exercises.text.prose import normalise_word
from exercises.vocabulary import tag_key
from publishing.registry import reported_models
from publishing.report import untranslated_content
from workouts.models import Workout
from workouts.report import duration_mismatches, unmatched_item_names

WORKOUT_MODEL = "workouts.workout"

# More exercises than this sharing one video is likely a placeholder nobody meant to publish.
SHARED_VIDEO_THRESHOLD = 5
# Two titles differing in one word are near-duplicates when those words are this alike
# ("Bech"/"Bench": 0.89 is; "Alcance"/"Balanceo": 0.8 and "Incline"/"Decline": 0.71 are not).
NEAR_WORD_SIMILARITY = 0.85
# A word pattern shared by more titles than this says little; its pairs are not compared,
# which keeps the cost bounded whatever the catalogue holds.
MAX_BLOCK_SIZE = 200


class FindingKind(StrEnum):
    SHARED_VIDEO = "shared-video"
    NO_STEPS = "no-steps"
    MISSING_TRANSLATION = "missing-translation"
    MISSING_IMAGE = "missing-image"
    DUPLICATE_TITLE = "duplicate-title"
    NEAR_DUPLICATE_TITLE = "near-duplicate-title"
    TRANSLATION_KEY_CONFLICT = "translation-key-conflict"
    UNREVIEWED_TERM = "unreviewed-term"
    NEUTRAL_FIELDS_DIFFER = "neutral-fields-differ"
    NEAR_DUPLICATE_TAG = "near-duplicate-tag"
    WORKOUT_TIME_DIFFERS = "workout-time-differs"
    UNMATCHED_WORKOUT_ITEM = "unmatched-workout-item"

    @property
    def label(self) -> str | Promise:
        return KIND_LABELS[self]


KIND_LABELS: dict[FindingKind, str | Promise] = {
    FindingKind.SHARED_VIDEO: gettext_lazy("Video on many exercises"),
    FindingKind.NO_STEPS: gettext_lazy("No steps"),
    FindingKind.MISSING_TRANSLATION: gettext_lazy("Missing translation"),
    FindingKind.MISSING_IMAGE: gettext_lazy("Missing image"),
    FindingKind.DUPLICATE_TITLE: gettext_lazy("Duplicate title"),
    FindingKind.NEAR_DUPLICATE_TITLE: gettext_lazy("Near-duplicate titles"),
    FindingKind.TRANSLATION_KEY_CONFLICT: gettext_lazy("Translation key shared in one language"),
    FindingKind.UNREVIEWED_TERM: gettext_lazy("Term awaiting review"),
    FindingKind.NEUTRAL_FIELDS_DIFFER: gettext_lazy("Translations differ in neutral fields"),
    FindingKind.NEAR_DUPLICATE_TAG: gettext_lazy("Near-duplicate tags"),
    FindingKind.WORKOUT_TIME_DIFFERS: gettext_lazy("Workout items add up to another time"),
    FindingKind.UNMATCHED_WORKOUT_ITEM: gettext_lazy("Workout item linked to no exercise"),
}


@dataclass(frozen=True)
class ExerciseRef:
    """A row a finding names: an exercise, or another content type's row (``model`` says
    which; the generic checks of ``publishing.report`` run over every registered model)."""

    pk: int
    language: str
    slug: str
    title: str
    model: str = "exercises.exercise"

    def as_dict(self) -> dict[str, Any]:
        named = {"id": self.pk, "language": self.language, "slug": self.slug, "title": self.title}
        if self.model != "exercises.exercise":
            named["type"] = self.model
        return named

    @property
    def change_url_name(self) -> str:
        """The admin change page's URL name."""
        return "admin:{}_{}_change".format(*self.model.split("."))

    def __str__(self) -> str:
        prefix = "" if self.model == "exercises.exercise" else self.model.split(".")[1] + " "
        return f"{prefix}{self.language}/{self.slug}"


@dataclass(frozen=True)
class Finding:
    """One thing to look at. ``message`` names everything (one line of the command's
    output); ``note`` says what is wrong without naming the exercises, which a page lists
    beside it, so no exercise is named twice."""

    kind: FindingKind
    message: str
    exercises: tuple[ExerciseRef, ...] = ()
    detail: dict[str, Any] = field(default_factory=dict)
    note: str = ""

    @property
    def languages(self) -> frozenset[str]:
        """The languages of the exercises it concerns; none for a term (both languages')."""
        return frozenset(ref.language for ref in self.exercises)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "message": self.message,
            "exercises": [exercise.as_dict() for exercise in self.exercises],
            **self.detail,
        }


_REF_FIELDS = ("pk", "language", "slug", "title")


def _refs(rows: Iterable[tuple[int, str, str, str]]) -> tuple[ExerciseRef, ...]:
    return tuple(ExerciseRef(*row) for row in rows)


def _listed(refs: tuple[ExerciseRef, ...], limit: int = 5) -> str:
    shown = ", ".join(str(ref) for ref in refs[:limit])
    return shown + (f", … (+{len(refs) - limit})" if len(refs) > limit else "")


def shared_videos(threshold: int = SHARED_VIDEO_THRESHOLD) -> Iterator[Finding]:
    shared = (
        VideoReference.objects.exclude(video_id="")
        .values("video_id")
        .annotate(exercises=Count("exercise", distinct=True))
        .filter(exercises__gt=threshold)
        .order_by("-exercises", "video_id")
    )
    counts = {row["video_id"]: row["exercises"] for row in shared}
    if not counts:
        return
    by_video: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    rows = (
        Exercise.objects.filter(videos__video_id__in=counts)
        .values_list("videos__video_id", *_REF_FIELDS)
        .order_by("language", "slug")
        .distinct()
    )
    for video_id, *ref in rows:
        by_video[video_id].append((ref[0], ref[1], ref[2], ref[3]))
    for video_id, count in counts.items():
        refs = _refs(by_video[video_id])
        yield Finding(
            FindingKind.SHARED_VIDEO,
            _("video %(video_id)s is on %(count)d exercises (a placeholder?): %(list)s")
            % {"video_id": video_id, "count": count, "list": _listed(refs)},
            refs,
            {"video_id": video_id, "count": count},
            _("Video %(video_id)s is on %(count)d exercises: a placeholder?")
            % {"video_id": video_id, "count": count},
        )


def exercises_without_steps() -> Iterator[Finding]:
    rows = Exercise.objects.filter(steps__isnull=True).values_list(*_REF_FIELDS)
    for ref in _refs(rows.order_by("language", "slug")):
        yield Finding(
            FindingKind.NO_STEPS,
            _("%(exercise)s has no steps") % {"exercise": ref},
            (ref,),
            note=_("No steps."),
        )


def missing_translations() -> Iterator[Finding]:
    others = dict(Language.choices)
    refs = (
        ExerciseRef(*row, model=model._meta.label_lower)
        for model, rows in untranslated_content()
        for row in rows
    )
    for ref in refs:
        missing = ", ".join(str(label) for code, label in others.items() if code != ref.language)
        yield Finding(
            FindingKind.MISSING_TRANSLATION,
            _("%(exercise)s has no translation (%(languages)s)")
            % {"exercise": ref, "languages": missing},
            (ref,),
            note=_("No translation (%(languages)s).") % {"languages": missing},
        )


def missing_images() -> Iterator[Finding]:
    rows = Exercise.objects.filter(Q(image="") | Q(image__isnull=True)).values_list(
        *_REF_FIELDS, "image_source"
    )
    for *ref, source in rows.order_by("language", "slug"):
        exercise = ExerciseRef(ref[0], ref[1], ref[2], ref[3])
        message = (
            _("%(exercise)s has no stored image; its file gave %(path)s, which was not found")
            % {"exercise": exercise, "path": source}
            if source
            else _("%(exercise)s has no image") % {"exercise": exercise}
        )
        note = (
            _("No stored image; its file gave %(path)s, which was not found.") % {"path": source}
            if source
            else _("No image.")
        )
        yield Finding(
            FindingKind.MISSING_IMAGE, message, (exercise,), {"image_source": source}, note
        )


_PUNCTUATION = re.compile(r"[^\w\s]|_")


def title_words(title: str) -> tuple[str, ...]:
    """A title as comparable words: no case, accents or punctuation, plural "s" dropped."""
    words = normalise_word(_PUNCTUATION.sub(" ", title)).split()
    return tuple(
        word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        for word in words
    )


def _titles_by_language() -> dict[str, list[tuple[tuple[str, ...], ExerciseRef]]]:
    titles: dict[str, list[tuple[tuple[str, ...], ExerciseRef]]] = defaultdict(list)
    for ref in _refs(Exercise.objects.values_list(*_REF_FIELDS).order_by("language", "slug")):
        titles[ref.language].append((title_words(ref.title), ref))
    return titles


def duplicate_titles() -> Iterator[Finding]:
    for language, titles in _titles_by_language().items():
        groups: dict[tuple[str, ...], list[ExerciseRef]] = defaultdict(list)
        for words, ref in titles:
            groups[words].append(ref)
        for refs in groups.values():
            if len(refs) > 1:
                yield Finding(
                    FindingKind.DUPLICATE_TITLE,
                    _("%(count)d exercises in %(language)s share the title %(title)r: %(list)s")
                    % {
                        "count": len(refs),
                        "language": language,
                        "title": refs[0].title,
                        "list": _listed(tuple(refs)),
                    },
                    tuple(refs),
                    note=_("%(count)d exercises share the title %(title)r.")
                    % {"count": len(refs), "title": refs[0].title},
                )


def _near_words(first: str, second: str) -> bool:
    return (
        min(len(first), len(second)) >= 4
        and SequenceMatcher(None, first, second).ratio() >= NEAR_WORD_SIMILARITY
    )


def _near_pairs(
    titles: list[tuple[tuple[str, ...], ExerciseRef]],
) -> Iterator[tuple[ExerciseRef, ExerciseRef]]:
    """Pairs of different titles that are the same words run together or reordered, or that
    differ in one word spelled almost alike. Titles are only compared within a block that
    shares a key, so the work grows with the catalogue, not with its square."""
    distinct: dict[tuple[str, ...], ExerciseRef] = {}
    for words, ref in titles:
        distinct.setdefault(words, ref)
    blocks: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for words in distinct:
        blocks[("joined", "".join(words))].append(words)
        blocks[("sorted", *sorted(words))].append(words)
        for position in range(len(words)):
            blocks[(str(len(words)), *words[:position], "*", *words[position + 1 :])].append(words)
    seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for key, members in blocks.items():
        if len(members) < 2 or len(members) > MAX_BLOCK_SIZE:
            continue
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                pair = (min(first, second), max(first, second))
                if pair in seen:
                    continue
                if key[0].isdigit():
                    position = key.index("*") - 1
                    if not _near_words(first[position], second[position]):
                        continue
                seen.add(pair)
                yield distinct[pair[0]], distinct[pair[1]]


def near_duplicate_titles() -> Iterator[Finding]:
    for language, titles in _titles_by_language().items():
        for first, second in _near_pairs(titles):
            yield Finding(
                FindingKind.NEAR_DUPLICATE_TITLE,
                _(
                    "%(language)s titles %(first)r (%(first_page)s) and %(second)r "
                    "(%(second_page)s) are nearly the same"
                )
                % {
                    "language": language,
                    "first": first.title,
                    "first_page": first,
                    "second": second.title,
                    "second_page": second,
                },
                (first, second),
                note=_("Titles nearly the same."),
            )


def translation_key_conflicts() -> Iterator[Finding]:
    """Several exercises of one language sharing a key: one is linked as the translation,
    the others stand alone (an editor may choose another in the admin)."""
    conflicts = (
        Exercise.objects.exclude(translation_key="")
        .values("translation_key", "language")
        .annotate(total=Count("pk"))
        .filter(total__gt=1)
    )
    keys = {(row["translation_key"], row["language"]) for row in conflicts}
    if not keys:
        return
    members: dict[tuple[str, str], list[tuple[ExerciseRef, bool]]] = defaultdict(list)
    rows = Exercise.objects.filter(translation_key__in={key for key, _ in keys}).values_list(
        "translation_key", *_REF_FIELDS, "is_primary_translation"
    )
    for key, pk, language, slug, title, primary in rows.order_by("pk"):
        if (key, language) in keys:
            members[(key, language)].append((ExerciseRef(pk, language, slug, title), primary))
    for (key, language), group in sorted(members.items()):
        chosen = [ref for ref, primary in group if primary]
        others = tuple(ref for ref, primary in group if not primary)
        yield Finding(
            FindingKind.TRANSLATION_KEY_CONFLICT,
            _(
                "%(count)d %(language)s exercises share the translation key %(key)r; linked as "
                "the translation: %(chosen)s; standing alone: %(others)s"
            )
            % {
                "count": len(group),
                "language": language,
                "key": key,
                "chosen": _listed(tuple(chosen)) or _("none"),
                "others": _listed(others) or _("none"),
            },
            tuple(ref for ref, _primary in group),
            {"translation_key": key, "language": language, "chosen": [r.pk for r in chosen]},
            _("They share the translation key %(key)r; linked as the translation: %(chosen)s.")
            % {"key": key, "chosen": _listed(tuple(chosen)) or _("none")},
        )


# The language-neutral values compared between translations, as read in bulk.
_NEUTRAL_VALUES = {
    "difficulty": gettext_lazy("difficulty"),
    "duration": gettext_lazy("duration"),
    "category_id": gettext_lazy("category"),
    "image": gettext_lazy("picture"),
}


def neutral_differences() -> list[tuple[ExerciseRef, ExerciseRef, list[str]]]:
    """Pairs of linked translations, both keeping in step, whose language-neutral values
    differ: (the default language's or first version, the other, what differs). Five
    queries whatever the catalogue holds."""
    linked = Exercise.objects.filter(is_primary_translation=True, follows_translation=True)
    linked = linked.exclude(translation_key="")
    groups: dict[str, list[tuple[ExerciseRef, tuple[Any, ...]]]] = defaultdict(list)
    rows = linked.values_list("translation_key", *_REF_FIELDS, *_NEUTRAL_VALUES)
    for key, pk, language, slug, title, *values in rows.order_by("translation_key", "pk"):
        groups[key].append((ExerciseRef(pk, language, slug, title), tuple(values)))
    groups = {key: members for key, members in groups.items() if len(members) > 1}
    if not groups:
        return []
    related: dict[str, dict[int, set[int]]] = {
        "equipment": defaultdict(set),
        "muscles": defaultdict(set),
    }
    links = (
        ("equipment", Exercise.equipment.through, "equipment_id"),
        ("muscles", Exercise.muscles.through, "muscle_id"),
    )
    for relation, through, term_column in links:
        pairs_of_ids = through.objects.filter(exercise__in=linked).values_list(
            "exercise_id", term_column
        )
        for exercise_id, term_id in pairs_of_ids:
            related[relation][exercise_id].add(term_id)
    videos: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for exercise_id, *video in (
        VideoReference.objects.filter(exercise__in=linked)
        .order_by("exercise_id", "position", "pk")
        .values_list("exercise_id", "provider", "video_id", "url")
    ):
        videos[exercise_id].append((video[0], video[1], video[2]))
    labels = [*_NEUTRAL_VALUES.values(), _("equipment"), _("muscles"), _("videos")]
    pairs = []
    for members in groups.values():
        members.sort(key=lambda member: (member[0].language != "en", member[0].pk))
        (first, first_values), others = members[0], members[1:]
        for other, other_values in others:
            compared = [
                *zip(first_values, other_values, strict=True),
                *(
                    (related[name].get(first.pk, set()), related[name].get(other.pk, set()))
                    for name in ("equipment", "muscles")
                ),
                (videos.get(first.pk, []), videos.get(other.pk, [])),
            ]
            differing = [
                str(label)
                for label, (mine, theirs) in zip(labels, compared, strict=True)
                if mine != theirs
            ]
            if differing:
                pairs.append((first, other, differing))
    return pairs


def neutral_fields_differ() -> Iterator[Finding]:
    for first, other, differing in neutral_differences():
        fields = ", ".join(differing)
        yield Finding(
            FindingKind.NEUTRAL_FIELDS_DIFFER,
            _("%(first)s and its translation %(other)s differ in %(fields)s")
            % {"first": first, "other": other, "fields": fields},
            (first, other),
            {"fields": differing},
            _("The translations differ in %(fields)s.") % {"fields": fields},
        )


# HOOK for the vocabulary work (issue 8, part A): taxonomy terms an import created and nobody
# has looked at. Whichever of these boolean fields a term model has is used; a model with
# neither contributes nothing, so this check is empty until that work lands.
_REVIEW_FLAGS = ("needs_review", "created_by_import")


def _review_flag(model: type[Model]) -> str | None:
    names = {model_field.name for model_field in model._meta.get_fields()}
    return next((flag for flag in _REVIEW_FLAGS if flag in names), None)


def unreviewed_terms() -> Iterator[Finding]:
    for model in (Category, Equipment, Muscle):
        flag = _review_flag(model)
        if flag is None:
            continue
        terms = model._default_manager.filter(**{flag: True}).order_by("slug")
        for slug, name in terms.values_list("slug", "name"):
            yield Finding(
                FindingKind.UNREVIEWED_TERM,
                _("%(kind)s %(name)r (%(slug)s) was created by an import and is not reviewed")
                % {"kind": model._meta.verbose_name, "name": name, "slug": slug},
                (),
                {"model": model._meta.model_name, "slug": slug},
            )


def near_duplicate_tags() -> Iterator[Finding]:
    """Tags in use that say the same thing in other forms (``ejercicio de glúteos`` and
    ``ejercicio glúteos``); imports reuse one, an editor's typing can still make another."""
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    used = Tag.objects.annotate(uses=Count("exercises_taggedexercise_items")).filter(uses__gt=0)
    for name, uses in used.order_by("name").values_list("name", "uses"):
        groups[tag_key(name)].append((name, uses))
    for names in groups.values():
        if len(names) > 1:
            yield Finding(
                FindingKind.NEAR_DUPLICATE_TAG,
                _("Tags %(names)s say the same thing; keep one")
                % {"names": ", ".join(f"{name!r} ({uses})" for name, uses in names)},
                (),
                {"tags": [name for name, _uses in names]},
            )


def _workout_ref(row: tuple[int, str, str, str]) -> ExerciseRef:
    return ExerciseRef(*row, model=WORKOUT_MODEL)


def _workouts_reported() -> bool:
    """Workouts are named once they are registered as reported content: the report links
    each finding to its admin page, which exists from then on."""
    return Workout in reported_models()


def workout_time_differs() -> Iterator[Finding]:
    """Workouts whose timed items add up to a time other than the duration they state."""
    if not _workouts_reported():
        return
    for mismatch in duration_mismatches():
        ref = _workout_ref(mismatch.workout)
        minutes, seconds = divmod(mismatch.total_seconds, 60)
        values = {
            "workout": ref,
            "stated": mismatch.stated_minutes,
            "total": f"{minutes}:{seconds:02d}",
            "untimed": mismatch.untimed_items,
        }
        note = (
            _(
                "States %(stated)s minutes; its timed items add up to %(total)s "
                "(%(untimed)s items without a time)."
            )
            % values
        )
        yield Finding(
            FindingKind.WORKOUT_TIME_DIFFERS,
            _("%(workout)s: ") % values + note,
            (ref,),
            detail={
                "stated_minutes": mismatch.stated_minutes,
                "total_seconds": mismatch.total_seconds,
                "untimed_items": mismatch.untimed_items,
            },
            note=note,
        )


def unmatched_workout_items() -> Iterator[Finding]:
    """Item names no exercise is linked to, with the closest exercise titles."""
    if not _workouts_reported():
        return
    for unmatched in unmatched_item_names():
        refs = tuple(_workout_ref(row) for row in unmatched.workouts)
        closest = ", ".join(unmatched.closest) or _("none close")
        values = {"name": unmatched.name, "language": unmatched.language, "closest": closest}
        note = (
            _("“%(name)s” (%(language)s) links to no exercise; closest titles: %(closest)s.")
            % values
        )
        yield Finding(
            FindingKind.UNMATCHED_WORKOUT_ITEM,
            f"{note} ({_listed(refs)})",
            refs,
            detail={"name": unmatched.name, "closest": list(unmatched.closest)},
            note=note,
        )


CHECKS = (
    shared_videos,
    translation_key_conflicts,
    duplicate_titles,
    near_duplicate_titles,
    exercises_without_steps,
    missing_translations,
    neutral_fields_differ,
    missing_images,
    unreviewed_terms,
    near_duplicate_tags,
    workout_time_differs,
    unmatched_workout_items,
)


def content_report() -> list[Finding]:
    """Every finding, most urgent kinds first."""
    return [finding for check in CHECKS for finding in check()]


def filter_findings(
    findings: Iterable[Finding], *, language: str = "", kind: str = ""
) -> list[Finding]:
    """The findings of one kind and/or about one language's exercises. A finding about no
    exercise (a term awaiting review) concerns every language."""
    return [
        finding
        for finding in findings
        if (not kind or finding.kind == kind)
        and (not language or not finding.languages or language in finding.languages)
    ]


def count_by_kind(findings: Iterable[Finding]) -> dict[FindingKind, int]:
    counts = dict.fromkeys(FindingKind, 0)
    for finding in findings:
        counts[finding.kind] += 1
    return counts
