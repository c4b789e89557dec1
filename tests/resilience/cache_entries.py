"""Counting what the page cache holds, whichever backend it is (Redis, memory, files)."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

# Values kept per content version (publishing.caching.kept_per_content_version) share the
# pages' cache; they are not pages.
_KEPT = "pilates:kept:"


def stored_page_count() -> int:
    cache = caches[settings.PAGE_CACHE_ALIAS]
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=False)
        keys = client.scan_iter(match=cache.make_key("*"), count=1000)
        return sum(1 for key in keys if _KEPT.encode() not in key)
    if isinstance(cache, LocMemCache):
        return sum(1 for key in cache._cache if _KEPT not in key)
    if isinstance(cache, FileBasedCache):
        return len(cache._list_cache_files())
    raise TypeError(f"cannot count the entries of {type(cache).__name__}")
