import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises.models import Category, Equipment, Exercise, Muscle, Status, Step
from tests.factories import image_bytes, make_exercise, make_full_exercise, make_term

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:exercises_exercise_changelist")
ADD = reverse("admin:exercises_exercise_add")


def inline_management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def empty_inlines() -> dict[str, str]:
    data = {}
    for prefix in ["steps", "modifications", "faqs", "videos"]:
        data |= inline_management(prefix, 0)
    return data


def png_upload(name: str = "pose.png") -> SimpleUploadedFile:
    content = image_bytes((8, 6), "PNG", colour="#7a9")
    return SimpleUploadedFile(name, content, content_type="image/png")


def complete_exercise_form() -> dict:
    mat = make_term(Equipment, "Mat")
    core = make_term(Muscle, "Core")
    category = make_term(Category, "Mat")
    data = {
        "title": "Swan Dive",
        "slug": "swan-dive",
        "language": "en",
        "status": "published",
        "description": "A back extension that rocks.",
        "difficulty": "advanced",
        "duration": "90",
        "category": str(category.pk),
        "equipment": [str(mat.pk)],
        "muscles": [str(core.pk)],
        "tags": "back, extension",
        "body": "## Why\n\nIt opens the chest.",
        "image": png_upload(),
        "image_source": "",
        "translation_key": "swan-dive",
        "author": "Studio Team",
        "published_on": "2025-03-01",
        "last_modified_on": "2025-04-01",
        "extra_front_matter": "{}",
    }
    data |= inline_management("steps", 2)
    data |= {
        "steps-0-position": "1",
        "steps-0-title": "Prepare",
        "steps-0-text": "Lie on your front.",
        "steps-1-position": "2",
        "steps-1-title": "",
        "steps-1-text": "Rock forward and back.",
    }
    data |= inline_management("modifications", 1)
    data |= {
        "modifications-0-position": "1",
        "modifications-0-level": "easier",
        "modifications-0-name": "Swan prep",
        "modifications-0-description": "Lift only the chest.",
    }
    data |= inline_management("faqs", 1)
    data |= {
        "faqs-0-position": "1",
        "faqs-0-question": "Is it safe for my back?",
        "faqs-0-answer": "Work in a small range first.",
    }
    data |= inline_management("videos", 1)
    data |= {
        "videos-0-position": "1",
        "videos-0-provider": "youtube",
        "videos-0-video_id": "O5-ROTyo2dA",
        "videos-0-url": "",
        "videos-0-title": "Swan demo",
        "videos-0-channel": "Studio",
        "videos-0-start": "15",
    }
    return data


def test_anonymous_user_is_sent_to_the_login_page(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_editor_sees_exercises_in_the_changelist(editor_client):
    make_exercise(title="Teaser")
    make_exercise(title="Saw", status="draft")

    response = editor_client.get(CHANGELIST)

    assert response.status_code == 200
    assert b"Teaser" in response.content
    assert b"Saw" in response.content


def test_changelist_filters_by_status_and_searches_tags(editor_client):
    tagged = make_exercise(title="Teaser")
    tagged.tags.add("powerhouse")
    make_exercise(title="Saw")

    by_tag = editor_client.get(CHANGELIST, {"q": "powerhouse"})
    drafts = editor_client.get(CHANGELIST, {"status__exact": "draft"})

    assert list(by_tag.context["cl"].result_list) == [tagged]
    assert list(drafts.context["cl"].result_list) == []


def test_translation_filter_finds_exercises_missing_a_translation(editor_client):
    paired = make_exercise(slug="swan", language="en", translation_key="swan")
    make_exercise(slug="cisne", language="es", translation_key="swan")
    lonely = make_exercise(slug="saw", language="en", translation_key="saw")

    response = editor_client.get(
        CHANGELIST, {"translation_state": "needed", "language__exact": "en"}
    )

    assert list(response.context["cl"].result_list) == [lonely]
    assert paired not in response.context["cl"].result_list


def test_editor_adds_a_complete_exercise_with_every_inline(editor_client):
    response = editor_client.post(ADD, complete_exercise_form())

    assert response.status_code == 302, response.context["adminform"].form.errors
    exercise = Exercise.objects.get(slug="swan-dive")
    assert exercise.status == Status.PUBLISHED
    assert exercise.duration == 90
    assert exercise.category.name == "Mat"
    assert [e.name for e in exercise.equipment.all()] == ["Mat"]
    assert [m.name for m in exercise.muscles.all()] == ["Core"]
    assert sorted(exercise.tags.names()) == ["back", "extension"]
    assert [(s.title, s.text) for s in exercise.steps.all()] == [
        ("Prepare", "Lie on your front."),
        ("", "Rock forward and back."),
    ]
    assert exercise.modifications.get().level == "easier"
    assert exercise.faqs.get().question == "Is it safe for my back?"
    video = exercise.videos.get()
    assert (video.video_id, video.start) == ("O5-ROTyo2dA", 15)
    assert exercise.image.name.endswith(".png")


def test_add_form_reports_an_invalid_video_id_on_the_inline(editor_client):
    data = complete_exercise_form()
    data["videos-0-video_id"] = "<script>"

    response = editor_client.post(ADD, data)

    assert response.status_code == 200
    video_errors = response.context["inline_admin_formsets"][3].formset.errors
    assert "video_id" in video_errors[0]
    assert not Exercise.objects.exists()


def test_steps_are_reordered_by_editing_positions(editor_client):
    exercise = make_full_exercise(slug="hundred", title="Hundred")
    first, second = exercise.steps.all()
    change = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    form = editor_client.get(change).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"equipment", "muscles", "image", "tags"}
    }
    data |= {
        "equipment": [str(e.pk) for e in exercise.equipment.all()],
        "muscles": [str(m.pk) for m in exercise.muscles.all()],
        "tags": "core",
        "category": str(exercise.category_id),
        "extra_front_matter": "{}",
        "duration": "60",
    }
    data |= inline_management("steps", 2, initial=2)
    data |= {
        "steps-0-id": str(first.pk),
        "steps-0-exercise": str(exercise.pk),
        "steps-0-position": "2",
        "steps-0-text": first.text,
        "steps-1-id": str(second.pk),
        "steps-1-exercise": str(exercise.pk),
        "steps-1-position": "1",
        "steps-1-title": second.title,
        "steps-1-text": second.text,
    }
    for prefix, model_rows in [
        ("modifications", exercise.modifications.all()),
        ("faqs", exercise.faqs.all()),
        ("videos", exercise.videos.all()),
    ]:
        rows = list(model_rows)
        data |= inline_management(prefix, len(rows), initial=len(rows))
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = str(row.pk)
            data[f"{prefix}-{index}-exercise"] = str(exercise.pk)
            for field in row._meta.concrete_fields:
                if field.name not in {"id", "exercise"}:
                    value = getattr(row, field.attname)
                    data[f"{prefix}-{index}-{field.name}"] = "" if value is None else str(value)

    response = editor_client.post(change, data)

    assert response.status_code == 302, response.context["errors"]
    assert [step.pk for step in exercise.steps.all()] == [second.pk, first.pk]


def test_change_page_shows_preview_translations_and_view_on_site(editor_client):
    english = make_full_exercise(slug="swan", language="en", translation_key="swan")
    english.image.save("swan.png", png_upload(), save=True)
    spanish = make_exercise(title="Cisne", slug="cisne", language="es", translation_key="swan")

    response = editor_client.get(reverse("admin:exercises_exercise_change", args=[english.pk]))

    content = response.content.decode()
    assert english.image.url in content
    assert reverse("admin:exercises_exercise_change", args=[spanish.pk]) in content
    assert 'lang="es"' in content
    assert "View on site" in content


def test_publish_and_unpublish_actions_change_status(editor_client):
    draft = make_exercise(status="draft")
    published = make_exercise()

    editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [draft.pk, published.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_on is not None

    editor_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [published.pk]})
    published.refresh_from_db()
    assert published.status == Status.DRAFT


def test_publish_keeps_an_existing_publication_date(editor_client):
    draft = make_exercise(status="draft", published_on="2024-01-15")

    editor_client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert str(draft.published_on) == "2024-01-15"


def test_taxonomy_autocomplete_searches_by_name(editor_client):
    make_term(Muscle, "Serratus")
    make_term(Muscle, "Soleus")

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "serr",
            "app_label": "exercises",
            "model_name": "exercise",
            "field_name": "muscles",
        },
    )

    assert [item["text"] for item in response.json()["results"]] == ["Serratus"]


def test_taxonomy_changelist_counts_exercises(editor_client):
    exercise = make_exercise()
    exercise.muscles.add(make_term(Muscle, "Core"))

    response = editor_client.get(reverse("admin:exercises_muscle_changelist"), {"q": "core"})

    assert [(term.slug, term.exercise_total) for term in response.context["cl"].result_list] == [
        ("core", 1)
    ]


def changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def bulk_exercises(count: int, start: int = 0) -> None:
    category = make_term(Category, "Mat")
    Exercise.objects.bulk_create(
        Exercise(
            title=f"Exercise {n}",
            slug=f"exercise-{n}",
            category=category,
            status=Status.PUBLISHED,
        )
        for n in range(start, start + count)
    )


def test_changelist_query_count_does_not_grow_with_exercises(
    editor_client, django_assert_max_num_queries
):
    bulk_exercises(10)
    at_ten = changelist_queries(editor_client)
    bulk_exercises(490, start=10)

    with django_assert_max_num_queries(at_ten):
        editor_client.get(CHANGELIST)
    assert at_ten <= 20


def test_changelist_works_out_the_translation_state_for_the_page_rows_only(editor_client):
    # In the page's query, the state's subqueries ran for every row sorted before the LIMIT.
    bulk_exercises(60)

    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(CHANGELIST)

    rows = response.context["cl"].result_list
    assert len(rows) == 50 and {row.has_translation for row in rows} == {False}
    with_state = [query["sql"] for query in queries if '"has_translation"' in query["sql"]]
    assert len(with_state) == 1
    assert "LIMIT 50" not in with_state[0] and '."id" IN (' in with_state[0]


def test_change_page_offers_to_add_the_missing_translation(editor_client):
    english = make_exercise(slug="saw", language="en", translation_key="saw")

    response = editor_client.get(reverse("admin:exercises_exercise_change", args=[english.pk]))

    add_url = f"{ADD}?language=es&amp;translation_key=saw&amp;status=draft"
    assert add_url in response.content.decode()
    prefilled = editor_client.get(ADD, {"language": "es", "translation_key": "saw"})
    assert prefilled.context["adminform"].form.initial["translation_key"] == "saw"


def test_translation_filter_finds_exercises_that_have_a_translation(editor_client):
    paired = make_exercise(slug="swan", language="en", translation_key="swan")
    make_exercise(slug="saw", language="en", translation_key="saw")
    make_exercise(
        slug="saw-again", language="en", translation_key="saw", is_primary_translation=False
    )

    response = editor_client.get(
        CHANGELIST, {"translation_state": "translated", "language__exact": "en"}
    )

    assert list(response.context["cl"].result_list) == []
    make_exercise(slug="cisne", language="es", translation_key="swan")
    response = editor_client.get(
        CHANGELIST, {"translation_state": "translated", "language__exact": "en"}
    )
    assert list(response.context["cl"].result_list) == [paired]


def test_change_page_links_to_the_existing_translation(editor_client):
    english = make_exercise(title="Swan", slug="swan", language="en", translation_key="swan")
    spanish = make_exercise(title="Cisne", slug="cisne", language="es", translation_key="swan")

    response = editor_client.get(reverse("admin:exercises_exercise_change", args=[english.pk]))

    change_url = reverse("admin:exercises_exercise_change", args=[spanish.pk])
    assert f'<a href="{change_url}" lang="es">Cisne (Spanish)</a>' in response.content.decode()
    assert "Add the Spanish translation" not in response.content.decode()


def test_inlines_list_steps_in_position_order(editor_client):
    exercise = make_exercise(title="Saw")
    Step.objects.create(exercise=exercise, position=2, text="Second step")
    Step.objects.create(exercise=exercise, position=1, text="First step")

    response = editor_client.get(reverse("admin:exercises_exercise_change", args=[exercise.pk]))

    steps = response.context["inline_admin_formsets"][0].formset.queryset
    assert [step.text for step in steps] == ["First step", "Second step"]


def test_change_page_lists_a_same_language_duplicate_as_standing_alone(editor_client):
    spanish = make_exercise(title="Cisne", slug="cisne", language="es", translation_key="swan")
    make_exercise(
        title="Cisne bis", language="es", translation_key="swan", is_primary_translation=False
    )

    response = editor_client.get(reverse("admin:exercises_exercise_change", args=[spanish.pk]))

    html = response.content.decode()
    assert "Cisne bis (Spanish)</a> (stands alone: not the linked translation)" in html
    assert "Add the English translation" in html
