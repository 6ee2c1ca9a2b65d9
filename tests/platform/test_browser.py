"""Browser journeys in headless Chromium (Debian's, driven by Playwright) on the real hub."""
import re
import time

import pytest

pytestmark = [pytest.mark.hub, pytest.mark.browser]
ACTIVITY = "g5-lister-og-loekker"
PUPIL = "elev5a04"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 850}, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def log_in(page, hub, username, password="demo"):
    page.goto(hub.url("/hub/login"))
    page.fill("#username_input", username)
    page.fill("#password_input", password)
    page.click("#login_submit")


def test_login_page_is_danish_and_explains_a_wrong_password(page, hub):
    log_in(page, hub, PUPIL, "forkert")
    assert page.locator("h1").inner_text() == "Log ind i kodefag"
    assert "Forkert brugernavn eller adgangskode" in page.locator(".login_error").inner_text()


#: records whether the page ever shows the text "No Kernel" (innerText: only what is rendered visibly)
WATCH_FOR_NO_KERNEL = """() => {
    window.kodefagSawNoKernel = false;
    new MutationObserver(() => {
        window.kodefagSawNoKernel ||= document.body.innerText.includes('No Kernel');
    }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def run_first_code_cell(page) -> str:
    """Run the notebook's first code cell as a pupil does, as soon as it can be clicked, and return
    its output: the first Shift+Enter after opening must run (the notebook takes no keys until its
    kernel is there, hub/labextension; the proxy keeps the kernel's websocket, hub/origins.py)."""
    notebook = page.locator(".jp-NotebookPanel:visible")
    example = notebook.locator(".jp-CodeCell").first
    example.locator(".jp-InputArea-editor").click(timeout=120_000)
    page.keyboard.press("Shift+Enter")
    output = example.locator(".jp-OutputArea-output")
    output.wait_for(timeout=60_000)
    return output.inner_text()


def test_pupil_opens_runs_a_cell_and_hands_in(page, hub):
    log_in(page, hub, PUPIL)
    page.wait_for_url(re.compile(rf".*/user/{PUPIL}/lab.*"), timeout=120_000)
    # the pupil lands in Mine aktiviteter (kodefag's JupyterLab extension); one click opens the notebook
    activity = page.locator(".kodefag-aktiviteter").get_by_role("button", name="Lister og løkker")
    activity.wait_for(timeout=120_000)
    page.evaluate(WATCH_FOR_NO_KERNEL)
    activity.click()

    output = run_first_code_cell(page)
    assert "Holdet fik 3 point" in output
    # while the kernel started, JupyterLab's untranslated "No Kernel" was never shown (hub/labextension)
    assert page.evaluate("window.kodefagSawNoKernel") is False

    toolbar = page.locator(".jp-NotebookPanel:visible .jp-Toolbar")
    toolbar.get_by_role("button", name="Aflever", exact=True).click()
    page.locator(".jp-Dialog").get_by_role("button", name="Aflever").click()
    page.locator(".jp-Dialog").get_by_text("Afleveret", exact=True).wait_for(timeout=60_000)


def _wait_graded(hub, pupil, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assignments = hub.api(pupil, "GET", "/services/portal/api/exchange/assignments").json()["assignments"]
        submissions = [a for a in assignments if a["assignment_id"] == ACTIVITY][0]["submissions"]
        if submissions and submissions[-1]["status"] in ("graded", "needs_manual"):
            return submissions[-1]
        time.sleep(1)
    raise TimeoutError("not graded")


def test_teacher_sees_the_score_on_the_class_page(page, hub):
    graded = _wait_graded(hub, PUPIL)
    log_in(page, hub, "laerer5a")
    page.wait_for_url(re.compile(r".*/services/portal/.*"))
    page.click("a:has-text('5.A')")
    cell = page.locator(f'td[data-pupil="{PUPIL}"][data-activity="{ACTIVITY}"]')
    cell.wait_for()
    assert f"{graded['score']:g}/{graded['max_score']:g}" in cell.inner_text()
    assert "Ret!" in cell.inner_text()  # the compact matrix's short word; the full status is the cell's name
    assert cell.locator("a.cell-link").get_attribute("aria-label").endswith(": Mangler rettelse, "
                                                                             f"{graded['score']:g}/{graded['max_score']:g}")
    assert page.locator("html").get_attribute("lang") == "da"
