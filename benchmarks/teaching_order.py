"""Does real-shaped content read right? Imports the realistic corpus and reads every page.

    .venv/bin/python benchmarks/teaching_order.py

Writes ``benchmarks/real_shape_corpus.py``'s ~1,050 files to a scratch folder, imports them
into a throwaway SQLite database and renders every detail page (page cache off), then prints:

- pages with tips before steps: a breathing/tips/mistakes/benefits/safety heading before the
  steps (the "How to do it" list, else the first Execution/Movement heading);
- pages with the movement before the setup: the steps before a Setup/Starting Position heading;
- pages with a repeated instruction: a 60-character run of a step's text shown twice;
- Spanish-only facet values: categories, equipment and muscles that Spanish exercises use
  and no English exercise does (every corpus exercise has both, so each is a word the
  vocabulary did not map), by name;
- near-duplicate tags (same words once accents, case, plurals and "de/of" are ignored) and
  terms named differently in Spanish as a category and as equipment.

The checks read the rendered HTML with their own word lists, not the project's, so the
figures judge the project rather than repeat it.
"""

import os
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from contextlib import suppress
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = 60  # characters of step text that, shown twice, make a page repeat itself

_GUIDANCE = re.compile(
    r"\b(tips?|key points|form cues|mistakes|breathing|caution|safety|benefits|consejos|"
    r"puntos clave|errores|respiracion|precauciones|seguridad|beneficios)\b"
)
_STEPS = re.compile(
    r"\b(movement|execution|instructions|how to perform|steps|movimiento|ejecucion|"
    r"instrucciones|pasos)\b"
)
_SETUP = re.compile(
    r"\b(setup|set up|starting position|preparation|preparacion|posicion inicial)\b"
)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(folded.casefold().split())


class _Page(HTMLParser):
    """The main element's headings (and bold-only paragraphs), step texts and visible text,
    up to the related exercises."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str]] = []  # ("heading", text) or ("steps", "")
        self.steps: list[str] = []
        self.text: list[str] = []
        self._in_main = False
        self._heading: list[str] | None = None
        self._paragraph: list[str] | None = None
        self._paragraph_bold: list[str] = []
        self._bold_depth = 0
        self._step: list[str] | None = None
        self._step_depth = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "main":
            self._in_main = True
        if tag == "section" and "related" in (attributes.get("class") or "").split():
            self._in_main = False  # other exercises' cards: not this page's teaching
        if not self._in_main:
            return
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            self._heading = []
            if attributes.get("id") == "steps-heading":
                self.events.append(("steps", ""))
        elif tag == "p":
            self._paragraph, self._paragraph_bold = [], []
        elif tag == "strong" and self._paragraph is not None:
            self._bold_depth += 1
        elif tag == "ol" and "steps" in (attributes.get("class") or "").split():
            self._step_depth = 1
        elif tag == "li" and self._step_depth == 1:
            self._step = []
        if tag in ("p", "li", "h2", "h3", "h4", "h5", "h6", "div", "section", "br"):
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self._in_main:
            return
        if tag == "main":
            self._in_main = False
        elif tag in ("script", "style", "template"):
            self._skip -= 1
        elif tag in ("h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            self.events.append(("heading", "".join(self._heading)))
            self._heading = None
        elif tag == "strong" and self._bold_depth:
            self._bold_depth -= 1
        elif tag == "p" and self._paragraph is not None:
            whole, bold = "".join(self._paragraph).strip(), "".join(self._paragraph_bold).strip()
            if whole and whole == bold:  # a "**Label:**" line: a heading in the source
                self.events.append(("heading", whole))
            self._paragraph = None
        elif tag == "li" and self._step is not None:
            self.steps.append("".join(self._step))
            self._step = None
        elif tag == "ol" and self._step_depth:
            self._step_depth = 0
        if tag in ("p", "li", "div", "section"):
            self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._in_main or self._skip:
            return
        self.text.append(data)
        for sink in (self._heading, self._paragraph, self._step):
            if sink is not None:
                sink.append(data)
        if self._paragraph is not None and self._bold_depth:
            self._paragraph_bold.append(data)


def _first(events: list[tuple[str, str]], pattern: re.Pattern[str] | None) -> int | None:
    for index, (kind, text) in enumerate(events):
        if pattern is None and kind == "steps":
            return index
        if pattern is not None and kind == "heading" and pattern.search(_plain(text)):
            return index
    return None


def page_findings(html: str) -> dict[str, bool]:
    page = _Page()
    page.feed(html)
    events = page.events
    steps_at = _first(events, None)
    if steps_at is None:
        steps_at = _first(events, _STEPS)
    guidance_at = _first(events, _GUIDANCE)
    setup_at = _first(events, _SETUP)
    text = _plain("".join(page.text))
    repeated = False
    for step in page.steps:
        plain = _plain(step)
        for start in range(0, max(len(plain) - RUN, 0) + 1, 10):
            window = plain[start : start + RUN]
            if len(window) == RUN and text.count(window) > 1:
                repeated = True
                break
    return {
        "tips before steps": steps_at is not None
        and guidance_at is not None
        and guidance_at < steps_at,
        "movement before setup": steps_at is not None
        and setup_at is not None
        and steps_at < setup_at,
        "repeated instruction": repeated,
    }


def _tag_key(name: str) -> str:
    words = re.findall(r"\w+", _plain(name))
    filler = {"de", "del", "la", "el", "of", "the", "for", "para", "en", "y", "and"}
    return " ".join(word.rstrip("s") for word in words if word not in filler)


def spanish_only_facet_values() -> list[str]:
    """Categories, equipment and muscles used by Spanish exercises and by no English one."""
    from exercises.models import Category, Equipment, Exercise, Muscle

    found = []
    for model, field in ((Category, "category"), (Equipment, "equipment"), (Muscle, "muscles")):
        used = {
            language: set(
                Exercise.objects.filter(language=language)
                .exclude(**{f"{field}__isnull": True})
                .values_list(field, flat=True)
            )
            for language in ("en", "es")
        }
        for term in model.objects.filter(pk__in=used["es"] - used["en"]).order_by("slug"):
            found.append(f"{model.__name__.lower()}: {term.name}")
    return found


def measure() -> None:
    from django.core.management import call_command
    from django.test import Client
    from taggit.models import Tag

    from exercises.models import Category, Equipment, Exercise

    sys.stdout.write(f"code: {Path(sys.modules['exercises'].__file__ or '').parent}\n")
    call_command("migrate", verbosity=0)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from real_shape_corpus import write_corpus

    corpus = Path(os.environ["TEACHING_SCRATCH"]) / "corpus"
    files = write_corpus(corpus)
    with suppress(SystemExit):
        call_command("import_exercises", str(corpus), stdout=StringIO(), stderr=StringIO())
    exercises = list(Exercise.objects.order_by("pk"))
    sys.stdout.write(f"corpus: {files} files, {len(exercises)} exercises imported\n")

    client = Client()
    totals: dict[str, list[str]] = defaultdict(list)
    pages = 0
    for exercise in exercises:
        response = client.get(exercise.get_absolute_url(), secure=True)
        if response.status_code != 200:
            continue
        pages += 1
        for name, found in page_findings(response.content.decode()).items():
            if found:
                totals[name].append(exercise.get_absolute_url())
    sys.stdout.write(f"pages read: {pages}\n")
    for name in ("tips before steps", "movement before setup", "repeated instruction"):
        sys.stdout.write(f"pages with {name}: {len(totals[name])}\n")
        for url in totals[name][:3]:
            sys.stdout.write(f"    e.g. {url}\n")

    spanish_only = spanish_only_facet_values()
    sys.stdout.write(f"Spanish-only facet values: {len(spanish_only)}\n")
    for value in spanish_only:
        sys.stdout.write(f"    {value}\n")

    groups: dict[str, list[str]] = defaultdict(list)
    for tag in Tag.objects.all():
        groups[_tag_key(tag.name)].append(tag.name)
    near = [sorted(names) for names in groups.values() if len(names) > 1]
    sys.stdout.write(f"near-duplicate tag groups: {len(near)}\n")
    for names in near[:5]:
        sys.stdout.write(f"    {' / '.join(names)}\n")

    categories = {term.slug: term for term in Category.objects.all()}
    differing = [
        f"{term.slug}: category {categories[term.slug].translated_names.get('es')!r}, "
        f"equipment {term.translated_names.get('es')!r}"
        for term in Equipment.objects.filter(slug__in=categories)
        if categories[term.slug].translated_names.get("es") != term.translated_names.get("es")
    ]
    sys.stdout.write(f"terms with two Spanish names (category vs equipment): {len(differing)}\n")
    for line in differing:
        sys.stdout.write(f"    {line}\n")


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="pilates-teaching-"))
    os.environ["TEACHING_SCRATCH"] = str(scratch)
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'teaching.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ["PILATES_PAGE_CACHE"] = "0"
    os.environ["PILATES_CACHE_DIR"] = str(scratch / "cache")
    # The test settings: plain static files (no collectstatic), no HTTPS redirect.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings_test")
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    measure()


if __name__ == "__main__":
    main()
