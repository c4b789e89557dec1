"""The editors' workbench in a real browser: drag to reorder, preview, translate, and a
100-step exercise. Screenshots of the change form and the list go to /tmp/editor-shots/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise, Status, Step
from tests.admin_forms import change_url as admin_change_path
from tests.browser.admin_login import sign_in_as_superuser
from tests.factories import make_full_exercise

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/editor-shots")


@pytest.fixture
def signed_in(page, live_server, django_user_model):
    return sign_in_as_superuser(page, live_server, django_user_model)


def change_url(live_server, exercise) -> str:
    return live_server.url + admin_change_path(exercise)


def drag(page, source, target):
    source.hover()  # scrolls the handle into view, so measure the target after it
    box = target.bounding_box()
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 2, steps=8)
    page.mouse.up()


def test_dragging_a_step_above_another_keeps_that_order_after_saving(signed_in, live_server):
    page = signed_in
    exercise = make_full_exercise(title="Roll Up")
    Step.objects.create(exercise=exercise, position=3, text="Roll down slowly.")
    page.goto(change_url(live_server, exercise))
    rows = page.locator("#steps-group tbody tr.form-row:not(.empty-form)")
    expect(rows.first.locator(".drag-handle")).to_be_visible()

    drag(page, rows.nth(2).locator(".drag-handle"), rows.nth(0))
    expect(rows.nth(0).locator("textarea")).to_have_value("Roll down slowly.")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    assert list(exercise.steps.order_by("position").values_list("text", "position")) == [
        ("Roll down slowly.", 1),
        ("Lie down.", 2),
        ("Lift the legs.", 3),
    ]


def test_arrow_keys_on_the_handle_move_a_row(signed_in, live_server):
    page = signed_in
    exercise = make_full_exercise(title="Saw")
    page.goto(change_url(live_server, exercise))
    rows = page.locator("#steps-group tbody tr.form-row:not(.empty-form)")
    rows.nth(1).locator(".drag-handle").focus()
    page.keyboard.press("ArrowUp")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert list(exercise.steps.order_by("position").values_list("text", flat=True)) == [
        "Lift the legs.",
        "Lie down.",
    ]


def test_preview_of_an_unsaved_change_shows_the_new_title(signed_in, live_server):
    page = signed_in
    exercise = make_full_exercise(title="Swan Dive", status=Status.DRAFT)
    page.goto(change_url(live_server, exercise))
    page.locator("#id_title").fill("Swan Dive, Rewritten")

    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview").first.click()
    preview = opened.value
    preview.wait_for_load_state()

    expect(preview.locator("h1")).to_have_text("Swan Dive, Rewritten")
    expect(preview.locator(".draft-banner--preview")).to_be_visible()
    expect(preview.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")
    exercise.refresh_from_db()
    assert exercise.title == "Swan Dive"
    preview.close()


def test_translate_creates_a_spanish_draft_with_the_equipment_and_video(signed_in, live_server):
    page = signed_in
    exercise = make_full_exercise(title="Teaser", translation_key="")
    page.goto(change_url(live_server, exercise))

    page.get_by_role("button", name="Translate into Spanish").click()
    expect(page.locator(".messagelist")).to_contain_text("Created the Spanish draft")

    spanish = Exercise.objects.get(language="es")
    assert page.url.endswith(f"/admin/exercises/exercise/{spanish.pk}/change/")
    expect(page.locator("#id_language")).to_have_value("es")
    expect(page.locator("#id_status")).to_have_value("draft")
    expect(page.locator("#id_equipment")).to_contain_text("Mat")
    expect(page.locator("#id_videos-0-video_id")).to_have_value("O5-ROTyo2dA")
    expect(page.locator("fieldset .form-row.field-title .beside-source__text")).to_contain_text(
        "Teaser"
    )

    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(SHOTS / "translation-change-form-1366.png"), full_page=True)


def test_change_form_of_a_hundred_step_exercise_saves_and_fits_1366(signed_in, live_server):
    page = signed_in
    page.set_viewport_size({"width": 1366, "height": 900})
    exercise = make_full_exercise(title="Long Flow")
    Step.objects.bulk_create(
        Step(exercise=exercise, position=number, text=f"Step {number}: breathe and move.")
        for number in range(3, 101)
    )
    page.goto(change_url(live_server, exercise))
    expect(page.locator("#steps-group tbody tr.form-row:not(.empty-form)")).to_have_count(100)
    overflow = page.evaluate(
        "Array.from(document.querySelectorAll('.inline-group .tabular'))"
        ".some(el => el.scrollWidth > el.clientWidth + 1)"
    )
    assert overflow is False
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    step_height = page.locator("#steps-group tbody tr.form-row").nth(5).bounding_box()["height"]
    assert step_height < 50

    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "change-form-1366.png"), full_page=False)
    page.locator("#steps-group").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "change-form-steps-1366.png"), full_page=False)
    page.locator("#id_steps-99-text").fill("The hundredth step, reworded.")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert exercise.steps.count() == 100
    assert exercise.steps.get(position=100).text == "The hundredth step, reworded."


def test_muscle_filter_narrows_as_you_type_and_the_list_page_looks_right(signed_in, live_server):
    page = signed_in
    page.set_viewport_size({"width": 1366, "height": 900})
    for title in ["The Hundred", "Single Leg Stretch With A Long Title That Wraps", "Saw"]:
        make_full_exercise(title=title)
    page.goto(f"{live_server.url}/admin/exercises/exercise/")
    muscles = page.locator('details[data-filter-title="muscles"]')
    muscles.get_by_role("searchbox").fill("glu")
    expect(muscles.get_by_role("link", name="Glutes")).to_be_visible()
    expect(muscles.get_by_role("link", name="Core")).to_be_hidden()
    results = page.locator(".results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "changelist-1366.png"), full_page=False)


def test_the_browser_loads_a_card_rendition_chosen_from_the_srcset(page, live_server):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from exercises.media.renditions import exercise_update_renditions

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), "#7a9").save(buffer, format="JPEG")
    exercise = make_full_exercise(title="Swan Dive")
    exercise.image.save("swan.jpg", ContentFile(buffer.getvalue()), save=True)
    made = exercise_update_renditions(exercise=exercise)
    card_webp = {r.name for r in made if r.kind == "card" and r.format == "webp"}

    page.goto(f"{live_server.url}/exercises/")
    image = page.locator(".card__media img").first
    expect(image).to_have_js_property("complete", True)
    current = image.evaluate("img => new URL(img.currentSrc).pathname")
    assert current.removeprefix("/media/") in card_webp
    expect(image).to_have_attribute("width", "640")
    expect(image).to_have_attribute("height", "360")


def test_public_list_cards_differ_without_pictures(page, live_server):
    from exercises.models import Category
    from tests.factories import make_exercise, make_term

    mat, band = make_term(Category, "Mat"), make_term(Category, "Band")
    for title, category in [
        ("The Hundred", mat),
        ("Roll Up", mat),
        ("Teaser", mat),
        ("Band Glute Kickback", band),
        ("Band Seated Row", band),
    ]:
        make_exercise(title=title, category=category)
    make_full_exercise(title="Swan Dive")  # has a video: its thumbnail (blocked here)

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/exercises/")
    placeholders = page.locator(".card__media svg.placeholder")
    expect(placeholders).to_have_count(5)
    initials = placeholders.locator("text").all_text_contents()
    assert initials == ["BG", "BS", "RU", "T", "TH"]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "public-list-1366.png"), full_page=False)


def test_clicking_the_picture_sets_the_focal_point_and_recrops_the_cards(signed_in, live_server):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from exercises.media.renditions import exercise_update_renditions

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), "#7a9").save(buffer, format="JPEG")
    exercise = make_full_exercise(title="Swan Dive")
    exercise.image.save("swan.jpg", ContentFile(buffer.getvalue()), save=True)
    before = {r.name for r in exercise_update_renditions(exercise=exercise)}

    page = signed_in
    page.goto(change_url(live_server, exercise))
    picture = page.locator(".field-image_preview img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    expect(page.locator("#id_focal_x")).to_have_value("0.25")
    expect(page.locator("#id_focal_y")).to_have_value("0.75")
    expect(page.locator(".focal-picker__marker")).to_be_visible()
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    exercise.refresh_from_db()
    assert (exercise.focal_x, exercise.focal_y) == (0.25, 0.75)
    after = {item["name"] for item in exercise.image_renditions}
    assert after and after.isdisjoint(before)
