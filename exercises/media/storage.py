"""Media in an S3-compatible bucket, at addresses that never expire.

Whole pages are cached (``publishing.caching``) and so are the links in them: a signed URL
would stop working while a cached page still shows it. Objects are therefore written
public-read (``AWS_DEFAULT_ACL``, or served through ``AWS_S3_CUSTOM_DOMAIN`` in front of a
bucket made public by its own policy, with ``AWS_DEFAULT_ACL`` left empty) and linked without
a signature. A name in use is never overwritten, so a new picture gets a new address and
browsers may keep what they fetched (``freshness``).
"""

from typing import Any

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from exercises.media.freshness import media_cache_control

# botocore waits a minute to connect and retries on top: an editor's save would hang for
# minutes on an unreachable bucket. AWS_S3_CLIENT_CONFIG's own values take precedence.
CLIENT_TIMEOUTS = Config(
    connect_timeout=5, read_timeout=30, retries={"total_max_attempts": 3, "mode": "standard"}
)


class PublicMediaStorage(S3Storage):
    querystring_auth = False
    file_overwrite = False
    client_config: Config  # set by S3Storage from AWS_S3_CLIENT_CONFIG

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.client_config = CLIENT_TIMEOUTS.merge(self.client_config)

    def get_object_parameters(self, name: str) -> dict[str, Any]:
        return {**super().get_object_parameters(name), "CacheControl": media_cache_control(name)}


# What a storage call may raise when the bucket is unreachable or refuses (pilates.outage
# answers 503 for these), and with the local disk's failures.
MEDIA_STORAGE_OUTAGE_ERRORS = (BotoCoreError, ClientError)
STORAGE_ERRORS = (OSError, *MEDIA_STORAGE_OUTAGE_ERRORS)
