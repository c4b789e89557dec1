"""axe-core (bundled by axe-playwright-python) over the public pages, the 404 page and the
admin, at desktop and phone widths; any serious or critical violation fails."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from reversion.models import Version

from exercises.models import Equipment, EquipmentAlias, Status
from exercises.translation import exercise_translate
from tests.browser.admin_login import sign_in_as_superuser
from tests.factories import make_full_exercise, make_term
from workouts.models import (
    Workout,
    WorkoutCategory,
    WorkoutCategoryGroup,
    WorkoutItem,
    WorkoutSection,
)

pytestmark = pytest.mark.browser

AXE = Axe()
FAILING_IMPACTS = {"serious", "critical"}
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
PUBLIC_PAGES = [
    "/",
    "/exercises/",
    "/exercises/?difficulty=beginner&muscle=core",
    "/exercises/the-hundred/",
    "/es/",
    "/es/ejercicios/",
    "/exercises/no-such-exercise/",
    "/es/ejercicios/?q=hundred&search_language=en",
    "/es/ejercicios/?q=hundred",
    "/exercises/?q=zzqx&difficulty=beginner",
]


def serious_violations(page) -> list[str]:
    results = AXE.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request, browser, live_server):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="en-US")
    context.set_default_timeout(10_000)
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_serious_violations(sized_page, live_server, library, path):
    sized_page.goto(f"{live_server.url}{path}")
    assert serious_violations(sized_page) == []


def test_admin_login_has_no_serious_violations(sized_page, live_server, transactional_db):
    sized_page.goto(f"{live_server.url}/admin/login/")
    assert serious_violations(sized_page) == []


def test_admin_list_and_change_form_have_no_serious_violations(
    sized_page, live_server, django_user_model
):
    exercise = make_full_exercise(title="The Hundred", translation_key="hundred")
    page = sign_in_as_superuser(sized_page, live_server, django_user_model)
    for path in [
        "/admin/exercises/exercise/",
        f"/admin/exercises/exercise/{exercise.pk}/change/",
        "/admin/exercises/exercise/add/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert serious_violations(page) == [], path


def test_editors_pages_have_no_serious_violations(sized_page, live_server, django_user_model):
    """The content report, a term's change page (its alias inline), an exercise being
    translated, its history and a compare view."""
    english = make_full_exercise(title="The Hundred", translation_key="hundred", body="Breathe.")
    spanish, _created = exercise_translate(source=english, language="es")
    band = make_term(Equipment, "Band")
    EquipmentAlias.objects.get_or_create(term=band, slug="banda-elastica")
    EquipmentAlias.objects.create(term=band, slug="elastic")
    page = sign_in_as_superuser(sized_page, live_server, django_user_model)
    change = f"/admin/exercises/exercise/{spanish.pk}/change/"
    for body in ["Breathe.", "Breathe in for five. " * 30]:  # two versions to compare
        page.goto(live_server.url + change)
        page.locator("textarea[name=body]").fill(body)
        page.locator("input[name=_continue]").first.click()
        page.wait_for_selector(".messagelist")
    newest, previous = Version.objects.get_for_object(spanish)[:2]
    for path in [
        "/admin/exercises/exercise/content-report/",
        "/admin/exercises/exercise/content-report/?language=es&kind=no-steps",
        f"/admin/exercises/equipment/{band.pk}/change/",
        change,
        f"/admin/exercises/exercise/{spanish.pk}/history/",
        f"/admin/exercises/exercise/{spanish.pk}/history/compare/"
        f"?version_id1={previous.pk}&version_id2={newest.pk}",
        "/admin/exercises/exercise/?language__exact=es",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert serious_violations(page) == [], path
    page.goto(live_server.url + change)
    with page.context.expect_page() as opened:
        page.locator("button[name=_preview]").first.click()
    preview = opened.value
    preview.wait_for_load_state()
    assert "noindex" in preview.content()  # the preview, not the public page
    assert serious_violations(preview) == [], "preview"


def test_the_original_beside_a_translated_field_is_reached_with_the_keyboard(
    page, live_server, django_user_model
):
    english = make_full_exercise(title="Teaser", translation_key="teaser", body="Roll up.")
    spanish, _created = exercise_translate(source=english, language="es")
    sign_in_as_superuser(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/exercises/exercise/{spanish.pk}/change/")
    description = page.locator("textarea[name=description]")
    description.focus()

    page.keyboard.press("Tab")

    focused = page.evaluate(
        "[document.activeElement.className, document.activeElement.getAttribute('aria-label')]"
    )
    assert focused == ["beside-source__text", "Original in English"]


def test_workout_editor_has_no_serious_violations(sized_page, live_server, django_user_model):
    """Sections, items (each naming its section and exercise), categories and the
    schedule's split date and time fields."""
    exercise = make_full_exercise(title="The Hundred", translation_key="hundred")
    workout = Workout.objects.create(
        title="Core in ten", slug="core-in-ten", language="en", status=Status.DRAFT, duration=10
    )
    workout.categories.add(
        WorkoutCategory.objects.create(group=WorkoutCategoryGroup.TIME, name="Quick", slug="quick")
    )
    section = WorkoutSection.objects.create(workout=workout, position=1, kind="main", minutes=10)
    for position in (1, 2):
        WorkoutItem.objects.create(
            section=section, position=position, kind="exercise", exercise=exercise, duration=60
        )
    page = sign_in_as_superuser(sized_page, live_server, django_user_model)
    for path in ["/admin/workouts/workout/", f"/admin/workouts/workout/{workout.pk}/change/"]:
        page.goto(f"{live_server.url}{path}")
        assert serious_violations(page) == [], path
