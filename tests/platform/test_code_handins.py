"""Game and micro:bit programs handed in on the pupil's page are graded by the same workers."""
import time

import pytest

from kodefag.settings import REPO_ROOT

pytestmark = pytest.mark.hub
PORTAL = "/services/portal"
PUPIL = "elev5a05"


def release(hub, activity_id: str) -> int:
    response = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/5a/frigiv", data={"activity_id": activity_id},
                       allow_redirects=False)
    assert response.status_code == 302
    dashboard = hub.api(PUPIL, "GET", f"{PORTAL}/").text
    marker = f'{PORTAL}/aktivitet/'
    ids = [int(part.split('"')[0]) for part in dashboard.split(marker)[1:]]
    for release_id in ids:
        page = hub.api(PUPIL, "GET", f"{PORTAL}/aktivitet/{release_id}").text
        if activity_id in page or release_id == max(ids):
            return release_id
    raise AssertionError("release not on the pupil's dashboard")


def hand_in(hub, release_id: int, code: str):
    return hub.api(PUPIL, "POST", f"{PORTAL}/aktivitet/{release_id}/aflever", data={"code": code},
                   allow_redirects=False)


def wait_result(hub, release_id: int, timeout=180) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = hub.api(PUPIL, "GET", f"{PORTAL}/aktivitet/{release_id}").text
        if "status-graded" in page or "status-needs_manual" in page or "status-failed" in page:
            return page
        time.sleep(1)
    raise TimeoutError("no grading result")


@pytest.mark.parametrize("activity_id, folder", [("mb-skridttaeller", "microbit/lessons"),
                                                 ("spil-labyrint", "games/projects")])
def test_solution_gets_full_marks_and_starter_does_not(hub, activity_id, folder):
    release_id = release(hub, activity_id)
    page = hub.api(PUPIL, "GET", f"{PORTAL}/aktivitet/{release_id}").text
    starter = (REPO_ROOT / folder / activity_id / "starter.py").read_text()
    assert "Aflever dit program" in page

    assert hand_in(hub, release_id, (REPO_ROOT / folder / activity_id / "solution.py").read_text()).status_code == 303
    page = wait_result(hub, release_id)
    assert "status-graded" in page
    score = page.split('class="score">')[1].split(" point")[0]
    got, most = (float(x) for x in score.split(" / "))
    assert got == most > 0

    assert hand_in(hub, release_id, starter).status_code == 303
    time.sleep(1)
    page = wait_result(hub, release_id)
    score = page.split('class="score">')[1].split(" point")[0]
    got, most = (float(x) for x in score.split(" / "))
    assert got < most


def test_bad_code_hand_ins_are_refused_in_danish(hub, demo_platform):
    release_id = release(hub, "mb-skridttaeller")
    folder = demo_platform.settings.var_dir / "submissions" / "5a" / "mb-skridttaeller" / PUPIL
    before = sorted(folder.iterdir()) if folder.exists() else []
    empty = hand_in(hub, release_id, "   ")
    junk = hub.api(PUPIL, "POST", f"{PORTAL}/aktivitet/{release_id}/aflever",
                   files={"file": ("main.py", b"\xff\xfe\x00\x01binary", "application/octet-stream")},
                   allow_redirects=False)
    huge = hand_in(hub, release_id, "x = 1\n" * 20000)
    assert empty.status_code == junk.status_code == huge.status_code == 400
    assert "Der er ingen kode at aflevere" in empty.text
    assert "ikke et Python-program" in junk.text
    assert "for stort" in huge.text and "x = 1" in huge.text  # the pupil's code is kept
    after = sorted(folder.iterdir()) if folder.exists() else []
    assert after == before


def test_pupils_cannot_open_another_class_activity(hub):
    release_id = release(hub, "mb-skridttaeller")
    assert hub.api("elev5b01", "GET", f"{PORTAL}/aktivitet/{release_id}").status_code == 403
    assert hub.api("elev5b01", "POST", f"{PORTAL}/aktivitet/{release_id}/aflever",
                   data={"code": "print(1)"}).status_code == 403
