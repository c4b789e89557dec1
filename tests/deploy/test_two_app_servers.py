"""Two app servers (gunicorn, production settings) on one PostgreSQL, one Redis and one bucket:
what an editor changes through one shows on the other's very next request."""

import re
import urllib.request

import psycopg
import pytest
from playwright.sync_api import expect

from tests.browser.admin_login import PASSWORD
from tests.deploy.conftest import bucket_environ, bucket_names, new_bucket
from tests.deploy.launch import manage, production_environ
from tests.factories import image_bytes
from tests.servers import AppServer

pytestmark = pytest.mark.browser


def _get(port: int, path: str) -> tuple[int, dict[str, str], str]:
    # A generous timeout: a worker's first page loads the whole project, on a busy machine.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as answer:
        return answer.status, dict(answer.headers), answer.read().decode()


def _picture_links(page: str) -> set[str]:
    return set(re.findall(r'(?:src|srcset)="([^" ]+)', page))


def test_an_edit_and_an_upload_through_server_a_show_on_server_b(
    browser, s3_endpoint, fresh_postgres, fresh_redis, collected_static, tmp_path
):
    bucket = new_bucket(s3_endpoint)
    environment = production_environ(
        DATABASE_URL=fresh_postgres,
        REDIS_URL=fresh_redis,
        STATIC_ROOT=str(collected_static),
        MEDIA_ROOT=str(tmp_path / "local-media"),  # must stay empty: media are in the bucket
        **bucket_environ(bucket),
    )
    manage("migrate", "--noinput", environment=environment)
    manage(
        "createsuperuser",
        "--noinput",
        "--username=boss",
        "--email=boss@example.com",
        environment={**environment, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
    )
    manage("import_exercises", "fixtures/", environment=environment)
    with psycopg.connect(fresh_postgres) as connection:
        pk, imported_picture = connection.execute(
            "SELECT id, image FROM exercises_exercise WHERE slug = 'saw' AND language = 'en'"
        ).fetchone()
    assert imported_picture in bucket_names(bucket)

    with (
        AppServer(environ=environment, server="gunicorn") as app_a,
        AppServer(environ=environment, server="gunicorn") as app_b,
    ):
        server_a, server_b = app_a.port, app_b.port
        for _ in range(2):  # B now serves the page from the shared page cache
            status, _headers, page = _get(server_b, "/exercises/saw/")
            assert status == 200 and "Saw" in page and "Saw, slowly" not in page
        links_before = _picture_links(page)

        context = browser.new_context(locale="en-US")
        context.set_default_timeout(20_000)
        editor = context.new_page()
        site_a = f"http://127.0.0.1:{server_a}"
        editor.goto(f"{site_a}/admin/login/")
        editor.get_by_label("Username").fill("boss")
        editor.get_by_label("Password").fill(PASSWORD)
        editor.get_by_role("button", name="Log in").click()
        editor.wait_for_url(re.compile(r"/admin/$"))
        editor.goto(f"{site_a}/admin/exercises/exercise/{pk}/change/")
        editor.locator("#id_title").fill("Saw, slowly")
        picture = tmp_path / "new-saw.png"
        picture.write_bytes(image_bytes((1280, 960), "PNG", colour="#a55"))
        editor.locator("#id_image").set_input_files(str(picture))
        editor.locator("input[name=_save]").first.click()
        expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
        context.close()

        status, headers, page = _get(server_b, "/exercises/saw/")
        assert status == 200
        assert "Saw, slowly" in page
        links = _picture_links(page)
        bucket_links = {
            link for link in links if link.startswith(f"{bucket.endpoint}/{bucket.name}/")
        }
        new_links = bucket_links - links_before
        assert any("new-saw" in link for link in new_links), sorted(links)
        for link in new_links:
            assert "?" not in link
            with urllib.request.urlopen(link, timeout=20) as answer:
                assert answer.status == 200
        assert (
            f"img-src 'self' https://i.ytimg.com {bucket.endpoint}"
            in headers["Content-Security-Policy"]
        )
        assert "Saw, slowly" in _get(server_b, "/exercises/")[2]
        assert "Saw, slowly" in _get(server_a, "/exercises/saw/")[2]

    assert not any((tmp_path / "local-media").rglob("*.*"))
