"""Splitting a markdown document into its YAML front matter and its body.

python-frontmatter strips the whole text and reports no line numbers, and the body must be
kept byte for byte, so the split is done here: the body is everything after the line that
closes the front matter, exactly as written.
"""

import re
from dataclasses import dataclass
from typing import Any

import yaml

from exercises.fileformat.errors import ImportFileError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DELIMITER = re.compile(r"^---[ \t]*$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class Document:
    front_matter: dict[Any, Any]
    front_matter_lines: list[str]
    body: str

    def line_of_key(self, key: str) -> int | None:
        """File line of a top-level front-matter key, to point error messages at it."""
        pattern = re.compile(rf"^['\"]?{re.escape(key)}['\"]?\s*:")
        for number, line in enumerate(self.front_matter_lines, start=2):
            if pattern.match(line):
                return number
        return None


def has_front_matter(text: str) -> bool:
    first_line = text.split("\n", 1)[0]
    return bool(_DELIMITER.match(first_line))


def split_document(text: str) -> Document:
    """The front matter (a mapping, maybe empty) and the verbatim body of ``text``."""
    lines = text.split("\n")
    if not _DELIMITER.match(lines[0]):
        return Document(front_matter={}, front_matter_lines=[], body=text)
    closing = next((i for i in range(1, len(lines)) if _CLOSING.match(lines[i])), None)
    if closing is None:
        raise ImportFileError("front matter opened on line 1 is never closed with '---'", "line 1")
    front_lines = lines[1:closing]
    body = "\n".join(lines[closing + 1 :])
    return Document(
        front_matter=_load_yaml("\n".join(front_lines)),
        front_matter_lines=front_lines,
        body=body,
    )


def _load_yaml(source: str) -> dict[Any, Any]:
    try:
        data = yaml.load(source, Loader=_Loader)  # noqa: S506 (CSafeLoader or SafeLoader: no arbitrary objects)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # The front matter starts on the file's second line; marks count from zero.
        where = f"line {mark.line + 2}" if mark else "front matter"
        problem = error.problem or error.context or "invalid YAML"
        raise ImportFileError(f"broken YAML in the front matter: {problem}", where) from error
    except yaml.YAMLError as error:
        problem = f"broken YAML in the front matter: {error}"
        raise ImportFileError(problem, "front matter") from error
    except (ValueError, OverflowError) as error:
        # The YAML is well formed but a value is not, such as the date 2024-13-45.
        problem = f"invalid value in the front matter: {error}"
        raise ImportFileError(problem, "front matter") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportFileError("front matter must be a mapping of keys to values", "line 2")
    return data
