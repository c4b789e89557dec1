"""Related exercises ranked when the content changes, not per request.

``exercises.site.selectors.related_exercises`` is the ranking's definition: the published
exercises of the same language, by how many muscles and pieces of equipment they share
with the exercise (most first), then by title, then by id, the first ``RELATED_LIMIT``.
This module stores that ranking per exercise (``RelatedExercise``) and keeps it equal to it
as a step of the publishing pipeline, per flush:

(a) the changed exercises Y are ranked again;
(b) so is every stored ranking that lists a member of Y (it may have got worse, changed
    language, been unpublished or deleted: the rankings listing a deleted exercise are
    read before its rows go, ``rankings_listing``);
(c) so is every ranked exercise X of a published y's language that y now beats: y shares
    more terms with X than X's stored last, or as many and comes first by (title, id), or
    X holds fewer than ``RELATED_LIMIT`` and shares a term with y.

Any other ranking cannot change: its exercise and its four are unchanged, and no changed
exercise beats its last.

Why not one SQL statement: ranking by counting shared terms reads, per exercise, the link
rows of every exercise sharing a term with it (at 100,000 demo exercises, 73,000 rows and
0.8-1.4 s each on PostgreSQL; 12 s for 20 in one set-based statement), and finding (c)
the same again. Instead, a flush reads each language concerned once in three queries
(every exercise in (title, id) order, as the database collates it, with whether it is
published now; the link rows; each ranked exercise's stored last) and ranks in memory
(``LanguageIndex``), level by level: the published exercises sharing all of X's terms
first, in title order, as the lowest bits of the AND of one bitmap per term (a bit per
place in title order); fewer than four, then those sharing all but one, and so on. The
rows are then written in three statements. So the queries of a flush do not grow with the
library; the memory and the reading do, linearly.

An exercise is marked ``related_ranked`` once stored, so "ranked, nothing related" (no
rows) differs from "never ranked" (written before the table existed, until
``manage.py rank_related`` has run), which the detail page ranks per request.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from django.db import connection
from django.db.models import BooleanField, Case, Value, When
from django.utils import timezone

from exercises.models import Exercise, RelatedExercise
from exercises.site.facet_counts import link_table
from publishing.models import live_condition
from publishing.pipeline import Changes

# Any fixed number: PostgreSQL's transaction-level advisory lock that queues the upkeeps.
RANKING_LOCK = 0x5245_4C41
# As many as the detail page shows (``related_exercises``'s default).
RELATED_LIMIT = 4
# Exercises whose rankings are written per transaction by ``manage.py rank_related``.
RANK_CHUNK = 5000
# The relations whose shared terms rank (the same as ``related_exercises``').
RANKED_BY = ("muscles", "equipment")
# An exercise with more terms than this is looked for among the unsaturated rankings'
# exercises term set by term set only up to this many (2**16 sets); beyond it, by a scan.
MAX_SUBSET_TERMS = 16


@dataclass
class LanguageIndex:
    """Every exercise of one language as the ranking sees it, read in three queries."""

    language: str
    order: list[int] = field(default_factory=list)  # ids in (title, id) order
    rank: dict[int, int] = field(default_factory=dict)  # id -> its place in ``order``
    live: set[int] = field(default_factory=set)  # published now
    ranked: set[int] = field(default_factory=set)  # marked related_ranked
    mask: dict[int, int] = field(default_factory=dict)  # id -> its terms, one bit each
    # term bit -> the published exercises having the term, as a bit per place in ``order``
    having: dict[int, int] = field(default_factory=dict)
    last: dict[int, tuple[int, int]] = field(default_factory=dict)  # x -> (shared, id) stored

    @classmethod
    def read(cls, language: str) -> "LanguageIndex":
        index = cls(language=language)
        rows = (
            Exercise.objects.filter(language=language)
            .annotate(
                live=Case(
                    When(live_condition(timezone.now()), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
            .order_by("title", "pk")
            .values_list("pk", "live", "related_ranked")
        )
        for place, (pk, live, ranked) in enumerate(rows.iterator(chunk_size=10_000)):
            index.rank[pk] = place
            index.order.append(pk)
            if live:
                index.live.add(pk)
            if ranked:
                index.ranked.add(pk)
        bits: dict[tuple[int, int], int] = {}
        places: dict[int, bytearray] = {}
        size = len(index.order) // 8 + 1
        with connection.cursor() as cursor:
            sql, params = _links_sql(language)
            cursor.execute(sql, params)
            for relation, exercise_id, term_id in cursor.fetchall():
                bit = bits.setdefault((relation, term_id), len(bits))
                index.mask[exercise_id] = index.mask.get(exercise_id, 0) | (1 << bit)
                if exercise_id in index.live:
                    place = index.rank[exercise_id]
                    row = places.setdefault(bit, bytearray(size))
                    row[place >> 3] |= 1 << (place & 7)
        index.having = {bit: int.from_bytes(row, "little") for bit, row in places.items()}
        lasts = RelatedExercise.objects.filter(
            exercise__language=language, position=RELATED_LIMIT
        ).values_list("exercise_id", "shared", "related_id")
        index.last = {x: (shared, related) for x, shared, related in lasts.iterator()}
        return index

    def ranking(self, x: int) -> list[tuple[int, int]]:
        """X's related exercises as (id, shared terms), best first, as ``related_exercises``
        ranks them: level by level from all of X's terms down, each level (the published
        exercises sharing exactly that many of X's terms, other than X) in (title, id)
        order, which is the order of the bits of ``having``."""
        terms = _bits(self.mask.get(x, 0))
        itself = 1 << self.rank[x] if x in self.live else 0
        found: list[tuple[int, int]] = []
        for shared in range(len(terms), 0, -1):
            level = 0
            for subset in combinations(terms, shared):
                level |= self._sharing_exactly(subset, terms)
            level &= ~itself
            while level and len(found) < RELATED_LIMIT:
                lowest = level & -level
                found.append((self.order[lowest.bit_length() - 1], shared))
                level ^= lowest
            if len(found) == RELATED_LIMIT:
                break
        return found

    def _sharing_exactly(self, subset: tuple[int, ...], terms: list[int]) -> int:
        """The published exercises having every term of ``subset`` and none of the other
        ``terms``, as bits by place."""
        having = self.having
        found = -1  # every bit
        for bit in subset:
            found &= having.get(bit, 0)
            if not found:
                return 0
        for bit in terms:
            if bit not in subset:
                found &= ~having.get(bit, 0)
        return found

    def beaten_by(self, changed: Iterable[int]) -> set[int]:
        """(c): the ranked exercises of this language whose stored ranking a changed,
        published exercise here now enters."""
        changed_here = [y for y in changed if y in self.live and self.mask.get(y)]
        if not changed_here:
            return set()
        # A ranking whose last shares all of its exercise's terms (the usual case) can only
        # be entered by an exercise having all of them: found by its exact term set.
        saturated: dict[int, list[int]] = defaultdict(list)
        others: list[int] = []
        for x in self.ranked:
            mine = self.mask.get(x, 0)
            if not mine:
                continue  # shares nothing with anything: stays empty
            last = self.last.get(x)
            if last is not None and last[0] == mine.bit_count():
                saturated[mine].append(x)
            else:
                others.append(x)
        beaten: set[int] = set()
        for y in changed_here:
            theirs = self.mask[y]
            if len(_bits(theirs)) <= MAX_SUBSET_TERMS:
                candidates: Iterable[int] = (
                    x for subset in _subsets(theirs) for x in saturated.get(subset, ())
                )
            else:
                candidates = (x for xs in saturated.values() for x in xs)
            beaten.update(x for x in candidates if x != y and self._beats(y, x))
            beaten.update(x for x in others if x != y and self._beats(y, x))
        return beaten

    def _beats(self, y: int, x: int) -> bool:
        shared = (self.mask[y] & self.mask[x]).bit_count()
        if not shared:
            return False
        last = self.last.get(x)
        if last is None:  # fewer than RELATED_LIMIT stored: every sharer belongs in it
            return True
        last_shared, last_id = last
        if shared != last_shared:
            return shared > last_shared
        # Ties by title then id, as the database orders them (the last may be unpublished
        # or moved since: then it is in Y too, and X is ranked again by (b) anyway).
        return last_id not in self.rank or self.rank[y] < self.rank[last_id]


def rank_related(exercise_ids: Iterable[int]) -> int:
    """Store the ranking of each of ``exercise_ids`` (replacing what was stored) and mark
    them ranked (ids of exercises that no longer exist write nothing). Returns how many
    exercises were ranked."""
    return _rank(set(exercise_ids), changed=(), with_rankings_listing=False)


def rankings_listing(exercise_ids: Iterable[int]) -> list[int]:
    """The exercises whose stored ranking lists any of ``exercise_ids``."""
    return list(
        RelatedExercise.objects.filter(related_id__in=list(exercise_ids))
        .order_by()
        .values_list("exercise_id", flat=True)
        .distinct()
    )


def related_upkeep(changes: Changes) -> None:
    """The pipeline's step for exercises: ``changes.pks`` changed (or were deleted)."""
    if changes.pks:
        _rank(set(changes.pks), changed=changes.pks, with_rankings_listing=True)


def rankings_upkeep(changes: Changes) -> None:
    """The pipeline's step for ``RelatedExercise``: ``changes.pks`` are exercises whose
    stored ranking lost a row with a deleted exercise (reported by the ``pre_delete``
    receiver in ``exercises.signals``, which reads them while the rows are there)."""
    rank_related(changes.pks)


def _rank(targets: set[int], *, changed: Iterable[int], with_rankings_listing: bool) -> int:
    """Rank ``targets``, (b) the rankings listing them when asked, and (c) the rankings
    ``changed`` exercises now enter."""
    changed = set(changed)
    # Two upkeeps at once (two app servers saving) would each replace rankings from what
    # they read before the other committed: the later one's rows would miss the earlier
    # one's change, or collide with its rows. On PostgreSQL they queue on a lock held until
    # commit, taken before anything is read; SQLite lets one writer in at a time anyway.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RANKING_LOCK])
    if with_rankings_listing:
        targets |= set(rankings_listing(targets))
    languages: dict[str, set[int]] = defaultdict(set)
    for pk, language in (
        Exercise.objects.filter(pk__in=sorted(targets | changed))
        .order_by()
        .values_list("pk", "language")
    ):
        languages[language].add(pk)
    rows: list[tuple[int, int, int, int]] = []
    ranked: set[int] = set()
    for language, here in sorted(languages.items()):
        index = LanguageIndex.read(language)
        here = (here & targets) | index.beaten_by(here & changed)
        for x in sorted(here):
            rows += [
                (x, related, position, shared)
                for position, (related, shared) in enumerate(index.ranking(x), start=1)
            ]
        ranked |= here
    _store(sorted(targets | ranked), rows)
    return len(ranked)


def _store(exercise_ids: Sequence[int], rows: list[tuple[int, int, int, int]]) -> None:
    """Replace the stored rows of ``exercise_ids`` with ``rows`` and mark them ranked."""
    if not exercise_ids:
        return
    table = connection.ops.quote_name(RelatedExercise._meta.db_table)
    # Raw SQL: the pipeline's steps write without signals (a QuerySet.delete() or
    # bulk_create would send them, or batch by the database's parameter limit).
    with connection.cursor() as cursor:
        for chunk in _chunks(list(exercise_ids), 500):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE exercise_id IN ({marks})", chunk)
        if rows:
            cursor.executemany(
                f"INSERT INTO {table} (exercise_id, related_id, position, shared) "
                "VALUES (%s, %s, %s, %s)",
                rows,
            )
    for chunk in _chunks(list(exercise_ids), 500):
        Exercise.objects.filter(pk__in=chunk, related_ranked=False).update(related_ranked=True)


def _links_sql(language: str) -> tuple[str, list[str]]:
    """(relation, exercise, term) for every link row of ``RANKED_BY`` of the language."""
    table = connection.ops.quote_name(Exercise._meta.db_table)
    parts, params = [], []
    for number, relation in enumerate(RANKED_BY):
        links, exercise_column, term_column = link_table(Exercise, relation)
        parts.append(
            f"SELECT {number}, l.{exercise_column}, l.{term_column} FROM {links} l "
            f"JOIN {table} e ON e.id = l.{exercise_column} WHERE e.language = %s"
        )
        params.append(language)
    return " UNION ALL ".join(parts), params


def _bits(mask: int) -> list[int]:
    return [bit for bit in range(mask.bit_length()) if mask >> bit & 1]


def _subsets(mask: int) -> Iterator[int]:
    """Every non-empty subset of ``mask``'s bits."""
    subset = mask
    while subset:
        yield subset
        subset = (subset - 1) & mask


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
