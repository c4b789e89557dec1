"""Pictures on the local disk, served by the app itself with the headers a CDN expects.

WhiteNoise serves static files only, and debug-only ``static()`` URLs leave a production site
without pictures. When media live on the local disk (no bucket), ``MediaFilesMiddleware``
answers ``MEDIA_URL`` the way WhiteNoise answers ``STATIC_URL``: near the top of the stack,
before sessions, the page cache and gzip (pictures are compressed already), with ``ETag``,
``Last-Modified``, ``304`` answers and the lifetime ``freshness`` gives each name. Only the
picture formats the site stores are served; a path that leaves ``MEDIA_ROOT`` (``..``, an
absolute path, a link pointing out) or names a hidden file is a 404. A reverse proxy may
serve the same folder itself (``deploy/nginx.conf``); these headers are then its model.
"""

import stat
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from exercises.media.freshness import media_cache_control

# The formats exercises.media.images accepts and renditions writes, and nothing else.
SERVED_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}


class MediaFilesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        media_url = urlsplit(settings.MEDIA_URL)
        # A MEDIA_URL on another host (a CDN) is not ours to answer.
        self.prefix = "" if media_url.netloc else "/" + media_url.path.strip("/") + "/"

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if self.prefix and request.path_info.startswith(self.prefix):
            storage = storages["default"]
            if isinstance(storage, FileSystemStorage):
                return serve_media(request, storage, request.path_info[len(self.prefix) :])
        return self.get_response(request)


def media_file(storage: FileSystemStorage, name: str) -> Path | None:
    """The file ``name`` stands for below the storage's folder, or None when it is not a
    picture the site serves (wrong type, hidden, outside the folder, missing)."""
    parts = PurePosixPath(name).parts
    if (
        not parts
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or any(part in {".", ".."} or part.startswith(".") for part in parts)
        or PurePosixPath(name).suffix.lower() not in SERVED_TYPES
    ):
        return None
    root = Path(storage.location).resolve()
    path = (root / Path(*parts)).resolve()
    if not path.is_relative_to(root):
        return None  # a link inside the folder pointing out of it
    return path


def serve_media(request: HttpRequest, storage: FileSystemStorage, name: str) -> HttpResponseBase:
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    path = media_file(storage, name)
    if path is None:
        raise Http404("No such picture.")
    try:
        status = path.stat()
    except OSError:
        raise Http404("No such picture.") from None
    if not stat.S_ISREG(status.st_mode):
        raise Http404("No such picture.")
    etag = f'"{status.st_size:x}-{status.st_mtime_ns:x}"'
    last_modified = int(status.st_mtime)
    response: HttpResponseBase | None = get_conditional_response(
        request, etag=etag, last_modified=last_modified
    )
    if response is None:
        content_type = SERVED_TYPES[path.suffix.lower()]
        response = (
            HttpResponse(content_type=content_type)
            if request.method == "HEAD"
            else FileResponse(path.open("rb"), content_type=content_type)
        )
        response["Content-Length"] = str(status.st_size)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = media_cache_control(name)
    return response
