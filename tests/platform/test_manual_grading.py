"""A teacher grades a reflection answer in the portal; the pupil's score includes it."""
import io
import json
import re
import tarfile
import time

import pytest

pytestmark = pytest.mark.hub
ACTIVITY = "g5-lister-og-loekker"
PUPIL = "elev5a03"
PORTAL = "/services/portal"


def hand_in_with_answer(hub) -> None:
    archive = hub.api(PUPIL, "GET", f"{PORTAL}/api/exchange/assignments/5a/{ACTIVITY}/download").content
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        notebook = json.load(tar.extractfile(f"{ACTIVITY}.ipynb"))
    for cell in notebook["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "forklaring":
            cell["source"] = "Med en løkke skriver jeg koden én gang, og den virker for alle lister."
    response = hub.api(PUPIL, "POST", f"{PORTAL}/api/exchange/assignments/5a/{ACTIVITY}/submissions",
                       files=[("files", (f"{ACTIVITY}.ipynb", json.dumps(notebook).encode(), "application/json"))])
    assert response.status_code == 201


def latest(hub) -> dict:
    assignments = hub.api(PUPIL, "GET", f"{PORTAL}/api/exchange/assignments").json()["assignments"]
    return [a for a in assignments if a["assignment_id"] == ACTIVITY][0]["submissions"][-1]


def test_teacher_grades_a_reflection_answer(hub):
    hand_in_with_answer(hub)
    deadline = time.monotonic() + 180
    while latest(hub)["status"] != "needs_manual":
        assert time.monotonic() < deadline, latest(hub)
        time.sleep(1)
    page = hub.api("laerer5a", "GET", f"{PORTAL}/klasse/5a/aktivitet/{ACTIVITY}").text
    row = re.search(rf'<tr id="elev-{PUPIL}">(.*?)</tr>', page, re.S)
    assert row, f"no row for {PUPIL} on the activity page"
    link = re.search(rf'{PORTAL}/klasse/5a/aflevering/(\d+)', row.group(1))  # this pupil's, not another test's
    assert link, "no grading link for the submission"
    url = link.group(0)

    form = hub.api("laerer5a", "GET", url)
    assert form.status_code == 200
    assert "den virker for alle lister" in form.text and "Modelsvar" in form.text
    assert hub.api("laerer5b", "GET", url).status_code == 403
    assert hub.api(PUPIL, "GET", url).status_code == 403

    too_many = hub.api("laerer5a", "POST", url, data={"points-forklaring": "7"})
    assert too_many.status_code == 400 and "mellem 0 og 2" in too_many.text
    saved = hub.api("laerer5a", "POST", url, data={"points-forklaring": "1,5"}, allow_redirects=False)
    assert saved.status_code == 302
    graded = latest(hub)
    assert graded["status"] == "graded" and graded["score"] == 1.5
