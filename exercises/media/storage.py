"""Media in an S3-compatible bucket, at addresses that never expire.

Whole pages are cached (``publishing.caching``) and so are the links in them: a signed URL
would stop working while a cached page still shows it. Objects are therefore written
public-read (``AWS_DEFAULT_ACL``, or served through ``AWS_S3_CUSTOM_DOMAIN`` in front of a
bucket made public by its own policy, with ``AWS_DEFAULT_ACL`` left empty) and linked without
a signature. A name in use is never overwritten, so a new picture gets a new address and
browsers may keep what they fetched (``freshness``).
"""

from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from exercises.media.freshness import media_cache_control


class PublicMediaStorage(S3Storage):
    querystring_auth = False
    file_overwrite = False

    def get_object_parameters(self, name: str) -> dict[str, Any]:
        return {**super().get_object_parameters(name), "CacheControl": media_cache_control(name)}


# What a storage call may raise when the disk or the bucket fails, is unreachable or refuses.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
