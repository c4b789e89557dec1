import os
import uuid
from types import SimpleNamespace
from urllib.parse import urlsplit

import boto3
import psycopg
import pytest
import redis
from psycopg import sql

from tests.deploy.launch import manage, production_environ, s3_server

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


def new_bucket(endpoint: str) -> SimpleNamespace:
    name = f"pilates-{uuid.uuid4().hex[:12]}"
    client = s3_client(endpoint)
    client.create_bucket(Bucket=name)
    return SimpleNamespace(name=name, client=client, endpoint=endpoint)


def bucket_environ(bucket: SimpleNamespace) -> dict[str, str]:
    """The environment that puts a server's media in ``bucket``."""
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket.name,
        "AWS_S3_ENDPOINT_URL": bucket.endpoint,
        "AWS_ACCESS_KEY_ID": S3_CREDENTIALS["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": S3_CREDENTIALS["aws_secret_access_key"],
        "AWS_S3_REGION_NAME": S3_REGION,
    }


@pytest.fixture
def bucket(s3_endpoint, settings, tmp_path):
    """A fresh bucket, made the default storage as AWS_STORAGE_BUCKET_NAME would make it."""
    made = new_bucket(s3_endpoint)
    name = made.name
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
    return made


def bucket_names(bucket) -> set[str]:
    listing = bucket.client.list_objects_v2(Bucket=bucket.name)
    return {item["Key"] for item in listing.get("Contents", [])}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """``collectstatic`` as production runs it (hashed, compressed names), once a session."""
    root = tmp_path_factory.mktemp("staticfiles")
    manage("collectstatic", "--noinput", environment=production_environ(STATIC_ROOT=str(root)))
    return root


# The services two app servers share; CI has them (.ci/run sets REQUIRE_DEPLOY_SERVICES).
DEPLOY_DATABASE_URL = os.environ.get(
    "PILATES_DEPLOY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilates_storage"
)
DEPLOY_REDIS_URL = os.environ.get("PILATES_DEPLOY_REDIS_URL", "redis://127.0.0.1:6379/3")


def _unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_DEPLOY_SERVICES") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def fresh_postgres() -> str:
    """An empty PostgreSQL database of the deploy tests' own, as a ``DATABASE_URL``."""
    parts = urlsplit(DEPLOY_DATABASE_URL)
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    try:
        connection = psycopg.connect(maintenance, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        _unavailable(f"PostgreSQL is not reachable at {maintenance}: {error}".strip())
    with connection:
        database = sql.Identifier(name)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(database))
    return DEPLOY_DATABASE_URL


@pytest.fixture
def fresh_redis():
    """The deploy tests' own Redis database, emptied before and after, as a ``REDIS_URL``."""
    client = redis.Redis.from_url(DEPLOY_REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.ConnectionError as error:
        _unavailable(f"Redis is not reachable at {DEPLOY_REDIS_URL}: {error}")
    client.flushdb()
    yield DEPLOY_REDIS_URL
    client.flushdb()
