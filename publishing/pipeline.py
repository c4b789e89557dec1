"""The one owner of data derived from content: "content changed", run on transaction commit.

Writers never compute derived data themselves (stored HTML, search documents, picture
renditions, the page cache's content version). They, or the signal receivers that watch
their saves, report what changed with ``content_changed``; once the transaction commits,
the steps each content type registered with ``register`` recompute that content's derived
data from what was committed, and then the page cache's content version is bumped, so no
page is cached from derived data older than the content.

A rolled-back write (a failed file, a dry run) derives nothing: Django drops the commit
hooks of a transaction or savepoint that rolls back. Bulk writers wrap their run in
``batch()``: the changes of every transaction committed inside it are derived together, in
chunks of ``FLUSH_SIZE`` and at the end, never skipped.
"""

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import models, transaction

from publishing.caching import bump_content_version

# Changes of this many objects are derived at once inside a batch, bounding memory and
# letting the site show a long import's first files before it ends.
FLUSH_SIZE = 200


@dataclass(frozen=True)
class Changes:
    """The committed changes of one content type: the ids of the objects that changed
    (deleted ones included), and per aspect (``"picture"``) the ids whose aspect did."""

    model: type[models.Model]
    pks: frozenset[int]
    aspects: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def with_aspect(self, aspect: str) -> frozenset[int]:
        return self.aspects.get(aspect, frozenset())


Step = Callable[[Changes], object]

_steps: dict[type[models.Model], tuple[Step, ...]] = {}


def register(model: type[models.Model], *steps: Step) -> None:
    """Declare how ``model``'s derived data is computed: each step gets the committed
    ``Changes`` of that model, in the order given, and writes with ``QuerySet.update()`` or
    raw SQL (a step's write must not report a change of its own). Steps registered later
    (by apps listed later, such as the API's change log) run after the earlier ones, so
    they see the derived data those computed."""
    _steps[model] = (*_steps.get(model, ()), *steps)


def registered_steps(model: type[models.Model]) -> tuple[Step, ...]:
    return _steps.get(model, ())


class _ChangeSet:
    """Changed ids per content type and aspect, merged until they are derived."""

    def __init__(self) -> None:
        self.pks: dict[type[models.Model], set[int]] = {}
        self.aspects: dict[type[models.Model], dict[str, set[int]]] = {}

    def add(self, model: type[models.Model], pks: Iterable[int], aspects: Iterable[str]) -> None:
        ids = self.pks.setdefault(model, set())
        new = {pk for pk in pks if pk is not None}
        ids |= new
        for aspect in aspects:
            self.aspects.setdefault(model, {}).setdefault(aspect, set()).update(new)

    def merge(self, other: "_ChangeSet") -> None:
        for model, pks in other.pks.items():
            self.add(model, pks, ())
            for aspect, marked in other.aspects.get(model, {}).items():
                self.add(model, marked, (aspect,))

    def size(self) -> int:
        return sum(len(pks) for pks in self.pks.values())

    def __bool__(self) -> bool:
        return bool(self.pks)

    def take(self) -> list[Changes]:
        changes = [
            Changes(
                model=model,
                pks=frozenset(pks),
                aspects={
                    aspect: frozenset(marked)
                    for aspect, marked in self.aspects.get(model, {}).items()
                },
            )
            for model, pks in self.pks.items()
        ]
        self.pks, self.aspects = {}, {}
        return changes


class _CommitHook(_ChangeSet):
    """The changes reported at one savepoint level of an open transaction; Django calls it
    when the transaction commits and forgets it if that level rolls back."""

    def __init__(self) -> None:
        super().__init__()
        # Django names a failing robust hook by its __qualname__ when it logs the error.
        self.__qualname__ = "publishing.pipeline.content_changed (on commit)"

    def __call__(self) -> None:
        _state.pending.merge(self)
        if not _state.batch_depth or _state.pending.size() >= FLUSH_SIZE:
            flush()


class _State(threading.local):
    def __init__(self) -> None:
        self.pending = _ChangeSet()
        self.batch_depth = 0


_state = _State()


def content_changed(
    model: type[models.Model], pks: Iterable[int] = (), *, aspects: Iterable[str] = ()
) -> None:
    """Report that the objects ``pks`` of ``model`` changed (or were deleted); their derived
    data is recomputed once the current transaction commits (at once outside of one).
    With no ``pks``, only the content version changes (a change nothing is derived from,
    like a term no exercise uses yet). ``aspects`` names what else changed for them, for
    steps that only act on it ("picture")."""
    aspects = tuple(aspects)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _state.pending.add(model, pks, aspects)
        if not _state.batch_depth or _state.pending.size() >= FLUSH_SIZE:
            flush()
        return
    hook = _registered_hook(connection)
    if hook is not None:
        hook.add(model, pks, aspects)
        return
    hook = _CommitHook()
    hook.add(model, pks, aspects)
    # Robust: the content is committed by then; a derived datum that cannot be computed
    # (storage gone, say) is logged and left for the next change, not turned into an error.
    transaction.on_commit(hook, robust=True)


def _registered_hook(connection) -> _CommitHook | None:
    """This savepoint level's hook if it has one: one per level, however many rows a
    transaction writes."""
    level = set(connection.savepoint_ids)
    for sids, func, _robust in reversed(connection.run_on_commit):
        if isinstance(func, _CommitHook) and sids == level:
            return func
    return None


def flush() -> None:
    """Derive everything pending now (``batch()`` calls it at its end)."""
    while _state.pending:
        changes = _state.pending.take()
        with transaction.atomic():
            for change in changes:
                for chunk in _chunks(change):
                    for step in registered_steps(change.model):
                        step(chunk)
        bump_content_version()


def _chunks(change: Changes) -> Iterator[Changes]:
    """``change`` in parts of at most ``FLUSH_SIZE`` ids (a term used by thousands of
    exercises changes them all; a query names at most that many)."""
    ids = sorted(change.pks)
    for start in range(0, len(ids), FLUSH_SIZE):
        part = frozenset(ids[start : start + FLUSH_SIZE])
        yield Changes(
            model=change.model,
            pks=part,
            aspects={aspect: marked & part for aspect, marked in change.aspects.items()},
        )


@contextmanager
def batch() -> Iterator[None]:
    """Derive the changes committed inside the block together (in chunks of
    ``FLUSH_SIZE``), not once per transaction; whatever is left is derived on the way out,
    even when the block fails."""
    _state.batch_depth += 1
    try:
        yield
    finally:
        _state.batch_depth -= 1
        if not _state.batch_depth:
            flush()
