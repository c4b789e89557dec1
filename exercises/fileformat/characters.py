"""Characters a report line or a stored text must not carry.

A file name or a value may hold a newline, a carriage return or a terminal escape: printed
as they are, they could forge report lines or recolour the terminal, so reports escape them.
Stored text refuses the characters no database column, HTML page or XML feed can hold.
"""

import re

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# NUL (PostgreSQL refuses it), the other C0 controls but tab and line breaks, lone surrogates
# (no UTF-8 encoding) and the non-characters U+FFFE/U+FFFF (invalid in XML).
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape_controls(text: str) -> str:
    """``text`` with every control character written as an escape such as ``\\n``."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def first_invalid_character(text: str) -> int | None:
    """Where the first character that cannot be stored is, if any."""
    match = _INVALID.search(text)
    return match.start() if match else None


def describe_character(char: str) -> str:
    return f"U+{ord(char):04X}"
