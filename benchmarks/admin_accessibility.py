"""axe-core findings and screenshots of the editors' pages, on a running server.

    python benchmarks/admin_accessibility.py http://127.0.0.1:8000 USER PASSWORD [SHOTS_DIR]

Signs in, opens the exercise list (each language tab), the content report, a term's change
page, an exercise's change page, its history, a compare view, the workout list, a workout's
change page and history and a workout category at 1366 and 390 px
in Debian's Chromium, and prints one line per page and width: axe's violations by impact
(and the ids of the serious and critical ones). Screenshots (full page) go to SHOTS_DIR
(default /tmp/admin-shots). axe-core is the copy bundled by axe-playwright-python.
"""

import re
import sys
from collections import Counter
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

WIDTHS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}


def admin_pages(page, base: str) -> dict[str, str]:
    """Names and paths of the pages to check, found by following the admin's own links."""
    page.goto(f"{base}/admin/exercises/exercise/?language__exact=es")
    change = page.locator("#result_list tbody tr th a").first.get_attribute("href") or ""
    exercise = re.search(r"/exercise/(\d+)/change/", change).group(1)  # type: ignore[union-attr]
    # One save without changes, so the history has two versions to compare.
    page.goto(base + change)
    page.locator("input[name=_continue]").first.click()
    page.wait_for_selector(".messagelist")
    page.goto(f"{base}/admin/exercises/exercise/{exercise}/history/")
    versions = re.findall(r'name="version_id1" value="(\d+)"', page.content())
    page.goto(f"{base}/admin/exercises/equipment/")
    term = page.locator("#result_list tbody tr th a").first.get_attribute("href") or ""
    page.goto(f"{base}/admin/workouts/workout/?language__exact=es")
    workout = page.locator("#result_list tbody tr th a").first.get_attribute("href") or ""
    page.goto(f"{base}/admin/workouts/workoutcategory/")
    category = page.locator("#result_list tbody tr th a").first.get_attribute("href") or ""
    pages = {
        "list (all)": "/admin/exercises/exercise/",
        "list (es)": "/admin/exercises/exercise/?language__exact=es",
        "content report": "/admin/exercises/exercise/content-report/",
        "content report (es, missing image, page 2)": (
            "/admin/exercises/exercise/content-report/?language=es&kind=missing-image&page=2"
        ),
        "term change page": term,
        "exercise change page": change,
        "history": f"/admin/exercises/exercise/{exercise}/history/",
        "workout list": "/admin/workouts/workout/",
        "workout change page (es)": workout,
        "workout history": workout.replace("/change/", "/history/"),
        "workout category": category,
    }
    if len(versions) >= 2:
        pages["compare"] = (
            f"/admin/exercises/exercise/{exercise}/history/compare/"
            f"?version_id1={versions[1]}&version_id2={versions[0]}"
        )
    return pages


def main(base: str, username: str, password: str, shots: Path) -> None:
    shots.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        for width, viewport in WIDTHS.items():
            context = browser.new_context(viewport=viewport, locale="en-US")
            page = context.new_page()
            page.goto(f"{base}/admin/login/")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(re.compile(r"/admin/$"))
            for name, path in admin_pages(page, base).items():
                page.goto(base + path)
                violations = axe.run(page).response["violations"]
                nodes = Counter()
                for violation in violations:
                    nodes[violation["impact"]] += len(violation["nodes"])
                failing = sorted(
                    f"{violation['id']}×{len(violation['nodes'])}"
                    for violation in violations
                    if violation["impact"] in ("serious", "critical")
                )
                slug = re.sub(r"\W+", "-", name).strip("-")
                page.screenshot(path=str(shots / f"{slug}-{width}.png"), full_page=True)
                print(
                    f"{width:>4} px  {name:<45} critical {nodes['critical']:>3}  "
                    f"serious {nodes['serious']:>3}  moderate {nodes['moderate']:>3}  "
                    f"minor {nodes['minor']:>3}  {' '.join(failing)}"
                )
            context.close()
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(
        sys.argv[1],
        sys.argv[2],
        sys.argv[3],
        Path(sys.argv[4] if len(sys.argv) > 4 else "/tmp/admin-shots"),
    )
