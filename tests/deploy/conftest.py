import uuid
from types import SimpleNamespace

import boto3
import pytest

from tests.deploy.launch import s3_server

# moto accepts any credentials; these are what the storage and the tests sign with.
S3_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
S3_REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3 API on a free port (moto's server mode), for the whole session."""
    with s3_server() as endpoint:
        yield endpoint


def s3_client(endpoint: str):
    return boto3.client("s3", endpoint_url=endpoint, region_name=S3_REGION, **S3_CREDENTIALS)


@pytest.fixture
def bucket(s3_endpoint, settings, tmp_path):
    """A fresh bucket, made the default storage as AWS_STORAGE_BUCKET_NAME would make it."""
    name = f"pilates-{uuid.uuid4().hex[:12]}"
    client = s3_client(s3_endpoint)
    client.create_bucket(Bucket=name)
    # An empty local media folder of its own, so a test can see nothing was written there.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AWS_STORAGE_BUCKET_NAME = name
    settings.AWS_S3_ENDPOINT_URL = s3_endpoint
    settings.AWS_ACCESS_KEY_ID = S3_CREDENTIALS["aws_access_key_id"]
    settings.AWS_SECRET_ACCESS_KEY = S3_CREDENTIALS["aws_secret_access_key"]
    settings.AWS_S3_REGION_NAME = S3_REGION
    settings.AWS_DEFAULT_ACL = "public-read"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "exercises.media.storage.PublicMediaStorage"},
    }
    yield SimpleNamespace(name=name, client=client, endpoint=s3_endpoint)


def bucket_names(bucket) -> set[str]:
    listing = bucket.client.list_objects_v2(Bucket=bucket.name)
    return {item["Key"] for item in listing.get("Contents", [])}
