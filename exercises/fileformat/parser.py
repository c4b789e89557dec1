"""One source file in, one neutral ``ExerciseRecord`` out; no database involved."""

import math
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from exercises.fileformat.addresses import alias_addresses, page_address
from exercises.fileformat.discovery import SourceFile
from exercises.fileformat.errors import ImportFileError, NotAnExercise
from exercises.fileformat.fields import FIELD_BY_ATTRIBUTE, KNOWN_KEYS, read_front_matter
from exercises.fileformat.frontmatter import Document, has_front_matter, split_document
from exercises.fileformat.hashing import source_hash
from exercises.fileformat.images import ImageProblem, find_image, is_remote, load_image
from exercises.fileformat.reading import decode_source, read_source_bytes
from exercises.fileformat.records import ExerciseRecord, ImageFile
from exercises.fileformat.sections import read_body
from exercises.fileformat.slugs import exercise_slug
from exercises.fileformat.titles import title_from_content
from exercises.fileformat.validation import check_record
from exercises.models import Language

# Folders that group pages by language or section rather than naming a category.
_SECTION_FOLDERS = frozenset(
    {"en", "es", "exercises", "ejercicios", "exercise", "ejercicio", "content", "contenido"}
)
_NAME_WITH_EQUIPMENT = re.compile(r"^(?P<name>[a-z0-9-]+)_(?P<equipment>[a-z]+)$")
_LANGUAGE_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<language>[a-z]{2})$")
_MAX_EXTRA_VALUES = 10_000


def parse_source(
    source: SourceFile, *, max_bytes: int, media_dir: Path | None, raw: bytes | None = None
) -> ExerciseRecord:
    """Raises ImportFileError for a bad file and NotAnExercise for a page to skip. ``raw``:
    the file's bytes when they were read already (``read_source_bytes``)."""
    if source.is_section_page:
        raise NotAnExercise("Hugo section page")
    if source.is_workout_page:
        raise NotAnExercise("a workout page; import_workouts reads it")
    if raw is None:
        raw = read_source_bytes(source, max_bytes=max_bytes)
    text = decode_source(raw)
    if not has_front_matter(text):
        raise NotAnExercise("no front matter, so not an exercise page")
    document = split_document(text)
    try:
        record = _record(document, text=text, raw=raw, source=source, media_dir=media_dir)
        check_record(record, body_starts_on=len(document.front_matter_lines) + 3)
    except ImportFileError as error:
        field = re.split(r"[\[ .]", error.where, maxsplit=1)[0]
        if field and not error.where.startswith("line") and (line := document.line_of_key(field)):
            error.where = f"{error.where}, line {line}"
        raise
    return record


def hash_without_parsing(source: SourceFile, raw: bytes, *, media_dir: Path | None) -> str | None:
    """The ``source_hash`` parsing ``raw`` would give, when it can be told without parsing:
    the front matter names no image, or names it on one plain ``image:`` line. None when
    only the parser can tell (a re-import then parses the file as before).

    An unchanged file is recognised by its hash alone, so a re-import of an unchanged
    collection reads and hashes its files without parsing them.
    """
    if source.is_section_page or source.is_workout_page or not raw.startswith(b"---\n"):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # Anything that could name the image otherwise than on one plain line (a merge key, a
    # flow mapping, a second mention anywhere in the file): left to the parser.
    if "\r" in text or "<<" in text or text[4:].lstrip().startswith("{"):
        return None
    mentions = _IMAGE_MENTION.findall(text)
    image_source = ""
    if mentions:
        lines = _IMAGE_LINE.findall(text)
        if len(mentions) != 1 or len(lines) != 1:
            return None
        double, single, plain = lines[0]
        if plain and _NOT_TEXT_IN_YAML.fullmatch(plain):
            return None  # YAML reads it as a number, a boolean or null
        image_source = (double or single or plain).strip()
    image = _image(image_source, source, media_dir, [])
    return source_hash(
        raw=raw, source_path=source.relative_path, image=image.content if image else None
    )


# Any line that may be the image key (quoted, spaced, indented or not); only a single plain
# one (``_IMAGE_LINE``) is read without YAML.
_IMAGE_MENTION = re.compile(r"^[ \t]*[\"']?image[\"']?[ \t]*:", re.MULTILINE)
_IMAGE_LINE = re.compile(
    r"^image:[ \t]*(?:\"([^\"\\\n]*)\"|'([^'\n]*)'|([^\s\"'#&*!|>%@`{\[,-][^\n#]*?))?[ \t]*$",
    re.MULTILINE,
)
_NOT_TEXT_IN_YAML = re.compile(r"[-+.\d].*|~|(?i:null|true|false|yes|no|on|off|y|n)")


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


def _language(given: str, file_name: _FileName, source: SourceFile) -> str:
    if given:
        return given
    if file_name.language:
        return file_name.language
    for folder in reversed(source.path.resolve().parent.parts):
        if folder in Language.values:
            return folder
    return str(Language.ENGLISH)


def _category(given: str, source: SourceFile) -> str:
    # Words in other languages (pelota, aro) reach the canonical category through its aliases.
    if given:
        return given
    folders = _folders(source)
    if folders and folders[0].lower() not in _SECTION_FOLDERS:
        return folders[0]
    return ""


def json_safe(value: Any, field: str, budget: list[int]) -> Any:
    """Front-matter values as JSON; YAML aliases cannot blow it up past a fixed size."""
    budget[0] -= 1
    if budget[0] < 0:
        raise ImportFileError("front matter value is too large", field)
    if isinstance(value, dict):
        return {str(key): json_safe(item, field, budget) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item, field, budget) for item in value]
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
    path = find_image(
        source_text, file_path=source.real_path, root=source.root, media_dir=media_dir
    )
    if path is None:
        warnings.append(f"image {source_text!r} not found; only its path is kept")
        return None
    loaded = load_image(path)
    if isinstance(loaded, ImageProblem):
        warnings.append(f"{loaded.message}; only its path is kept")
        return None
    return loaded


def _gives_status(front_matter: dict[str, Any]) -> bool:
    """Whether the file sets the status itself; a re-import changes it only then."""
    _, value = FIELD_BY_ATTRIBUTE["status"].first_given(front_matter)
    return value is not None


def _record(
    document: Document, *, text: str, raw: bytes, source: SourceFile, media_dir: Path | None
) -> ExerciseRecord:
    front_matter = {str(key): value for key, value in document.front_matter.items()}
    warnings: list[str] = []
    given = read_front_matter(front_matter, warnings)
    file_name = _FileName(source.path)
    # Sections that become steps, modifications or FAQs leave the body: stored once, as rows.
    content = read_body(
        document.body,
        steps_given=bool(given["steps"]),
        modifications_given=bool(given["modifications"]),
        faqs_given=bool(given["faqs"]),
        given_steps=given["steps"] or (),
    )

    # What the front matter leaves out comes from the body, the file name or its folders.
    title = given["title"] or title_from_content(
        stem=file_name.name,
        equipment=file_name.equipment,
        description=given["description"],
        body=document.body,
    )
    equipment = given["equipment"] or ([file_name.equipment] if file_name.equipment else [])
    image = _image(given["image_source"], source, media_dir, warnings)
    language = _language(given["language"], file_name, source)
    page = page_address(
        relative_path=source.relative_path,
        real_parts=source.real_path.parent.parts,
        language=language,
        slug=given["slug"],
        url=given["source_url"],
        url_key=FIELD_BY_ATTRIBUTE["source_url"].key,
        warnings=warnings,
    )
    aliases = alias_addresses(
        page=page,
        language=language,
        aliases=given["aliases"],
        key=FIELD_BY_ATTRIBUTE["aliases"].key,
    )
    budget = [_MAX_EXTRA_VALUES]
    extra = {
        key: json_safe(value, key, budget)
        for key, value in front_matter.items()
        if key not in KNOWN_KEYS
    }
    return ExerciseRecord(
        **given
        | {
            "title": title,
            "slug": exercise_slug(
                front_matter_slug=given["slug"], file_stem=file_name.stem, title=title
            ),
            "language": language,
            "source_address": page or "",
            "alias_addresses": aliases,
            "category": _category(given["category"], source),
            "equipment": equipment,
            "steps": given["steps"] or content.steps,
            "modifications": given["modifications"] or content.modifications,
            "faqs": given["faqs"] or content.faqs,
            "declared_status": given["status"] if _gives_status(front_matter) else "",
        },
        source_path=source.relative_path,
        source_hash=source_hash(
            raw=raw, source_path=source.relative_path, image=image.content if image else None
        ),
        body=content.prose,
        source_text=text,
        image=image,
        extra_front_matter=extra,
        warnings=warnings,
    )
