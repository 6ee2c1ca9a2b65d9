"""A pupil plays their game in the page: real hub, real pupil server, real kernel, Chromium.

The pupil logs in through the hub's login form, opens a notebook that calls
play("spil.py"), runs the cell; the game's picture appears; holding the right
arrow key over the picture moves the player (read back from the kernel), and the
player stops moving when the key is released.
"""
import base64
import re
import time

import pytest

from kodefag.games.runner import PROJECTS_DIR

pytestmark = [pytest.mark.hub, pytest.mark.browser]

PUPIL = "elev8a02"
GAME = """
WIDTH = 320
HEIGHT = 200
spiller = Actor("spiller", (60, 100))

def update():
    if keyboard.right:
        spiller.x += 2

def draw():
    screen.fill((20, 20, 60))
    spiller.draw()
"""
BROKEN = """
def update():
    spillr.x += 1
"""
CELLS = [
    'from kodefag.games.player import play\np = play("spil.py")',
    'import time\nxs = [a["x"] for a in p.state.get("actors", []) if a["name"] == "spiller"]\n'
    'print("X=%s T=%s" % (xs[0] if xs else "?", time.time_ns()))',
    'print("FEJL=" + repr(p.error))',
    'q = play("fejl.py")',
    'from kodefag.games.player import tjek\nr = tjek("../spil-fang-aeblet/mit_spil.py")',
]


def notebook(cells):
    return {
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c}
                  for c in cells],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def put(hub, path, model):
    response = hub.api(PUPIL, "PUT", f"/user/{PUPIL}/api/contents/{path}", json=model)
    assert response.status_code in (200, 201), response.text


@pytest.fixture(scope="module")
def pupil_folder(hub, png):
    hub.start_server(PUPIL)
    put(hub, "spil", {"type": "directory"})
    put(hub, "spil/images", {"type": "directory"})
    put(hub, "spil/images/spiller.png",
        {"type": "file", "format": "base64", "content": base64.b64encode(png(rgb=(250, 60, 60))).decode()})
    put(hub, "spil/spil.py", {"type": "file", "format": "text", "content": GAME})
    put(hub, "spil/fejl.py", {"type": "file", "format": "text", "content": BROKEN.lstrip()})
    put(hub, "spil-fang-aeblet", {"type": "directory"})
    solution = (PROJECTS_DIR / "spil-fang-aeblet" / "solution.py").read_text(encoding="utf-8")
    put(hub, "spil-fang-aeblet/mit_spil.py", {"type": "file", "format": "text", "content": solution})
    put(hub, "spil/spil.ipynb", {"type": "notebook", "content": notebook(CELLS)})
    yield
    hub.stop_server(PUPIL)


@pytest.fixture(scope="module")
def png():
    from tests.games.conftest import tiny_png

    return tiny_png


def accept_kernel_dialog(page):
    """JupyterLab may ask which kernel to start for a notebook it has not opened before."""
    button = page.locator(".jp-Dialog button.jp-mod-accept")
    try:
        button.wait_for(timeout=8000)
    except Exception:
        return
    button.click()


def run_cell(page, index):
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    return cell


def read_output(page, index, pattern, timeout=30):
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = cell.locator(".jp-OutputArea").inner_text()
        found = re.search(pattern, text)
        if found:
            return found.group(1)
        time.sleep(0.3)
    raise AssertionError(f"no {pattern!r} in output of cell {index}: {text!r}")


_last_stamp = []


def x_now(page, timeout=30):
    """The player's x, read back from the kernel (cell 1 prints it with a fresh time stamp)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run_cell(page, 1)
        while time.monotonic() < deadline:
            text = page.locator(".jp-Notebook .jp-Cell").nth(1).locator(".jp-OutputArea").inner_text()
            found = re.search(r"X=(\S+) T=(\d+)", text)
            if found and found.group(2) not in _last_stamp:
                _last_stamp.append(found.group(2))
                break
            time.sleep(0.2)
        if found and found.group(1).isdigit():
            return int(found.group(1))
        time.sleep(0.5)  # the game has not reported its state yet
    page.screenshot(path="/tmp/kodefag-player-failure.png")
    raise AssertionError(f"the kernel never reported the player's x: {text!r}")


def settled_x(page, timeout=30):
    """The player's x once two reads in a row agree (the game reports ten times a second)."""
    deadline = time.monotonic() + timeout
    previous = x_now(page)
    while time.monotonic() < deadline:
        time.sleep(0.3)
        current = x_now(page)
        if current == previous:
            return current
        previous = current
    raise AssertionError("the player never stood still")


def test_pupil_plays_game_in_notebook_with_arrow_keys(hub, browser, pupil_folder):
    page = browser.new_page()
    try:
        page.goto(hub.url("/hub/login"))
        page.fill("input[name=username]", PUPIL)
        page.fill("input[name=password]", "demo")
        page.click("#login_submit")
        page.wait_for_url(re.compile(r".*/hub/.*|.*/user/.*"), timeout=60000)
        page.goto(hub.url(f"/user/{PUPIL}/lab/tree/spil/spil.ipynb"))
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120000)
        accept_kernel_dialog(page)
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=60000)

        first = run_cell(page, 0)
        game = page.locator("img.kodefag-spil")
        try:
            game.wait_for(timeout=60000)
        except Exception:
            page.screenshot(path="/tmp/kodefag-player-failure.png")
            raise AssertionError("no game picture; cell output: " + first.locator(".jp-OutputArea").inner_text())
        page.wait_for_function(
            "() => { const i = document.querySelector('img.kodefag-spil');"
            " return i && i.complete && i.naturalWidth === 320; }", timeout=60000)

        start = x_now(page)
        assert start == 60  # nothing pressed yet: the player has not moved
        game.hover()
        page.keyboard.down("ArrowRight")
        time.sleep(0.8)
        page.keyboard.up("ArrowRight")
        moved = settled_x(page)  # released: it stops
        assert moved > start + 20, (start, moved)

        run_cell(page, 2)
        assert read_output(page, 2, r"FEJL=(\w+)") == "None"

        # Stop and Start buttons
        page.locator("button.kodefag-stop").first.click()
        page.get_by_text("Spillet er stoppet").wait_for(timeout=20000)
        page.locator("button.kodefag-start").first.click()
        page.wait_for_function("() => !document.body.innerText.includes('Spillet er stoppet')", timeout=20000)
        assert x_now(page) < moved  # started again from the beginning

        # a game with an error: a Danish message naming the pupil's line, in the page
        run_cell(page, 3)
        error = page.locator(".kodefag-fejl")
        error.wait_for(timeout=60000)
        text = error.inner_text()
        assert "Linje 2 (i update())" in text and "spillr" in text and "Traceback" not in text

        # Tjek from a cell: the project's checks on the pupil's file, result in the page
        run_cell(page, 4)
        page.locator(".kodefag-tjek").wait_for(timeout=60000)
        assert "Tjek: 5 af 5 point" in page.locator(".kodefag-tjek").inner_text()
    finally:
        page.close()
