"""Site paths in one canonical form, for the old addresses that redirect to content.

An old address is stored, and a request's path looked up, in the same form: decoded,
NFC-normalised, lower case, dot segments resolved, one slash between segments and a
trailing slash unless the last segment names a file (``/old/page.html``). Only paths on
this site pass: anything with a scheme, a host, a query or a control character is refused,
so no old address can make the site redirect elsewhere (the target is always the content's
own URL).
"""

import posixpath
import re
import unicodedata
from urllib.parse import unquote, urlsplit

MAX_PATH_LENGTH = 500
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FILE_SEGMENT = re.compile(r"\.[a-z0-9]{1,5}$")


class InvalidAddress(ValueError):
    """A value that is not a path on this site; the message says why."""


def names_a_host(value: str) -> bool:
    """Whether ``value`` is a URL with a scheme or a host rather than a path."""
    parts = urlsplit(value.strip())
    return bool(parts.scheme or parts.netloc or value.strip().startswith("//"))


def normalise_path(value: str) -> str:
    """``value`` as a canonical site path; raises InvalidAddress when it is not one."""
    text = value.strip()
    if not text:
        raise InvalidAddress("is empty")
    if _CONTROL.search(text) or "\\" in text:
        raise InvalidAddress(f"{text[:80]!r} holds a control character or a backslash")
    parts = urlsplit(text)
    if names_a_host(text):
        raise InvalidAddress(f"{text[:80]!r} is not a path on this site (it names a host)")
    if parts.query or "?" in text:
        raise InvalidAddress(f"{text[:80]!r} has a query string; give the path alone")
    path = unicodedata.normalize("NFC", unquote(parts.path))
    if _CONTROL.search(path) or "\\" in path:
        raise InvalidAddress(f"{text[:80]!r} holds a control character or a backslash")
    if not path.startswith("/"):
        raise InvalidAddress(f"{text[:80]!r} does not start with '/'")
    path = posixpath.normpath(re.sub(r"/+", "/", path)).lower()
    path = re.sub(r"^/+", "/", path)  # normpath keeps a leading '//'
    if path == "/":
        raise InvalidAddress("is the home page")
    if not _FILE_SEGMENT.search(path):
        path += "/"
    if len(path) > MAX_PATH_LENGTH:
        raise InvalidAddress(f"is longer than {MAX_PATH_LENGTH} characters")
    return path
