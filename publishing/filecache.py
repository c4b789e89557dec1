"""Django's file-based cache, except that its directory is made on the first write instead
of when the cache is created (at start-up, by the system checks). A cache directory that
cannot be made (a file in its place, no permission) then fails cache calls, which fail
open (``publishing.failopen``), instead of stopping the server from starting."""

import os

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.filebased import FileBasedCache


class LazyFileBasedCache(FileBasedCache):
    def __init__(self, dir, params):
        BaseCache.__init__(self, params)
        self._dir = os.path.abspath(dir)
