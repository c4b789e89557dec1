"""Turning front-matter values into field values, or an error that names the field.

Source collections are written by hand in two languages, so enum values are accepted in
English and Spanish, in any case and with or without accents.
"""

import math
import re
from datetime import date, datetime

from exercises.fileformat.errors import ImportFileError
from exercises.limits import MAX_SECONDS
from exercises.models import Difficulty, Language, ModificationLevel, Status
from exercises.text.prose import normalise_word


def kind_of(value: object) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def text_value(value: object, field: str) -> str:
    """A piece of text; numbers and dates written without quotes are taken as text too."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise ImportFileError(f"{field} must be text, not a {kind_of(value)}", field)


def name_list(value: object, field: str) -> list[str]:
    """A list of names: a YAML list, or one string with commas between names."""
    if value is None:
        return []
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        raise ImportFileError(f"{field} must be a list of names, not a {kind_of(value)}", field)
    names: list[str] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        if isinstance(item, dict | list):
            raise ImportFileError(
                f"{field} must be a list of names, item {position} is a {kind_of(item)}", field
            )
        name = text_value(item, field)
        key = normalise_word(name)
        if name and key not in seen:
            seen.add(key)
            names.append(name)
    return names


def text_list(value: object, field: str) -> list[str]:
    """A list of texts (paths, say): a YAML list, or one text; empty items dropped."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    texts = []
    for position, item in enumerate(items, start=1):
        if isinstance(item, dict | list):
            raise ImportFileError(
                f"{field} must be a list of texts, item {position} is a {kind_of(item)}",
                f"{field}[{position}]",
            )
        if text := text_value(item, f"{field}[{position}]"):
            texts.append(text)
    return texts


_DIFFICULTIES = {
    "beginner": Difficulty.BEGINNER,
    "principiante": Difficulty.BEGINNER,
    "basic": Difficulty.BEGINNER,
    "basico": Difficulty.BEGINNER,
    "easy": Difficulty.BEGINNER,
    "facil": Difficulty.BEGINNER,
    "intermediate": Difficulty.INTERMEDIATE,
    "intermedio": Difficulty.INTERMEDIATE,
    "intermedia": Difficulty.INTERMEDIATE,
    "medium": Difficulty.INTERMEDIATE,
    "advanced": Difficulty.ADVANCED,
    "avanzado": Difficulty.ADVANCED,
    "avanzada": Difficulty.ADVANCED,
    "hard": Difficulty.ADVANCED,
    "dificil": Difficulty.ADVANCED,
}


def difficulty_value(value: object, field: str) -> str:
    text = text_value(value, field)
    if not text:
        return ""
    try:
        return str(_DIFFICULTIES[normalise_word(text)])
    except KeyError:
        known = ", ".join(Difficulty.values)
        raise ImportFileError(f"unknown difficulty {text!r} (use {known})", field) from None


_MODIFICATION_LEVELS = {
    "easier": ModificationLevel.EASIER,
    "easy": ModificationLevel.EASIER,
    "regression": ModificationLevel.EASIER,
    "beginner": ModificationLevel.EASIER,
    "mas facil": ModificationLevel.EASIER,
    "facil": ModificationLevel.EASIER,
    "mas sencillo": ModificationLevel.EASIER,
    "regresion": ModificationLevel.EASIER,
    "harder": ModificationLevel.HARDER,
    "hard": ModificationLevel.HARDER,
    "progression": ModificationLevel.HARDER,
    "advanced": ModificationLevel.HARDER,
    "challenge": ModificationLevel.HARDER,
    "mas dificil": ModificationLevel.HARDER,
    "dificil": ModificationLevel.HARDER,
    "progresion": ModificationLevel.HARDER,
    "mas desafiante": ModificationLevel.HARDER,
    "variation": ModificationLevel.VARIATION,
    "variant": ModificationLevel.VARIATION,
    "alternative": ModificationLevel.VARIATION,
    "modification": ModificationLevel.VARIATION,
    "variacion": ModificationLevel.VARIATION,
    "variante": ModificationLevel.VARIATION,
    "alternativa": ModificationLevel.VARIATION,
    "modificacion": ModificationLevel.VARIATION,
}


def modification_level(text: str) -> str | None:
    """The level a label such as "Easier", "Más fácil" or "Variation" names, else None."""
    level = _MODIFICATION_LEVELS.get(normalise_word(text).rstrip(":. "))
    return str(level) if level else None


_LANGUAGES = {
    "en": Language.ENGLISH,
    "english": Language.ENGLISH,
    "ingles": Language.ENGLISH,
    "es": Language.SPANISH,
    "spanish": Language.SPANISH,
    "espanol": Language.SPANISH,
}


def language_value(value: object, field: str) -> str:
    """A language code, or "" when none is given (the path may tell)."""
    if value is None:
        return ""
    text = normalise_word(text_value(value, field))
    # Region variants such as en-US or es_MX are the same language here.
    code = _LANGUAGES.get(text) or _LANGUAGES.get(text.split(" ")[0])
    if code is None:
        known = ", ".join(Language.values)
        raise ImportFileError(f"unsupported language {value!r} (use {known})", field)
    return str(code)


_STATUSES = {
    "draft": Status.DRAFT,
    "borrador": Status.DRAFT,
    "published": Status.PUBLISHED,
    "publish": Status.PUBLISHED,
    "publicado": Status.PUBLISHED,
}


def status_value(status: object, draft: object, *, status_where: str, draft_where: str) -> str:
    """Published unless the file says ``status: draft`` or ``draft: true``."""
    if draft is not None and not isinstance(draft, bool):
        raise ImportFileError(f"{draft_where} must be true or false, not {draft!r}", draft_where)
    text = normalise_word(text_value(status, status_where))
    if text and text not in _STATUSES:
        problem = f"unknown {status_where} {status!r} (use draft or published)"
        raise ImportFileError(problem, status_where)
    if draft or _STATUSES.get(text) == Status.DRAFT:
        return str(Status.DRAFT)
    return str(Status.PUBLISHED)


def date_value(value: object, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            pass
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ImportFileError(f"{field} is not a date (write it as YYYY-MM-DD): {value!r}", field)


_UNIT_SECONDS = {
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "hora": 3600,
    "horas": 3600,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "minuto": 60,
    "minutos": 60,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "seg": 1,
    "segs": 1,
    "segundo": 1,
    "segundos": 1,
}
_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)([a-z]+)\.?")
_DURATION_PARTS = re.compile(r"(?:\d+(?:[.,]\d+)?[a-z]+\.?)+")
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,3}):(\d{2})")
_ISO_DURATION = re.compile(r"pt(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")


def _bounded_seconds(seconds: float, value: object, field: str) -> int:
    """Whole seconds, refusing what no exercise lasts: infinite, not a number, over a day."""
    if not math.isfinite(seconds):
        raise ImportFileError(f"{field} must be a finite number of seconds, not {value!r}", field)
    if seconds < 0:
        raise ImportFileError(f"{field} cannot be negative: {value!r}", field)
    if seconds > MAX_SECONDS:
        shown = repr(value) if len(repr(value)) <= 40 else f"{repr(value)[:40]}..."
        problem = f"{field} of {shown} is over the limit of {MAX_SECONDS} seconds (a day)"
        raise ImportFileError(problem, field)
    return round(seconds)


def seconds_value(value: object, field: str) -> int | None:
    """Seconds from 60, "60", "45s", "2 min", "1:30", "1m 30s" or "PT1M30S"."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ImportFileError(f"{field} must be a number of seconds, not a {kind_of(value)}", field)
    if isinstance(value, int):
        # Compared as an integer: float() of a 400-digit number would overflow.
        return _bounded_seconds(min(value, MAX_SECONDS + 1), value, field)
    if isinstance(value, float):
        return _bounded_seconds(value, value, field)
    text = normalise_word(value).replace(" ", "")
    if len(text) > 40:
        # No duration is written in more than a few characters; int() of thousands of
        # digits would also raise a ValueError of its own.
        raise ImportFileError(f"{field} is too long to be a duration: {value[:40]!r}...", field)
    if text.isascii() and text.isdigit():
        return _bounded_seconds(min(int(text), MAX_SECONDS + 1), value, field)
    if clock := _CLOCK.fullmatch(text):
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return _bounded_seconds(hours * 3600 + minutes * 60 + seconds, value, field)
    if (iso := _ISO_DURATION.fullmatch(text)) and any(iso.groups()):
        hours, minutes, seconds = (int(part or 0) for part in iso.groups())
        return _bounded_seconds(hours * 3600 + minutes * 60 + seconds, value, field)
    if _DURATION_PARTS.fullmatch(text):
        total = 0.0
        for number, unit in _DURATION_PART.findall(text):
            if unit not in _UNIT_SECONDS:
                break
            total += float(number.replace(",", ".")) * _UNIT_SECONDS[unit]
        else:
            return _bounded_seconds(total, value, field)
    raise ImportFileError(
        f"cannot read {value!r} as a duration (write seconds, such as 60, '45s' or '2 min')", field
    )
