"""Game and micro:bit programs handed in on the pupil's page are graded by the same workers."""
import time

import pytest
from sqlalchemy import select

from kodefag.settings import REPO_ROOT
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Release, SchoolClass, Status, Submission, User

pytestmark = pytest.mark.hub
PORTAL = "/services/portal"
PUPIL = "elev5a05"


def release(hub, demo_platform, activity_id: str) -> int:
    """Release the activity to 5.A as its teacher; its release id, read from the portal's database."""
    response = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/5a/frigiv", data={"activity_id": activity_id},
                       allow_redirects=False)
    assert response.status_code == 302
    with session_scope(demo_platform.settings.database_url) as db:
        release_id = db.scalar(select(Release.id).join(SchoolClass).where(
            SchoolClass.slug == "5a", Release.activity_id == activity_id))
    assert release_id is not None
    assert f"{PORTAL}/aktivitet/{release_id}" in hub.api(PUPIL, "GET", f"{PORTAL}/").text
    return release_id


def latest_graded(demo_platform, release_id: int, after: int = 0, timeout=180) -> Submission:
    """The pupil's newest hand-in (newer than submission ``after``) once a worker has finished it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with session_scope(demo_platform.settings.database_url) as db:
            newest = db.scalars(select(Submission).join(User, Submission.pupil_id == User.id).where(
                Submission.release_id == release_id, User.username == PUPIL, Submission.id > after
            ).order_by(Submission.id.desc())).first()
            if newest is not None and newest.status in (Status.graded, Status.needs_manual, Status.failed):
                db.expunge(newest)
                return newest
        time.sleep(0.5)
    raise TimeoutError("no grading result")


def hand_in(hub, release_id: int, code: str):
    return hub.api(PUPIL, "POST", f"{PORTAL}/aktivitet/{release_id}/aflever", data={"code": code},
                   allow_redirects=False)


@pytest.mark.parametrize("activity_id, folder", [("mb-skridttaeller", "microbit/lessons"),
                                                 ("spil-labyrint", "games/projects")])
def test_solution_gets_full_marks_and_starter_does_not(hub, demo_platform, activity_id, folder):
    release_id = release(hub, demo_platform, activity_id)
    page = hub.api(PUPIL, "GET", f"{PORTAL}/aktivitet/{release_id}").text
    starter = (REPO_ROOT / folder / activity_id / "starter.py").read_text()
    assert "Aflever dit program" in page

    assert hand_in(hub, release_id, (REPO_ROOT / folder / activity_id / "solution.py").read_text()).status_code == 303
    solution = latest_graded(demo_platform, release_id)
    assert solution.status is Status.graded and solution.score == solution.max_score > 0
    page = hub.api(PUPIL, "GET", f"{PORTAL}/aktivitet/{release_id}").text
    assert "status-graded" in page and f"{solution.score:g} / {solution.max_score:g} point" in page

    assert hand_in(hub, release_id, starter).status_code == 303
    graded_starter = latest_graded(demo_platform, release_id, after=solution.id)
    assert graded_starter.score < graded_starter.max_score


def test_bad_code_hand_ins_are_refused_in_danish(hub, demo_platform):
    release_id = release(hub, demo_platform, "mb-skridttaeller")
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


def test_pupils_cannot_open_another_class_activity(hub, demo_platform):
    release_id = release(hub, demo_platform, "mb-skridttaeller")
    assert hub.api("elev5b01", "GET", f"{PORTAL}/aktivitet/{release_id}").status_code == 403
    assert hub.api("elev5b01", "POST", f"{PORTAL}/aktivitet/{release_id}/aflever",
                   data={"code": "print(1)"}).status_code == 403


def test_teacher_text_is_never_on_a_pupils_pages(hub, demo_platform):
    """The lesson's README has a part for the teacher; no page a pupil can open shows it."""
    readme = (REPO_ROOT / "microbit/lessons/mb-skridttaeller/README.md").read_text(encoding="utf-8")
    assert "## Til læreren" in readme and "lærerens vurdering" in readme
    release_id = release(hub, demo_platform, "mb-skridttaeller")
    pages = {path: hub.api(PUPIL, "GET", f"{PORTAL}{path}") for path in
             (f"/aktivitet/{release_id}", f"/aktivitet/{release_id}/kode", "/microbit/?lesson=mb-skridttaeller")}
    for path, page in pages.items():
        assert page.status_code == 200, path
        assert "Skridttæller" in page.text, path  # the task is there
        assert "Til læreren" not in page.text and "lærerens vurdering" not in page.text, path
    teacher = hub.api("laerer5a", "GET", f"{PORTAL}/microbit/?lesson=mb-skridttaeller")
    assert "Til læreren" in teacher.text  # staff read the whole text
