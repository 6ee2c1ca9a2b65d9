"""A teacher's lesson in Chromium on the real hub: class matrix with the help signal -> a pupil
-> grade with a comment (a remote image in the answer stays blocked) -> the pupil reads it;
planning (deadline, weekly lesson, undo); the read-only preview and "Åbn live" (the hub's Danish
authorize page inside the frame). axe-core checks every page; screenshots go to the temp folder."""
import io
import json
import re
import tarfile
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.hubclient import free_port

pytestmark = [pytest.mark.hub, pytest.mark.browser]
PORTAL = "/services/portal"
ACTIVITY = "g5-lister-og-loekker"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SERIOUS = ("serious", "critical")


def serious_violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in SERIOUS]


class Spy:
    """A web server that records every request: the remote image a pupil puts in an answer."""

    def __init__(self):
        self.requests: list[str] = []
        spy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                spy.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.port = free_port()
        self.server = HTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def spy():
    server = Spy()
    yield server
    server.server.shutdown()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="da-DK", viewport={"width": 1300, "height": 900})
    yield context
    context.close()


def log_in(page, hub, username: str, next_path: str = f"{PORTAL}/"):
    page.goto(hub.url(f"/hub/login?next={next_path}"))
    page.fill("#username_input", username)
    page.fill("#password_input", "demo")
    page.click("#login_submit")
    page.wait_for_url(re.compile(".*" + re.escape(next_path) + ".*"), timeout=60_000)


def look(page, tmp_path_factory, name: str, axe: bool = True) -> None:
    """Screenshot (for people to look at) and axe-core (no serious or critical findings)."""
    page.screenshot(path=str(tmp_path_factory.getbasetemp() / f"laerer-{name}.png"), full_page=True)
    if axe:
        assert serious_violations(page) == [], name


def hand_in(hub, pupil: str, answer: str) -> None:
    archive = hub.api(pupil, "GET", f"{PORTAL}/api/exchange/assignments/5b/{ACTIVITY}/download").content
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        notebook = json.load(tar.extractfile(f"{ACTIVITY}.ipynb"))
    for cell in notebook["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "forklaring":
            cell["source"] = answer
    response = hub.api(pupil, "POST", f"{PORTAL}/api/exchange/assignments/5b/{ACTIVITY}/submissions",
                       files=[("files", (f"{ACTIVITY}.ipynb", json.dumps(notebook).encode(), "application/json"))])
    assert response.status_code == 201, response.text


def wait_for_status(hub, pupil: str, status: str, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while True:
        listing = hub.api(pupil, "GET", f"{PORTAL}/api/exchange/assignments").json()["assignments"]
        latest = [a for a in listing if a["assignment_id"] == ACTIVITY][0]["submissions"][-1]
        if latest["status"] == status:
            return
        assert time.monotonic() < deadline, latest
        time.sleep(1)


def test_matrix_help_grading_with_comment_and_the_pupil_reads_it(hub, context, spy, tmp_path_factory):
    hand_in(hub, "elev5b03", f"Løkken gentager koden. ![billede](http://127.0.0.1:{spy.port}/spion.png)")
    for _ in range(3):  # the Tjek button of elev5b04's notebook, as the pupil's server sends it
        tjek = hub.api("elev5b04", "POST", f"{PORTAL}/api/aktivitet/5b/{ACTIVITY}/tjek",
                       json={"passed": False, "checks": [{"name": "tæl ned", "passed": False}]})
        assert tjek.status_code == 201, tjek.text
    assert hub.api("elev5b04", "POST", f"{PORTAL}/api/aktivitet/5a/{ACTIVITY}/tjek",
                   json={"passed": False}).status_code == 403  # not the pupil's class
    wait_for_status(hub, "elev5b03", "needs_manual")

    page = context.new_page()
    log_in(page, hub, "laerer5b", f"{PORTAL}/klasse/5b")
    cell = page.locator(f'td[data-pupil="elev5b04"][data-activity="{ACTIVITY}"]')
    cell.locator(".help-reason").wait_for(state="visible")
    assert "3 fejl i Tjek" in cell.inner_text()
    assert page.locator('tr[data-row="elev5b04"] .help-badge').is_visible() and "I gang" in cell.inner_text()
    assert page.locator('tr[data-row="elev5b01"] .help-badge').is_hidden()
    look(page, tmp_path_factory, "klasse")
    page.select_option("#omraade", "computationel")
    page.click("text=Vis")
    pupils = page.locator("tr[data-row]").count()  # other modules may add pupils to 5.B on the shared hub
    assert "omraade=computationel" in page.url and pupils >= 5
    assert page.locator(f'td[data-activity="{ACTIVITY}"]').count() == pupils

    page.click(f'td[data-pupil="elev5b03"][data-activity="{ACTIVITY}"] a.cell-link')
    page.wait_for_url(re.compile(r".*/klasse/5b/elev/elev5b03.*"))
    assert "Mangler rettelse" in page.locator(f"tr#{ACTIVITY}").inner_text()
    look(page, tmp_path_factory, "elev")
    page.locator(f"tr#{ACTIVITY}").get_by_role("link", name="Ret", exact=True).click()
    page.wait_for_url(re.compile(r".*/klasse/5b/aflevering/\d+"))
    page.wait_for_load_state("load")
    assert "Løkken gentager koden" in page.locator(".answer").inner_text()
    assert "Opgave 3: Forklar med dine egne ord" in page.locator(".question").inner_text()
    assert spy.requests == []  # the pupil's remote image did not load on the teacher's page
    look(page, tmp_path_factory, "ret")
    page.fill("#comment", "Fin forklaring. Husk at sige, hvad løkken gentager.")
    page.fill("#points-forklaring", "1,5")
    page.press("#points-forklaring", "Enter")  # the keyboard saves and moves on
    page.wait_for_selector("text=Gemt for")
    assert spy.requests == []

    page.goto(hub.url(f"{PORTAL}/klasse/5b/aktivitet/{ACTIVITY}"))
    row = page.locator("tr#elev-elev5b03").inner_text()
    assert "Rettet" in row and "1.5 / 6" in row  # the stubs got no automatic points
    assert "fejler 'tæl ned'" in page.locator("ul.failing").inner_text()
    look(page, tmp_path_factory, "aktivitet")

    pupil = context.browser.new_context(locale="da-DK").new_page()
    log_in(pupil, hub, "elev5b03")
    assert "Fin forklaring. Husk at sige, hvad løkken gentager." in pupil.locator(".teacher-comment").inner_text()
    pupil.context.close()
    listing = hub.api("elev5b03", "GET", f"{PORTAL}/api/exchange/assignments").json()["assignments"]
    latest = [a for a in listing if a["assignment_id"] == ACTIVITY][0]["submissions"][-1]
    assert latest["teacher_comment"].startswith("Fin forklaring") and latest["score"] == 1.5


def test_release_with_deadline_lessons_and_undo(hub, context, tmp_path_factory):
    page = context.new_page()
    log_in(page, hub, "laerer5b", f"{PORTAL}/klasse/5b")
    page.click('button[aria-label="Frigiv Klassens data"]')
    page.wait_for_selector("text=er frigivet til 5.B")
    page.click("text=Planlægning og lektioner")
    page.fill('form[action$="g5-klassens-data/datoer"] input[name="deadline"]', "2026-12-24T08:00")
    page.click('button[aria-label="Gem datoer for Klassens data"]')
    page.wait_for_selector("text=Datoerne for Klassens data er gemt")
    listing = hub.api("elev5b01", "GET", f"{PORTAL}/api/exchange/assignments").json()["assignments"]
    data = [a for a in listing if a["assignment_id"] == "g5-klassens-data"][0]
    assert data["deadline"] == "24.12.2026 08:00"  # Danish local time, as typed

    page.select_option("#weekday", "1")
    page.fill("#starts", "10:00")
    page.fill("#ends", "10:45")
    page.click("text=Tilføj lektion")
    assert "Tirsdag 10:00-10:45" in page.locator("ul.lessons").inner_text()
    look(page, tmp_path_factory, "planlaegning")
    locked = page.locator(f"tr:has-text('Lister og løkker')").inner_text()
    assert "Kan ikke fortrydes" in locked  # hand-ins exist

    page.click('button[aria-label="Fortryd frigivelsen af Klassens data"]')
    page.wait_for_selector("text=Klassens data er ikke frigivet længere")
    listing = hub.api("elev5b01", "GET", f"{PORTAL}/api/exchange/assignments").json()["assignments"]
    assert "g5-klassens-data" not in [a["assignment_id"] for a in listing]
    assert hub.api("elev5b01", "GET", f"{PORTAL}/api/exchange/assignments/5b/g5-klassens-data/download"
                   ).status_code == 404


def test_preview_and_open_live_without_the_authorize_page(hub, context, tmp_path_factory):
    pupil = "elev5b04"
    hub.start_server(pupil)
    try:
        folder = hub.api(pupil, "PUT", f"/user/{pupil}/api/contents/{ACTIVITY}", json={"type": "directory"})
        assert folder.status_code in (200, 201), folder.text
        notebook = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "Jeg er i gang med opgave 2."}],
                    "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        saved = hub.api(pupil, "PUT", f"/user/{pupil}/api/contents/{ACTIVITY}/{ACTIVITY}.ipynb",
                        json={"type": "notebook", "format": "json", "content": notebook})
        assert saved.status_code in (200, 201), saved.text

        page = context.new_page()
        log_in(page, hub, "laerer5b", f"{PORTAL}/klasse/5b/elev/{pupil}/aktivitet/{ACTIVITY}")
        assert "lige nu" in page.locator(".banner").inner_text()
        assert "Jeg er i gang med opgave 2." in page.locator("article.notebook").inner_text()
        look(page, tmp_path_factory, "forhaandsvisning")

        authorize = []  # the hub's OAuth authorize answers: a redirect each, never its "Giv adgang" page
        page.on("response", lambda r: authorize.append(r.status) if "/hub/api/oauth2/authorize" in r.url else None)
        page.click("text=Åbn live")
        banner = page.locator(".live-banner").inner_text()
        assert "Du er i" in banner and pupil in banner
        lab_url = hub.url(f"/user/{pupil}/lab")
        frame = page.frame_locator("iframe.live-frame")
        deadline = time.monotonic() + 120
        while not any(f.url.startswith(lab_url) for f in page.frames):
            assert time.monotonic() < deadline, [f.url for f in page.frames]
            page.wait_for_timeout(500)
        frame.locator("#jp-main-dock-panel").wait_for(timeout=120_000)  # the pupil's Lab, under the banner
        assert authorize and set(authorize) == {302}, authorize  # the teacher's first visit: no confirmation
        look(page, tmp_path_factory, "live", axe=False)  # the frame is JupyterLab's own page
    finally:
        hub.stop_server(pupil)
