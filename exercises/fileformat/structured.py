"""Steps, modifications and FAQs given as front-matter lists, into records.

The keys an item may use come from its ``FrontMatterField`` (``item_keys``), so they are
declared once with the rest of the format.
"""

from typing import TYPE_CHECKING, Any

from exercises.fileformat.converters import kind_of, modification_level, text_value
from exercises.fileformat.errors import ImportFileError
from exercises.fileformat.records import FAQRecord, ModificationRecord, StepRecord
from exercises.models import ModificationLevel

if TYPE_CHECKING:
    from exercises.fileformat.fields import FrontMatterField


def _list(value: Any, where: str, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ImportFileError(f"{where} must be a list of {what}, not a {kind_of(value)}", where)
    return value


def item_value(item: dict[Any, Any], front_matter_field: "FrontMatterField", attribute: str) -> Any:
    """The first of the attribute's spellings that the item gives a value for."""
    spellings = front_matter_field.item_keys[attribute]
    return next((item[key] for key in spellings if item.get(key)), item.get(spellings[-1]))


def _item_text(
    item: dict[Any, Any], front_matter_field: "FrontMatterField", attribute: str, where: str
) -> str:
    return text_value(
        item_value(item, front_matter_field, attribute),
        f"{where}.{front_matter_field.item_key(attribute)}",
    )


def step_records(
    value: Any, front_matter_field: "FrontMatterField", warnings: list[str]
) -> list[StepRecord]:
    key = front_matter_field.key
    steps = []
    for number, item in enumerate(_list(value, key, "steps"), start=1):
        where = f"{key}[{number}]"
        if isinstance(item, dict):
            title = _item_text(item, front_matter_field, "title", where)
            text = _item_text(item, front_matter_field, "text", where)
        elif isinstance(item, list) or item is None:
            raise ImportFileError(f"{where} must be text or a mapping with title and text", where)
        else:
            title, text = "", text_value(item, where)
        if not text:
            raise ImportFileError(f"{where} has no text", where)
        steps.append(StepRecord(title=title, text=text))
    return steps


def modification_records(
    value: Any, front_matter_field: "FrontMatterField", warnings: list[str]
) -> list[ModificationRecord]:
    key = front_matter_field.key
    modifications = []
    for number, item in enumerate(_list(value, key, "modifications"), start=1):
        where = f"{key}[{number}]"
        if isinstance(item, str):
            modifications.append(
                ModificationRecord(level=str(ModificationLevel.VARIATION), description=item)
            )
            continue
        if not isinstance(item, dict):
            raise ImportFileError(f"{where} must be a mapping with name, level, description", where)
        written_level = _item_text(item, front_matter_field, "level", where)
        level = modification_level(written_level) if written_level else None
        if written_level and level is None:
            level_where = f"{where}.{front_matter_field.item_key('level')}"
            warnings.append(f"{level_where}: unknown level {written_level!r}, kept as variation")
        modifications.append(
            ModificationRecord(
                level=level or str(ModificationLevel.VARIATION),
                name=_item_text(item, front_matter_field, "name", where),
                description=_item_text(item, front_matter_field, "description", where),
            )
        )
    return modifications


def faq_records(
    value: Any, front_matter_field: "FrontMatterField", warnings: list[str]
) -> list[FAQRecord]:
    key = front_matter_field.key
    faqs = []
    for number, item in enumerate(_list(value, key, "questions"), start=1):
        where = f"{key}[{number}]"
        if not isinstance(item, dict):
            raise ImportFileError(f"{where} must be a mapping with q and a", where)
        question = _item_text(item, front_matter_field, "question", where)
        answer = _item_text(item, front_matter_field, "answer", where)
        if not question or not answer:
            raise ImportFileError(f"{where} needs both a question (q) and an answer (a)", where)
        faqs.append(FAQRecord(question=question, answer=answer))
    return faqs
