"""Splitting a markdown document into its YAML front matter and its body.

python-frontmatter strips the whole text and reports no line numbers, and the body must be
kept byte for byte, so the split is done here: the body is everything after the line that
closes the front matter, exactly as written.

The YAML is checked before it is parsed: libyaml's C composer recurses once per nesting level
and kills the process (a segfault, not an exception) on a few thousand levels, and its scanner
is quadratic in the nesting depth. A linear pass bounds the depth from above; only front matter
whose bound is high is tokenised exactly, by PyYAML's iterative pure-Python scanner, stopping
at the limit. After parsing, one iterative walk refuses aliases that refer to themselves and
alias bombs that expand past a fixed number of values.
"""

import re
from dataclasses import dataclass
from typing import Any

import yaml

from exercises.fileformat.errors import ImportFileError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FRONT_MATTER_CHARACTERS = 256 * 1024
# Real front matter nests four or five levels (a list of steps, each a mapping of text).
MAX_NESTING = 50
MAX_ALIASES = 100
# Values once aliases are expanded: far above any real front matter, far below a bomb.
MAX_EXPANDED_VALUES = 100_000
# YAML breaks lines on these too, so a scan that missed them would miss indentation.
_LINE_BREAKS = re.compile(r"[\n\r\x85\u2028\u2029]")
# Block indentation, and the compact indicators ("- - x", "? x") that nest on one line.
_STRUCTURE_PREFIX = re.compile(r"(?:[ \t]*[-?:](?=[ \t]))*[ \t]*")
_OPENING_TOKENS = (
    "FlowSequenceStartToken",
    "FlowMappingStartToken",
    "BlockSequenceStartToken",
    "BlockMappingStartToken",
)
_CLOSING_TOKENS = ("FlowSequenceEndToken", "FlowMappingEndToken", "BlockEndToken")
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


def _depth_bound(source: str) -> tuple[int, int]:
    """Upper bounds, in one linear pass, of the nesting depth and of the number of aliases.

    Each block level is indented further than its parent or adds a compact indicator, and
    an indentless sequence adds at most one level per indentation, so twice the deepest
    structural column bounds block nesting; every flow level needs a bracket. Quoted text and
    comments are counted too: that can only overestimate.
    """
    deepest_column = max(
        (
            len(match.group())
            for line in _LINE_BREAKS.split(source)
            if (match := _STRUCTURE_PREFIX.match(line))
        ),
        default=0,
    )
    brackets = source.count("[") + source.count("{")
    return 2 * (deepest_column + 1) + brackets, source.count("*")


def _exact_depth_check(source: str) -> None:
    """Tokenise ``source`` without building anything, stopping at the first excess."""
    depth = aliases = 0
    for token in yaml.scan(source, Loader=yaml.SafeLoader):
        name = type(token).__name__
        if name in _OPENING_TOKENS:
            depth += 1
        elif name in _CLOSING_TOKENS:
            depth -= 1
        elif name == "AliasToken":
            aliases += 1
            if aliases > MAX_ALIASES:
                problem = f"front matter uses more than {MAX_ALIASES} YAML aliases (*name)"
                raise ImportFileError(problem, f"line {token.start_mark.line + 2}")
        if depth > MAX_NESTING:
            problem = f"front matter nests lists or mappings more than {MAX_NESTING} levels deep"
            raise ImportFileError(problem, f"line {token.start_mark.line + 2}")


def check_yaml_shape(source: str) -> None:
    """Refuse what the YAML parser cannot survive, before it sees it."""
    if len(source) > MAX_FRONT_MATTER_CHARACTERS:
        problem = (
            f"front matter is {len(source)} characters, over the limit of "
            f"{MAX_FRONT_MATTER_CHARACTERS}"
        )
        raise ImportFileError(problem, "front matter")
    depth, aliases = _depth_bound(source)
    if depth > MAX_NESTING or aliases > MAX_ALIASES:
        _exact_depth_check(source)


def check_expanded_size(data: Any) -> None:
    """Refuse a recursive alias (``x: &x [*x]``) and aliases that expand past a fixed size.

    Iterative, so no input can exhaust the stack; the parser shares aliased values, so
    ``on_path`` tells a value that contains itself from one that is merely reused.
    """
    seen = 0
    on_path: set[int] = set()
    # (value, leaving): a container is entered, its items pushed, and left after them.
    pending: list[tuple[Any, bool]] = [(data, False)]
    while pending:
        value, leaving = pending.pop()
        if leaving:
            on_path.discard(id(value))
            continue
        seen += 1
        if seen > MAX_EXPANDED_VALUES:
            problem = (
                f"front matter holds more than {MAX_EXPANDED_VALUES} values once its aliases "
                "are expanded"
            )
            raise ImportFileError(problem, "front matter")
        if not isinstance(value, dict | list):
            continue
        if id(value) in on_path:
            raise ImportFileError(
                "front matter has a YAML alias that contains itself", "front matter"
            )
        on_path.add(id(value))
        pending.append((value, True))
        items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        pending.extend((item, False) for item in items)


def _load_yaml(source: str) -> dict[Any, Any]:
    try:
        check_yaml_shape(source)
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
    except RecursionError as error:
        # The shape check keeps nesting far below the stack; this is the last line of defence.
        raise ImportFileError("front matter nests too deeply", "front matter") from error
    check_expanded_size(data)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportFileError("front matter must be a mapping of keys to values", "line 2")
    return data
