"""Video references from ``video_id``, ``video`` and ``videos``: YouTube ids, URLs or mappings."""

import re
from urllib.parse import parse_qs, urlsplit

from exercises.fileformat.converters import seconds_value, text_value
from exercises.fileformat.errors import ImportFileError
from exercises.fileformat.records import VideoRecord
from exercises.models import YOUTUBE_ID_PATTERN, VideoProvider

_YOUTUBE_ID = re.compile(YOUTUBE_ID_PATTERN)
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_PATH_PREFIXES = ("/embed/", "/shorts/", "/live/", "/v/")
_MAPPING_KEYS = {"id", "video_id", "youtube", "url", "provider", "title", "channel", "start"}


def _youtube_start(query: dict[str, list[str]], field: str) -> int | None:
    raw = (query.get("t") or query.get("start") or [None])[0]
    return seconds_value(raw, f"{field} start") if raw else None


def _from_url(url: str, field: str) -> VideoRecord:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    video_id = None
    if host == "youtu.be":
        video_id = parts.path.strip("/")
    elif host in _YOUTUBE_HOSTS:
        if parts.path == "/watch":
            video_id = (query.get("v") or [""])[0]
        else:
            prefix = next((p for p in _PATH_PREFIXES if parts.path.startswith(p)), None)
            video_id = parts.path[len(prefix) :].strip("/") if prefix else ""
    else:
        return VideoRecord(provider=str(VideoProvider.URL), url=url)
    if not _YOUTUBE_ID.match(video_id or ""):
        raise ImportFileError(f"no valid YouTube video id in the address {url!r}", field)
    return VideoRecord(
        provider=str(VideoProvider.YOUTUBE),
        video_id=video_id,
        start=_youtube_start(query, field),
    )


def _from_string(value: str, field: str) -> VideoRecord:
    if value.startswith(("http://", "https://", "//")):
        return _from_url(value if not value.startswith("//") else f"https:{value}", field)
    if _YOUTUBE_ID.match(value):
        return VideoRecord(provider=str(VideoProvider.YOUTUBE), video_id=value)
    raise ImportFileError(
        f"{value!r} is not a YouTube video id (11 letters, digits, '-' or '_') nor an address",
        field,
    )


def _from_mapping(value: dict, field: str, warnings: list[str]) -> VideoRecord:
    unknown = sorted(str(key) for key in value if key not in _MAPPING_KEYS)
    if unknown:
        warnings.append(f"{field}: ignored unknown keys {', '.join(unknown)}")
    video_id = text_value(value.get("id") or value.get("video_id") or value.get("youtube"), field)
    url = text_value(value.get("url"), f"{field} url")
    provider = text_value(value.get("provider"), f"{field} provider").lower()
    if video_id and provider in ("", VideoProvider.YOUTUBE):
        base = _from_string(video_id, field)
    elif url:
        base = _from_url(url, field)
    else:
        raise ImportFileError("a video needs an id or a url", field)
    start = seconds_value(value.get("start"), f"{field} start")
    return VideoRecord(
        provider=base.provider,
        video_id=base.video_id,
        url=base.url,
        title=text_value(value.get("title"), f"{field} title"),
        channel=text_value(value.get("channel"), f"{field} channel"),
        start=start if start is not None else base.start,
    )


def _video(value, field: str, warnings: list[str]) -> VideoRecord:
    if isinstance(value, dict):
        return _from_mapping(value, field, warnings)
    if isinstance(value, list | bool) or value is None:
        raise ImportFileError(f"{field} must be a video id, an address or a mapping", field)
    return _from_string(text_value(value, field), field)


def video_records(front_matter: dict, warnings: list[str]) -> list[VideoRecord]:
    """Videos in source order: ``video_id``, then ``video``, then the ``videos`` list."""
    videos: list[VideoRecord] = []
    for key in ("video_id", "video"):
        value = front_matter.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, list):
            videos.extend(_video(item, f"{key}[{n}]", warnings) for n, item in enumerate(value, 1))
        else:
            videos.append(_video(value, key, warnings))
    listed = front_matter.get("videos")
    if listed not in (None, ""):
        if not isinstance(listed, list):
            listed = [listed]
        videos.extend(_video(item, f"videos[{n}]", warnings) for n, item in enumerate(listed, 1))
    unique: list[VideoRecord] = []
    seen: set[tuple[str, str, str]] = set()
    for video in videos:
        key = (video.provider, video.video_id, video.url)
        if key not in seen:
            seen.add(key)
            unique.append(video)
    return unique
