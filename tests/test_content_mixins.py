"""A second content type gets publishing, translations, scheduling, stored HTML, search
declarations and the report's generic checks by declaring the ``publishing`` mixins
(``tests/content_type_app``: a model that exists only in the tests)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction

from publishing.models import Language, Status
from publishing.registry import content_models, register_content, unregister_content
from publishing.rendering import store_rendered_html
from publishing.report import untranslated
from publishing.scheduling import publish_scheduled, schedule_times
from tests.content_type_app.models import Article

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def make_article(**fields) -> Article:
    values = {"title": "Reformer notes", "slug": "reformer-notes", "language": "en", **fields}
    return Article.objects.create(**values)


@pytest.fixture
def registered_article():
    register_content(Article)
    yield Article
    unregister_content(Article)


def test_a_second_model_has_the_publishable_queryset():
    live = make_article(slug="live", status=Status.PUBLISHED)
    draft = make_article(slug="draft")
    due = make_article(slug="due", publish_at=NOON - timedelta(hours=1))
    gone = make_article(slug="gone", status=Status.PUBLISHED, unpublish_at=NOON)

    assert set(Article.objects.published(now=NOON)) == {live, due}
    assert set(Article.objects.drafts()) == {draft, due}
    assert due.is_live_at(NOON) and not gone.is_live_at(NOON)


def test_a_second_model_has_language_and_translation_lookups():
    english = make_article(slug="notes", translation_key="notes", status=Status.PUBLISHED)
    spanish = make_article(
        slug="notas", language=Language.SPANISH, translation_key="notes", translation_of=english
    )
    alone = make_article(slug="alone", translation_key="alone", status=Status.PUBLISHED)

    assert list(Article.objects.in_language("es")) == [spanish]
    assert list(english.translations()) == [spanish]
    assert list(spanish.translations()) == [english]
    assert english.translation_in("es") == spanish
    assert alone.translation_in("es") is None
    assert set(Article.objects.with_translation()) == {english, spanish}
    assert list(Article.objects.missing_translation()) == [alone]
    assert english.alternate_urls([spanish]) == {
        "en": "/articles/notes/",
        "es": "/es/articles/notas/",
    }


def test_a_translation_saved_before_its_original_changed_is_outdated():
    english = make_article(slug="notes", translation_key="notes")
    spanish = make_article(
        slug="notas", language=Language.SPANISH, translation_key="notes", translation_of=english
    )
    Article.objects.filter(pk=english.pk).update(updated_at=spanish.updated_at + timedelta(1))

    assert list(Article.objects.with_outdated_translation()) == [spanish]


def test_the_mixins_constraints_hold_for_a_second_model():
    make_article(slug="one", translation_key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="two", translation_key="k")  # a second primary in English
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="three", publish_at=NOON, unpublish_at=NOON - timedelta(1))


def test_scheduling_publishes_every_registered_model(registered_article):
    article = make_article(publish_at=NOON - timedelta(minutes=5))
    later = make_article(slug="later", publish_at=NOON + timedelta(hours=2))

    result = publish_scheduled(now=NOON)

    article.refresh_from_db()
    assert article in result.published
    assert (article.status, article.publish_at) == (Status.PUBLISHED, None)
    assert article.published_on == (NOON - timedelta(minutes=5)).date()
    assert schedule_times(now=NOON).next_change == later.publish_at


def test_an_unregistered_model_is_left_to_its_own_schedule():
    article = make_article(publish_at=NOON - timedelta(minutes=5))

    publish_scheduled(now=NOON)

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert Article not in content_models()


def test_stored_html_comes_from_the_model_s_own_render_body():
    article = make_article(body="Breathe <out>")

    assert store_rendered_html(Article, pks=[article.pk]) == 1
    assert store_rendered_html(Article, pks=[article.pk]) == 0  # unchanged: nothing written
    article.refresh_from_db()
    assert article.rendered_body == "<p>Breathe &lt;out&gt;</p>"


def test_the_search_declaration_gives_the_document_by_weight():
    article = make_article(title="Swan", description="A back extension")

    assert article.search_texts() == {"A": "Swan", "B": "A back extension", "C": "", "D": ""}


def test_the_generic_report_check_names_published_untranslated_rows():
    alone = make_article(slug="alone", translation_key="alone", status=Status.PUBLISHED)
    make_article(slug="draft-alone", translation_key="draft")

    assert untranslated(Article) == [(alone.pk, "en", "alone", "Reformer notes")]


def test_changed_since_import_compares_the_import_stamp():
    article = make_article()
    assert article.changed_since_import
    Article.objects.filter(pk=article.pk).update(imported_at=article.updated_at)
    article.refresh_from_db()
    assert not article.changed_since_import
