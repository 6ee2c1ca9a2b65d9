"""The pupil's micro:bit editor in the real portal: files saved on the server, several files per
project, hand-in graded by the workers, and (in Chromium) blocks -> Python -> the browser's
simulator -> Aflever -> graded, Tab indenting, work kept across a reload, button A on the board."""
import json
import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import select

from kodefag.settings import REPO_ROOT
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Release, SchoolClass

pytestmark = [pytest.mark.hub]
PORTAL = "/services/portal"
LESSON = "mb-navneskilt"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
HEART = "0909099999999990999000900"  # Image.HEART, row after row


@pytest.fixture(scope="module")
def navneskilt(hub, demo_platform) -> int:
    """mb-navneskilt released to 3.A (its teacher is laerer5a); the release id."""
    with session_scope(demo_platform.settings.database_url) as db:
        release_id = db.scalar(select(Release.id).join(SchoolClass).where(
            SchoolClass.slug == "3a", Release.activity_id == LESSON))
    if release_id is None:
        response = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/3a/frigiv", data={"activity_id": LESSON},
                           allow_redirects=False)
        assert response.status_code == 302, response.text[:300]
        with session_scope(demo_platform.settings.database_url) as db:
            release_id = db.scalar(select(Release.id).join(SchoolClass).where(
                SchoolClass.slug == "3a", Release.activity_id == LESSON))
    return release_id


def _project(page_html: str) -> dict:
    data = re.search(r'<script type="application/json" id="projekt">(.*?)</script>', page_html, re.S).group(1)
    return json.loads(data)


def _result(hub, pupil, release_id, timeout=180) -> dict:
    """The editor's view of the newest hand-in, once a worker has graded it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = hub.api(pupil, "GET", f"{PORTAL}/aktivitet/{release_id}/kode/resultat").json()
        if answer["state"] not in ("submitted", "grading"):
            return answer
        time.sleep(0.5)
    raise TimeoutError("no grading result")


def test_files_are_saved_checked_and_handed_in_together(hub, navneskilt):
    pupil, base = "elev3a02", f"{PORTAL}/aktivitet/{navneskilt}/kode"
    page = hub.api(pupil, "GET", base)
    assert page.status_code == 200 and 'lang="da"' in page.text
    assert page.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    first = _project(page.text)
    assert first["blocks"] is True and first["project"]["mode"] == "blokke"  # grade 3 starts with blocks
    assert "NAVN" in json.dumps(first["project"]["blocks"])

    def save(files, **extra):
        return hub.api(pupil, "POST", f"{base}/gem", json={"files": files, "mode": "python", **extra})

    refused = save({"main.py": "x = 1\n", "Min Fil.py": ""})
    assert refused.status_code == 400 and "Filnavnet 'Min Fil.py' kan ikke bruges" in refused.json()["message"]
    assert "optaget af micro:bit" in save({"main.py": "", "music.py": ""}).json()["message"]
    assert "skal have filen main.py" in save({"hjaelp.py": ""}).json()["message"]
    assert "for stort" in save({"main.py": "#" * 70_000}).json()["message"]

    files = {"main.py": "from microbit import *\nimport hjaelp\n\nwhile True:\n    display.scroll(hjaelp.NAVN)\n"
                        "    if button_a.was_pressed():\n        display.show(Image.HEART)\n        sleep(2000)\n",
             "hjaelp.py": "NAVN = 'Ida'\n"}
    assert save(files).json() == {"ok": True, "message": "Gemt"}
    again = _project(hub.api(pupil, "GET", base).text)["project"]
    assert again["files"] == files and again["mode"] == "python"

    handed_in = hub.api(pupil, "POST", f"{base}/aflever", json={"files": files, "mode": "python"})
    assert handed_in.status_code == 200 and handed_in.json()["ok"], handed_in.text
    result = _result(hub, pupil, navneskilt)
    assert result["state"] == "graded" and "5 / 5 point" in result["html"], result  # the module was graded too

    assert hub.api(pupil, "POST", f"{base}/forfra").json() == {"ok": True}  # Start forfra: the lesson's start
    fresh = _project(hub.api(pupil, "GET", base).text)["project"]
    assert fresh["mode"] == "blokke" and "NAVN" in json.dumps(fresh["blocks"])
    assert fresh["files"] == {"main.py": (REPO_ROOT / "microbit/lessons" / LESSON / "starter.py").read_text()}

    notebook = hub.api("elev5a01", "GET", f"{PORTAL}/")  # a notebook activity has no code editor
    release_ids = re.findall(r"/aktivitet/(\d+)", notebook.text)
    for release_id in release_ids:
        assert hub.api("elev5a01", "GET", f"{PORTAL}/aktivitet/{release_id}/kode").status_code in (403, 404)
    assert hub.api("elev5a01", "GET", base).status_code == 403  # not the pupil's class


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def _editor_text(page) -> str:
    """The code as the editor shows it (CodeMirror draws one element per line)."""
    return "\n".join(page.locator(".cm-content .cm-line").all_inner_texts())


@pytest.mark.browser
def test_blocks_python_simulator_and_hand_in_in_chromium(browser, hub, navneskilt):
    pupil = "elev3a03"  # no other test uses this pupil: the lesson opens with its starting blocks
    context = browser.new_context(locale="da-DK", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(hub.url("/hub/login"))
    page.fill("#username_input", pupil)
    page.fill("#password_input", "demo")
    page.click("#login_submit")
    page.wait_for_url(lambda url: "/hub/login" not in url, timeout=60_000)
    page.goto(hub.url(f"{PORTAL}/aktivitet/{navneskilt}"))
    page.click("text=Skriv programmet i editoren")
    page.wait_for_selector("body[data-editor-klar=ja]")
    assert page.evaluate("crossOriginIsolated")
    assert page.locator("header.top nav").is_visible()  # the portal's header and navigation

    # blocks: the lesson starts with "gentag for evigt / rul NAVN"; the pupil writes her name in the block
    page.wait_for_selector(".blocklyText:text-is('NAVN')")
    page.locator(".blocklyText:text-is('NAVN')").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Ida")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('blok-kode').textContent.includes(\"display.scroll('Ida')\")")
    assert page.locator("#blok-kode").inner_text().startswith("from microbit import *")
    assert _violations(page) == [], _violations(page)
    page.screenshot(path="/tmp/kodefag-editor-blokke.png")

    # the generated program runs in the simulator in real time: the name scrolls over the LEDs
    page.click("#koer")
    page.wait_for_function("(document.getElementById('leds').dataset.leds || '').includes('9')", timeout=20_000)
    page.click("#stop")

    # Aflever from the editor: graded by the workers like a typed program (name yes, heart no)
    page.click("#aflever")
    page.wait_for_function("document.getElementById('resultat-boks').textContent.includes('Rettet')", timeout=180_000)
    assert "3 / 5 point" in page.locator("#resultat-boks").inner_text(), page.locator("#resultat-boks").inner_text()

    # on to Python, keeping the program; Tab indents (and stays in the editor)
    page.click("#til-python")
    page.wait_for_selector(".cm-content")
    assert "display.scroll('Ida')" in _editor_text(page)
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Backspace")  # to the end of "    display.scroll('Ida')"
    page.keyboard.press("Enter")  # the editor indents the new line to the loop's body
    page.keyboard.type("if button_a.was_pressed():")
    page.keyboard.press("Enter")
    page.keyboard.type("display.show(Image.HEART)")
    page.keyboard.press("Enter")
    page.keyboard.type("sleep(2000)")
    page.keyboard.press("Home")
    page.keyboard.press("Tab")
    assert "\n            sleep(2000)" in _editor_text(page), _editor_text(page)
    assert page.evaluate("document.activeElement.classList.contains('cm-content')")
    page.keyboard.press("Shift+Tab")
    assert "\n        sleep(2000)" in _editor_text(page) and "\n            sleep(2000)" not in _editor_text(page)
    page.wait_for_selector("#gemt:text-matches('Gemt kl')")
    assert _violations(page) == [], _violations(page)
    page.screenshot(path="/tmp/kodefag-editor-python.png")

    # nothing is lost on reload: Python, the new lines
    page.reload()
    page.wait_for_selector("body[data-editor-klar=ja]")
    assert page.locator("#python-omraade").is_visible()
    assert "display.show(Image.HEART)" in _editor_text(page)

    # clicking A on the board shows the heart, as the program says
    page.click("#koer")
    page.wait_for_function("(document.getElementById('leds').dataset.leds || '').includes('9')", timeout=20_000)
    assert page.locator("#leds").get_attribute("data-leds") != HEART
    page.click("#knap-a")
    page.wait_for_function(f"document.getElementById('leds').dataset.leds === '{HEART}'", timeout=15_000)
    page.screenshot(path="/tmp/kodefag-editor-hjerte.png")
    page.click("#stop")

    page.click("#aflever")
    page.wait_for_function("document.getElementById('resultat-boks').textContent.includes('5 / 5 point')",
                           timeout=180_000)

    # a program in the browser's simulator cannot reach the portal (or anything) as the pupil
    sneaky = ("js = __import__('j' + 's')  # past the checker, into the runtime's JavaScript bridge\n"
              "request = js.XMLHttpRequest.new()\nrequest.open('GET', '/services/portal/', False)\n"
              "request.send()\nprint('svar', request.status)\n")
    saved = hub.api(pupil, "POST", f"{PORTAL}/aktivitet/{navneskilt}/kode/gem",
                    json={"files": {"main.py": sneaky}, "mode": "python"})
    assert saved.status_code == 200
    page.reload()
    page.wait_for_selector("body[data-editor-klar=ja]")
    page.click("#koer")
    page.wait_for_function("document.getElementById('besked').textContent.startsWith('Fejl')",
                           timeout=20_000)
    assert "svar" not in page.locator("#udskrift").inner_text()

    # the checker's Danish finding is marked on its line, and nothing runs
    page.locator(".cm-content").click()
    page.keyboard.press("Control+Home")
    page.keyboard.type("while True\n")
    page.click("#koer")
    page.wait_for_function("document.getElementById('besked').textContent.includes('mangler et kolon')")
    assert page.locator("#besked").inner_text().startswith("Fejl (linje 1)")
    assert page.locator(".cm-lintRange-error").count() >= 1
    context.close()
