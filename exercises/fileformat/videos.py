"""Video references from the video keys of the front matter: YouTube ids, URLs or mappings."""

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from exercises.fileformat.converters import date_value, seconds_value, text_value
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

# A video mapping's attributes and the keys it may spell each with (``fields.FIELDS``).
ItemKeys = Mapping[str, tuple[str, ...]]


def _youtube_start(query: dict[str, list[str]], where: str) -> int | None:
    raw = (query.get("t") or query.get("start") or [""])[0]
    return seconds_value(raw, f"{where} start") if raw else None


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


def _given(value: dict[Any, Any], item_keys: ItemKeys, attribute: str) -> Any:
    # As ``a or b or c``: the first value that is set, else the last spelling's (maybe 0).
    spellings = item_keys[attribute]
    return next((value[key] for key in spellings if value.get(key)), value.get(spellings[-1]))


def _from_mapping(
    value: dict[Any, Any], where: str, item_keys: ItemKeys, warnings: list[str]
) -> VideoRecord:
    known = {key for spellings in item_keys.values() for key in spellings}
    unknown = sorted(str(key) for key in value if key not in known)
    if unknown:
        warnings.append(f"{where}: ignored unknown keys {', '.join(unknown)}")

    def text(attribute: str) -> str:
        return text_value(_given(value, item_keys, attribute), f"{where} {item_keys[attribute][0]}")

    video_id = text_value(_given(value, item_keys, "video_id"), where)
    url = text("url")
    provider = text("provider").lower()
    if video_id and provider in ("", VideoProvider.YOUTUBE):
        base = _from_string(video_id, where)
    elif url:
        base = _from_url(url, where)
    else:
        raise ImportFileError("a video needs an id or a url", where)
    start_key = item_keys["start"][0]
    start = seconds_value(_given(value, item_keys, "start"), f"{where} {start_key}")
    upload_date = date_value(
        _given(value, item_keys, "upload_date"), f"{where} {item_keys['upload_date'][0]}"
    )
    duration = seconds_value(
        _given(value, item_keys, "duration"), f"{where} {item_keys['duration'][0]}"
    )
    return VideoRecord(
        provider=base.provider,
        video_id=base.video_id,
        url=base.url,
        title=text("title"),
        channel=text("channel"),
        start=start if start is not None else base.start,
        upload_date=upload_date,
        duration=duration,
    )


def _video(value: Any, where: str, item_keys: ItemKeys, warnings: list[str]) -> VideoRecord:
    if isinstance(value, dict):
        return _from_mapping(value, where, item_keys, warnings)
    if isinstance(value, list | bool) or value is None:
        raise ImportFileError(f"{where} must be a video id, an address or a mapping", where)
    return _from_string(text_value(value, where), where)


def video_records(
    given: list[tuple[str, Any, bool]], item_keys: ItemKeys, warnings: list[str]
) -> list[VideoRecord]:
    """Videos in the order given: ``(key, value, is_list)``; a list key numbers even one video."""
    videos: list[VideoRecord] = []
    for key, value, is_list in given:
        if isinstance(value, list) or is_list:
            items = value if isinstance(value, list) else [value]
            videos.extend(
                _video(item, f"{key}[{n}]", item_keys, warnings) for n, item in enumerate(items, 1)
            )
        else:
            videos.append(_video(value, key, item_keys, warnings))
    unique: list[VideoRecord] = []
    seen: set[tuple[str, str, str]] = set()
    for video in videos:
        identity = (video.provider, video.video_id, video.url)
        if identity not in seen:
            seen.add(identity)
            unique.append(video)
    return unique
