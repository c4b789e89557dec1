"""One source file in, one neutral ``ExerciseRecord`` out; no database involved."""

import math
import re
from datetime import date, datetime
from pathlib import Path

from django.utils.text import slugify

from exercises.fileformat.converters import (
    date_value,
    difficulty_value,
    kind_of,
    language_value,
    modification_level,
    name_list,
    seconds_value,
    status_value,
    text_value,
)
from exercises.fileformat.discovery import SourceFile
from exercises.fileformat.errors import ImportFileError, NotAnExercise
from exercises.fileformat.frontmatter import Document, has_front_matter, split_document
from exercises.fileformat.hashing import source_hash
from exercises.fileformat.images import ImageProblem, find_image, is_remote, load_image
from exercises.fileformat.reading import decode_source, read_source_bytes
from exercises.fileformat.records import (
    FRONT_MATTER_KEYS,
    ExerciseRecord,
    FAQRecord,
    ImageFile,
    ModificationRecord,
    StepRecord,
)
from exercises.fileformat.sections import (
    body_faqs,
    body_modifications,
    execution_steps,
    howto_steps,
    split_howto,
    split_sections,
)
from exercises.fileformat.slugs import exercise_slug
from exercises.fileformat.titles import title_from_content
from exercises.fileformat.videos import video_records
from exercises.models import Language, ModificationLevel

# Folders that group pages by language or section rather than naming a category.
_SECTION_FOLDERS = frozenset(
    {"en", "es", "exercises", "ejercicios", "exercise", "ejercicio", "content", "contenido"}
)
# Category folders in other words for the same thing, so both languages share one category.
_CATEGORY_ALIASES = {
    "pelota": "Ball",
    "stability-ball": "Ball",
    "swiss-ball": "Ball",
    "banda": "Band",
    "bandas": "Band",
    "resistance-band": "Band",
    "anillo": "Ring",
    "aro": "Ring",
    "magic-circle": "Ring",
    "circulo-magico": "Ring",
    "colchoneta": "Mat",
    "suelo": "Mat",
    "reformador": "Reformer",
}
_NAME_WITH_EQUIPMENT = re.compile(r"^(?P<name>[a-z0-9-]+)_(?P<equipment>[a-z]+)$")
_LANGUAGE_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<language>[a-z]{2})$")
_MAX_EXTRA_VALUES = 10_000


def parse_source(source: SourceFile, *, max_bytes: int, media_dir: Path | None) -> ExerciseRecord:
    """Raises ImportFileError for a bad file and NotAnExercise for a page to skip."""
    if source.is_section_page:
        raise NotAnExercise("Hugo section page")
    raw = read_source_bytes(source.path, max_bytes=max_bytes)
    text = decode_source(raw)
    if not has_front_matter(text):
        raise NotAnExercise("no front matter, so not an exercise page")
    document = split_document(text)
    try:
        return _record(document, raw=raw, source=source, media_dir=media_dir)
    except ImportFileError as error:
        field = re.split(r"[\[ .]", error.where, maxsplit=1)[0]
        if field and not error.where.startswith("line") and (line := document.line_of_key(field)):
            error.where = f"{error.where}, line {line}"
        raise


class _FileName:
    """What a file's name says: its stem, and maybe a language and an equipment."""

    def __init__(self, path: Path):
        stem = path.stem
        if stem.lower() == "index" or stem.lower().startswith("index."):
            # A Hugo leaf bundle: the folder is the page's name.
            stem = path.parent.name + stem[len("index") :]
        self.language = ""
        suffix = _LANGUAGE_SUFFIX.match(stem)
        if suffix and suffix["language"] in Language.values:
            stem, self.language = suffix["stem"], suffix["language"]
        self.stem = stem
        self.name, self.equipment = stem, ""
        if parts := _NAME_WITH_EQUIPMENT.match(stem.lower()):
            self.name, self.equipment = parts["name"], parts["equipment"]


def _folders(source: SourceFile) -> list[str]:
    """The folders between the import root and the file, nearest first."""
    folders = list(reversed(Path(source.relative_path).parent.parts))
    if source.path.stem.lower() == "index" and folders:
        folders = folders[1:]  # the bundle's own folder is the page, not a category
    return folders


def _language(front_matter: dict, file_name: _FileName, source: SourceFile) -> str:
    for key in ("language", "lang"):
        if front_matter.get(key) not in (None, ""):
            return language_value(front_matter[key], key)
    if file_name.language:
        return file_name.language
    for folder in reversed(source.path.resolve().parent.parts):
        if folder in Language.values:
            return folder
    return str(Language.ENGLISH)


def category_name(name: str) -> str:
    return _CATEGORY_ALIASES.get(slugify(name), name)


def _category(front_matter: dict, source: SourceFile) -> str:
    given = text_value(front_matter.get("category"), "category")
    if given:
        return category_name(given)
    folders = _folders(source)
    if folders and folders[0].lower() not in _SECTION_FOLDERS:
        return category_name(folders[0])
    return ""


def _list(value, field: str, what: str) -> list:
    if not isinstance(value, list):
        raise ImportFileError(f"{field} must be a list of {what}, not a {kind_of(value)}", field)
    return value


def _front_matter_steps(value) -> list[StepRecord]:
    steps = []
    for number, item in enumerate(_list(value, "steps", "steps"), start=1):
        field = f"steps[{number}]"
        if isinstance(item, dict):
            title = text_value(item.get("title") or item.get("name"), f"{field}.title")
            text = text_value(
                item.get("text") or item.get("description") or item.get("instruction"),
                f"{field}.text",
            )
        elif isinstance(item, list) or item is None:
            raise ImportFileError(f"{field} must be text or a mapping with title and text", field)
        else:
            title, text = "", text_value(item, field)
        if not text:
            raise ImportFileError(f"{field} has no text", field)
        steps.append(StepRecord(title=title, text=text))
    return steps


def _front_matter_modifications(value, warnings: list[str]) -> list[ModificationRecord]:
    modifications = []
    for number, item in enumerate(_list(value, "modifications", "modifications"), start=1):
        field = f"modifications[{number}]"
        if isinstance(item, str):
            modifications.append(
                ModificationRecord(level=str(ModificationLevel.VARIATION), description=item)
            )
            continue
        if not isinstance(item, dict):
            raise ImportFileError(f"{field} must be a mapping with name, level, description", field)
        written_level = text_value(item.get("level"), f"{field}.level")
        level = modification_level(written_level) if written_level else None
        if written_level and level is None:
            warnings.append(f"{field}.level: unknown level {written_level!r}, kept as variation")
        modifications.append(
            ModificationRecord(
                level=level or str(ModificationLevel.VARIATION),
                name=text_value(item.get("name"), f"{field}.name"),
                description=text_value(
                    item.get("description") or item.get("text"), f"{field}.description"
                ),
            )
        )
    return modifications


def _front_matter_faqs(value) -> list[FAQRecord]:
    faqs = []
    for number, item in enumerate(_list(value, "faq", "questions"), start=1):
        field = f"faq[{number}]"
        if not isinstance(item, dict):
            raise ImportFileError(f"{field} must be a mapping with q and a", field)
        question = text_value(
            item.get("q") or item.get("question") or item.get("pregunta"), f"{field}.q"
        )
        answer = text_value(
            item.get("a") or item.get("answer") or item.get("respuesta"), f"{field}.a"
        )
        if not question or not answer:
            raise ImportFileError(f"{field} needs both a question (q) and an answer (a)", field)
        faqs.append(FAQRecord(question=question, answer=answer))
    return faqs


def _json_safe(value, field: str, budget: list[int]):
    """Front-matter values as JSON; YAML aliases cannot blow it up past a fixed size."""
    budget[0] -= 1
    if budget[0] < 0:
        raise ImportFileError("front matter value is too large", field)
    if isinstance(value, dict):
        return {str(key): _json_safe(item, field, budget) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item, field, budget) for item in value]
    if isinstance(value, set):
        return sorted(str(item) for item in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes):
        raise ImportFileError("binary values are not supported in front matter", field)
    return value


def _image(
    source_text: str, source: SourceFile, media_dir: Path | None, warnings: list[str]
) -> ImageFile | None:
    if not source_text or is_remote(source_text):
        return None
    path = find_image(source_text, file_path=source.path, root=source.root, media_dir=media_dir)
    if path is None:
        warnings.append(f"image {source_text!r} not found; only its path is kept")
        return None
    loaded = load_image(path)
    if isinstance(loaded, ImageProblem):
        warnings.append(f"{loaded.message}; only its path is kept")
        return None
    return loaded


def _record(
    document: Document, *, raw: bytes, source: SourceFile, media_dir: Path | None
) -> ExerciseRecord:
    front_matter = {str(key): value for key, value in document.front_matter.items()}
    warnings: list[str] = []
    file_name = _FileName(source.path)
    description = text_value(front_matter.get("description"), "description")
    before_howto, howto = split_howto(document.body)
    sections = split_sections(before_howto)

    title = text_value(front_matter.get("title"), "title") or title_from_content(
        stem=file_name.name,
        equipment=file_name.equipment,
        description=description,
        body=document.body,
    )
    steps = (
        _front_matter_steps(front_matter["steps"])
        if front_matter.get("steps") not in (None, "", [])
        else (howto_steps(howto) if howto else []) or execution_steps(sections)
    )
    modifications = (
        _front_matter_modifications(front_matter["modifications"], warnings)
        if front_matter.get("modifications") not in (None, "", [])
        else body_modifications(sections)
    )
    faq_value = front_matter.get("faq", front_matter.get("faqs"))
    faqs = _front_matter_faqs(faq_value) if faq_value not in (None, "", []) else body_faqs(sections)
    equipment = name_list(front_matter.get("equipment"), "equipment")
    if not equipment and file_name.equipment:
        equipment = [file_name.equipment]
    image_source = text_value(front_matter.get("image"), "image")
    image = _image(image_source, source, media_dir, warnings)
    slug = exercise_slug(
        front_matter_slug=text_value(front_matter.get("slug"), "slug"),
        file_stem=file_name.stem,
        title=title,
    )
    budget = [_MAX_EXTRA_VALUES]
    extra = {
        key: _json_safe(value, key, budget)
        for key, value in front_matter.items()
        if key not in FRONT_MATTER_KEYS
    }
    return ExerciseRecord(
        source_path=source.relative_path,
        source_hash=source_hash(
            raw=raw, source_path=source.relative_path, image=image.content if image else None
        ),
        title=title,
        slug=slug,
        language=_language(front_matter, file_name, source),
        translation_key=text_value(
            front_matter.get("translationKey", front_matter.get("translation_key")),
            "translationKey",
        ),
        description=description,
        body=document.body,
        difficulty=difficulty_value(front_matter.get("difficulty")),
        duration=seconds_value(front_matter.get("duration"), "duration"),
        category=_category(front_matter, source),
        equipment=equipment,
        muscles=name_list(front_matter.get("muscles"), "muscles"),
        tags=name_list(front_matter.get("keywords"), "keywords"),
        author=text_value(front_matter.get("author"), "author"),
        image_source=image_source,
        image=image,
        status=status_value(front_matter.get("status"), front_matter.get("draft")),
        published_on=date_value(front_matter.get("date"), "date"),
        last_modified_on=date_value(front_matter.get("lastmod"), "lastmod"),
        extra_front_matter=extra,
        steps=steps,
        modifications=modifications,
        faqs=faqs,
        videos=video_records(front_matter, warnings),
        warnings=warnings,
    )
