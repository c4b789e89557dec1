"""Where a source page lived on its own site, by Hugo's rules, so the old links keep working.

Hugo makes a page's URL from its place in the content folder: the folders below the
language's folder (``content/en/``, ``content/es/``), then the file's stem (the folder, for a
leaf bundle's ``index.md``), with the language's prefix for every language but the default
one: ``en/exercises/mat/the-hundred.md`` is ``/exercises/mat/the-hundred/`` and
``es/ejercicios/mat/el-cien.md`` is ``/es/ejercicios/mat/el-cien/``. Front matter can say
otherwise: ``slug`` replaces the stem, ``url`` replaces the whole path, and ``aliases`` lists
more addresses (relative ones are relative to the page's folder, ``/``-rooted ones to the
language's site unless they already start with its prefix). No database is involved.
"""

import posixpath
from pathlib import PurePosixPath

from django.conf import settings

from exercises.fileformat.errors import ImportFileError
from exercises.models import Language
from publishing.addresses import InvalidAddress, names_a_host, normalise_path

_CONTENT_FOLDERS = frozenset({"content", "contenido"})


def _language_prefix(language: str) -> str:
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def _content_folders(relative_path: str, real_parts: tuple[str, ...]) -> list[str]:
    """The folders between the content root and the file: after the last language folder
    of its real path, else after a ``content`` folder, else below the import root."""
    for index in range(len(real_parts) - 1, -1, -1):
        if real_parts[index] in Language.values:
            return list(real_parts[index + 1 :])
    for index in range(len(real_parts) - 1, -1, -1):
        if real_parts[index].lower() in _CONTENT_FOLDERS:
            return list(real_parts[index + 1 :])
    return list(PurePosixPath(relative_path).parent.parts)


def _page_name(file_name: str, folders: list[str]) -> tuple[str, list[str]]:
    """The last segment of the page's path and the folders before it."""
    stem = file_name.rsplit(".", 1)[0]
    stem_without_language = stem.rsplit(".", 1)
    if len(stem_without_language) == 2 and stem_without_language[1] in Language.values:
        stem = stem_without_language[0]
    if stem.lower() == "index" and folders:
        return folders[-1], folders[:-1]  # a leaf bundle: the folder is the page
    return stem, folders


def _checked(value: str, where: str) -> str:
    """``value`` as a site path, or the file's error naming ``where``."""
    try:
        return normalise_path(value)
    except InvalidAddress as problem:
        raise ImportFileError(f"{where} {problem}", where) from problem


def page_address(
    *,
    relative_path: str,
    real_parts: tuple[str, ...],
    language: str,
    slug: str,
    url: str,
    url_key: str,
    warnings: list[str],
) -> str | None:
    """The page's own address on its source site; ``real_parts`` are the folders of the
    file's real path, ``url_key`` is how errors name the url key. A ``url`` that is not a
    site path fails the file; a file name that cannot be one only costs the address."""
    prefix = _language_prefix(language)
    if url:
        if names_a_host(url):
            return _checked(url, url_key)  # refused: it names a host
        return _checked(url if url.startswith("/") else f"{prefix}/{url}", url_key)
    name, folders = _page_name(
        PurePosixPath(relative_path).name, _content_folders(relative_path, real_parts)
    )
    segments = [*folders, slug or name]
    path = "/".join(segment.strip().replace(" ", "-") for segment in segments)
    try:
        return normalise_path(f"{prefix}/{path}/")
    except InvalidAddress as problem:
        warnings.append(f"no old address is kept for this file: its path {problem}")
        return None


def alias_addresses(*, page: str | None, language: str, aliases: list[str], key: str) -> list[str]:
    """Each alias as a site path; ``key`` is how errors name the list."""
    prefix = _language_prefix(language)
    addresses = []
    for position, alias in enumerate(aliases, start=1):
        where = f"{key}[{position}]"
        if names_a_host(alias):
            rooted = alias  # refused by _checked: it names a host
        elif alias.startswith("/"):
            rooted = alias if prefix and alias.startswith(f"{prefix}/") else f"{prefix}{alias}"
        else:
            folder = posixpath.dirname((page or f"{prefix}/").rstrip("/")) or "/"
            rooted = posixpath.join(folder, alias)
        addresses.append(_checked(rooted, where))
    return addresses
