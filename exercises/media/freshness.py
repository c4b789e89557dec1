"""How long a browser or CDN may keep a media file, decided by its name.

Rendition names carry a digest of the picture and its focal point, so a name never points
at other bytes: they are cached for a year and marked immutable. Originals keep the name the
editor or the importer gave them; storage never overwrites a name in use, but a name freed by
a deleted picture may come back with new bytes, so originals are kept for a day. The bucket
(``storage.PublicMediaStorage``) and the local server (``serving``) send the same headers.
"""

RENDITIONS_FOLDER = "renditions"
IMMUTABLE = "public, max-age=31536000, immutable"
REPLACEABLE = "public, max-age=86400"


def media_cache_control(name: str) -> str:
    """The ``Cache-Control`` value for the media file stored as ``name``."""
    return IMMUTABLE if name.startswith(f"{RENDITIONS_FOLDER}/") else REPLACEABLE
