"""The teacher plays the solution game, in Chromium on the real hub.

From the activity's solution page, "Åbn spillet i din Jupyter" puts the solution game in the
teacher's own server and opens its player notebook; the teacher runs the cell and plays with
the keyboard, in the same live player the pupils use (the game runs in the teacher's sandboxed
server, never in the portal). The labyrinth's solution moves the mouse down, which the pupils'
starter cannot: that is how the test knows it is the solution that runs."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kodefag.settings import REPO_ROOT
from tests.pupil.test_pupil_journey import FIELD_IS_FLOOR, mouse_in

pytestmark = [pytest.mark.hub, pytest.mark.browser]
PORTAL = "/services/portal"
TEACHER = "laerer5a"
GAME = "spil-labyrint"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
#: the mouse left its start field (1, 1) in the first row of the maze
MOUSE_LEFT_START = f"img => ({FIELD_IS_FLOOR})(img, 1)"


def test_teacher_plays_the_solution_game_with_the_keyboard(browser, hub, tmp_path_factory):
    # released to 5.A (a second release of the same activity is refused, and that is fine here)
    assert hub.api(TEACHER, "POST", f"{PORTAL}/klasse/5a/frigiv", data={"activity_id": GAME},
                   allow_redirects=False).status_code == 302
    context = browser.new_context(locale="da-DK", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(hub.url(f"/hub/login?next={PORTAL}/klasse/5a/aktivitet/{GAME}/loesning"))
    page.fill("#username_input", TEACHER)
    page.fill("#password_input", "demo")
    page.click("#login_submit")
    page.wait_for_url(re.compile(".*/loesning$"))
    results = Axe().run(page, options=WCAG)
    assert [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")] == []
    page.screenshot(path=str(tmp_path_factory.getbasetemp() / "loesning-spil.png"), full_page=True)

    page.get_by_role("button", name="Åbn spillet i din Jupyter").click()
    page.wait_for_url(re.compile(rf".*/user/{TEACHER}/lab/tree/loesninger/{GAME}/spil\.ipynb.*"), timeout=180_000)
    copied = hub.api(TEACHER, "GET", f"/user/{TEACHER}/api/contents/loesninger/{GAME}/solution.py").json()
    assert copied["content"] == (REPO_ROOT / "games" / "projects" / GAME / "solution.py").read_text()

    picture = play_the_cell(page, tmp_path_factory)
    page.wait_for_function("img => img.complete && img.naturalWidth === 600", arg=picture.element_handle(),
                           timeout=60_000)
    assert mouse_in(page, picture, 1)
    picture.hover()  # the keys reach the game while the pointer is over it
    page.keyboard.press("ArrowDown")
    page.wait_for_function(MOUSE_LEFT_START, arg=picture.element_handle(), timeout=30_000)
    page.screenshot(path=str(tmp_path_factory.getbasetemp() / "loesning-spillet.png"))
    context.close()


def play_the_cell(page, tmp_path_factory):
    """Run the player cell as the notebook says (click in it, Shift+Enter) as soon as it can be
    clicked; the game's picture. The first Shift+Enter must run (tests/platform/test_browser.py)."""
    notebook = page.locator(".jp-NotebookPanel:visible")
    notebook.locator(".jp-CodeCell .jp-InputArea-editor").first.click(timeout=120_000)
    page.keyboard.press("Shift+Enter")
    picture = notebook.locator("img.kodefag-spil")
    try:
        picture.wait_for(timeout=60_000)
    except PlaywrightTimeout:
        page.screenshot(path=str(tmp_path_factory.getbasetemp() / "loesning-intet-spil.png"))
        pytest.fail(f"no game picture; the notebook shows: {notebook.inner_text()[-1500:]}")
    return picture
