"""The follow-along player driven in Chromium on a generated workout: start, countdown,
pause and resume, skip and back, the keyboard, the live region, the end; and the page
without JavaScript, a readable list."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import page  # noqa: F401  (the browser tests' page fixture)

pytestmark = pytest.mark.browser

WORKOUT = "/workouts/generator/?duration=5&equipment=mat&difficulty=advanced&seed=7"


def clock_seconds(tab) -> int:
    minutes, seconds = tab.locator("[data-player-clock]").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def item_names(tab) -> list[str]:
    return [name.strip() for name in tab.locator("[data-item] [data-item-name]").all_inner_texts()]


@pytest.fixture
def workout(page, live_server, workout_library):  # noqa: F811
    # A clock the test moves: the countdown runs on it (setInterval, performance.now).
    page.clock.install()
    page.goto(f"{live_server.url}{WORKOUT}")
    return page


def test_start_shows_the_first_item_with_its_countdown_and_says_it(workout):
    names = item_names(workout)
    assert len(names) >= 4
    workout.get_by_role("button", name="Start the workout").click()
    player = workout.locator("[data-player]")
    expect(player.locator(".player__title")).to_have_text(names[0])
    expect(player.locator(".player__progress")).to_have_text(f"1 of {len(names)}")
    expect(player.locator("[data-player-next]")).to_have_text(f"Next up: {names[1]}.")
    expect(player.locator(".player__instructions li").first).to_be_visible()
    expect(player.locator(".player__media svg, .player__media img")).to_have_count(1)
    expect(workout.locator("[data-player-live]")).to_contain_text(f"Now: {names[0]}, 45 seconds.")
    expect(workout.locator("[data-item]").first).to_have_attribute("aria-current", "step")
    assert clock_seconds(workout) == 45
    # The wake lock was asked for (granted or refused, as the browser decides).
    expect(workout.locator("[data-workout-player]")).to_have_attribute(
        "data-wake-lock", re.compile("held|refused")
    )


def test_the_countdown_moves_and_moves_on_to_the_next_item_at_zero(workout):
    names = item_names(workout)
    workout.get_by_role("button", name="Start the workout").click()
    workout.clock.run_for(3_000)
    assert clock_seconds(workout) == 42
    workout.clock.run_for(32_000)
    expect(workout.locator("[data-player-live]")).to_have_text("10 seconds left.")
    workout.clock.run_for(11_000)
    expect(workout.locator(".player__title")).to_have_text(names[1])
    expect(workout.locator(".player__progress")).to_have_text(f"2 of {len(names)}")


def test_pause_holds_the_countdown_and_resume_goes_on(workout):
    workout.get_by_role("button", name="Start the workout").click()
    workout.clock.run_for(2_000)
    pause = workout.get_by_role("button", name="Pause")
    pause.click()
    held = clock_seconds(workout)
    expect(workout.locator("[data-player-live]")).to_have_text("Paused.")
    resume = workout.get_by_role("button", name="Resume")
    expect(resume).to_have_attribute("aria-pressed", "true")
    workout.clock.run_for(5_000)
    assert clock_seconds(workout) == held
    resume.click()
    expect(workout.locator("[data-player-live]")).to_have_text("Resumed.")
    workout.clock.run_for(4_000)
    assert clock_seconds(workout) == held - 4


def test_skip_and_back_move_between_items(workout):
    names = item_names(workout)
    workout.get_by_role("button", name="Start the workout").click()
    workout.get_by_role("button", name="Skip").click()
    expect(workout.locator(".player__title")).to_have_text(names[1])
    expect(workout.locator("[data-item]").nth(1)).to_have_attribute("aria-current", "step")
    expect(workout.locator("[data-player-live]")).to_contain_text(f"Now: {names[1]}")
    workout.get_by_role("button", name="Back").click()
    expect(workout.locator(".player__title")).to_have_text(names[0])
    # Back after a few seconds restarts the item instead.
    workout.clock.run_for(6_000)
    workout.get_by_role("button", name="Back").click()
    expect(workout.locator(".player__title")).to_have_text(names[0])
    assert clock_seconds(workout) == 45


def test_the_keyboard_drives_the_player(workout):
    names = item_names(workout)
    workout.get_by_role("button", name="Start the workout").click()
    workout.keyboard.press("ArrowRight")
    expect(workout.locator(".player__title")).to_have_text(names[1])
    workout.keyboard.press("n")
    expect(workout.locator(".player__title")).to_have_text(names[2])
    workout.keyboard.press("ArrowLeft")
    expect(workout.locator(".player__title")).to_have_text(names[1])
    workout.keyboard.press("k")
    expect(workout.get_by_role("button", name="Resume")).to_be_visible()
    workout.keyboard.press("Space")  # focus is on the title, not a button
    expect(workout.get_by_role("button", name="Pause")).to_be_visible()
    workout.keyboard.press("Escape")
    start = workout.get_by_role("button", name="Start the workout")
    expect(start).to_be_focused()
    expect(workout.locator("[data-player]")).to_have_count(0)
    expect(workout.locator("[data-item][aria-current]")).to_have_count(0)


def test_skipping_past_the_last_item_completes_the_workout_and_it_can_start_again(workout):
    names = item_names(workout)
    workout.get_by_role("button", name="Start the workout").click()
    for _ in names:
        workout.get_by_role("button", name="Skip").click()
    expect(workout.locator(".player__title")).to_have_text("Workout complete. Well done!")
    expect(workout.locator("[data-player-live]")).to_have_text("Workout complete. Well done!")
    workout.get_by_role("button", name="Start again").click()
    expect(workout.locator(".player__title")).to_have_text(names[0])
    expect(workout.get_by_role("button", name="Skip")).to_be_visible()


def test_the_player_speaks_the_pages_language(page, live_server, workout_library):  # noqa: F811
    page.goto(f"{live_server.url}/es/entrenamientos/generador/?duration=5&equipment=mat")
    page.get_by_role("button", name="Empezar el entrenamiento").click()
    first = item_names(page)[0]
    expect(page.locator("[data-player-live]")).to_contain_text(f"Ahora: {first}, 45 segundos.")
    expect(page.get_by_role("button", name="Pausa")).to_be_visible()


def test_without_javascript_the_workout_is_a_readable_list(browser, live_server, workout_library):
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{live_server.url}{WORKOUT}")
    expect(plain.get_by_role("button", name="Start the workout")).to_have_count(0)
    items = plain.locator("[data-item]")
    assert items.count() >= 4
    expect(items.first.locator("a")).to_be_visible()
    expect(items.first.locator("time")).to_have_text("45 s")
    context.close()


def test_a_saved_workouts_page_plays_its_items_rests_and_named_movements(
    page,  # noqa: F811
    live_server,
    morning_workout,
):
    page.goto(f"{live_server.url}/workouts/morning-core/")
    page.get_by_role("button", name="Start the workout").click()
    expect(page.locator(".player__progress")).to_have_text("1 of 7")
    page.get_by_role("button", name="Skip").click()
    expect(page.locator(".player__reps")).to_have_text("100 pumps")
    expect(page.locator(".player__instructions li")).to_have_text(["Curl up.", "Pump the arms."])
    page.get_by_role("button", name="Skip").click()
    page.get_by_role("button", name="Skip").click()
    expect(page.locator(".player__title")).to_have_text("Star Jumps")
    page.get_by_role("button", name="Skip").click()
    expect(page.locator(".player__title")).to_have_text("Rest")
    expect(page.locator("[data-player-clock]")).to_have_text("0:30")
