"""The leader's school view, the municipality view and a class's CSV export, through the
Flask test client on SQLite and PostgreSQL, logged in through the real demo hub."""
import csv
import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.learning import SignTick
from kodefag.teacher_portal.models import LessonSlot, Progress, Release, School, SchoolClass, Status, Submission, User

pytestmark = pytest.mark.hub

AREAS = ("computationel", "design", "myndiggoerelse", "handleevne")


def _class(session, slug):
    return session.scalar(select(SchoolClass).where(SchoolClass.slug == slug))


def _check_in(session, school_class, activity_id, released_at, points: dict[str, int]):
    """A graded notebook kompetencetjek for every pupil: ``points`` per area out of 3."""
    release = Release(class_id=school_class.id, activity_id=activity_id, kind="notebook", title=activity_id,
                      max_score=12, released_at=released_at)
    session.add(release)
    session.flush()
    for pupil in school_class.pupils:
        cells = [{"grade_id": f"test-{area}-{n}", "score": 1.0 if n <= points[area] else 0.0, "max_score": 1.0}
                 for area in AREAS for n in (1, 2, 3)]
        submission = Submission(release_id=release.id, pupil_id=pupil.id, timestamp="t", folder="-",
                                status=Status.graded, score=sum(points.values()), max_score=12,
                                result={"cells": cells}, submitted_at=released_at)
        session.add(submission)
        session.flush()
        session.add(Progress(pupil_id=pupil.id, release_id=release.id, status=Status.graded,
                             score=submission.score, max_score=12, last_submission_id=submission.id))


@pytest.fixture
def school_data(seeded):
    """5.A (5 pupils) took the grade-5 check in 2025/26; 3.A (3 pupils: too few to show) the
    unplugged grade-3 check; 5.A has two lessons a week; a second school exists."""
    with session_scope(seeded.database_url) as session:
        five_a, three_a = _class(session, "5a"), _class(session, "3a")
        _check_in(session, five_a, "kompetencetjek-g5-start", dt.datetime(2025, 8, 20),
                  {"computationel": 1, "design": 0, "myndiggoerelse": 2, "handleevne": 3})
        _check_in(session, five_a, "kompetencetjek-g5-slut", dt.datetime(2026, 6, 10),
                  {"computationel": 3, "design": 3, "myndiggoerelse": 2, "handleevne": 2})
        for phase, ticked in (("start", []), ("slut", ["computationel-forudsiger"])):
            release = Release(class_id=three_a.id, activity_id=f"kompetencetjek-g3-{phase}", kind="unplugged",
                              title=phase, max_score=0, released_at=dt.datetime(2025 + (phase == "slut"), 6 if phase == "slut" else 8, 20))
            session.add(release)
            session.flush()
            for pupil in three_a.pupils:
                session.add(Progress(pupil_id=pupil.id, release_id=release.id, status=Status.checked_off))
                session.add_all(SignTick(pupil_id=pupil.id, activity_id=release.activity_id, sign_id=s) for s in ticked)
        session.add_all([LessonSlot(class_id=five_a.id, weekday=1, starts="10:00", ends="10:45"),
                         LessonSlot(class_id=five_a.id, weekday=3, starts="08:00", ends="08:45")])
        other = School(name="Anden Skole")
        session.add(other)
        session.add(SchoolClass(name="4.A", slug="anden-4a", grade=4, school=other))
        demo = session.scalar(select(School).where(School.name == "Demo Skole"))
        pupil = session.scalar(select(User).where(User.username == "elev5a01"))
        pupil.display_name = "=HYPERLINK(\"http://x\")"
        return {"demo": demo.id, "other": other.id}


def test_leader_sees_the_school_by_class_and_grade_with_effect_and_no_names(login, school_data):
    client = login.as_user("leder")
    assert client.get("/rapport").headers["Location"].endswith(f"/rapport/skole/{school_data['demo']}")
    page = client.get(f"/rapport/skole/{school_data['demo']}")
    assert page.status_code == 200, page.text
    text = page.text
    assert "Tal for Demo Skole" in text and "<svg" in text and "5.A" in text and "5. klasse" in text
    # 5.A: computationel 1/3 -> 3/3 is +67 points, design 0 -> 100 %, handleevne 3 -> 2 is -33
    assert "+67 procentpoint" in text and "+100 procentpoint" in text and "−33 procentpoint" in text
    assert "elev5a01" not in text and "HYPERLINK" not in text and "Alma" not in text
    # 3.A's unplugged check has 3 pupils: fewer than 5, so no average is shown for the class
    assert "3.A" in text
    assert client.get(f"/rapport/skole/{school_data['other']}").status_code == 403


def test_municipality_sees_every_school(login, school_data):
    client = login.as_user("kommune")
    assert client.get("/").headers["Location"].endswith("/kommune")
    page = client.get("/kommune")
    assert page.status_code == 200, page.text
    assert "Demo Skole" in page.text and "Anden Skole" in page.text and "2025/26" in page.text
    # the school's figure weighs 5.A (5 pupils, +67) and 3.A (3 pupils, 0 -> 1 of 2 signs: +50): +60
    assert "+60 procentpoint" in page.text and "elev5a01" not in page.text
    assert client.get(f"/rapport/skole/{school_data['other']}").status_code == 200
    assert client.get("/klasse/5a/eksport.csv").status_code == 403
    assert login.as_user("leder").get("/kommune").status_code == 403


def test_csv_export_of_a_class_is_for_its_teachers_and_escapes_formulas(login, school_data):
    response = login.as_user("laerer5a").get("/klasse/5a/eksport.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Elev", "Brugernavn", "kompetencetjek-g5-start (maks. 12 point)"]
    assert len(rows) == 1 + 5
    row = next(r for r in rows if r[1] == "elev5a01")
    assert row == ["'=HYPERLINK(\"http://x\")", "elev5a01", "6", "10"]  # a formula is written as text
    assert login.as_user("laerer5b").get("/klasse/5a/eksport.csv").status_code == 403
    assert login.as_user("leder").get("/klasse/5a/eksport.csv").status_code == 403
    assert login.as_user("admin").get("/klasse/5a/eksport.csv").status_code == 200
    assert login.as_user("elev5a01").get("/klasse/5a/eksport.csv").status_code == 403


def _snapshot(url):
    with session_scope(url) as session:
        users = session.execute(select(User.username, User.display_name, User.role).order_by(User.username)).all()
        progress = session.execute(select(Progress.pupil_id, Progress.status, Progress.score)
                                   .order_by(Progress.pupil_id, Progress.release_id)).all()
        return users, progress


def test_synthetic_municipality_is_reproducible_and_leaves_the_demo_school_alone(seeded, tmp_path):
    from kodefag.curriculum.loader import cached_curriculum
    from kodefag.teacher_portal.db import upgrade
    from kodefag.teacher_portal.seed import seed_demo
    from kodefag.teacher_portal.synthetic import seed_municipality

    before = _snapshot(seeded.database_url)
    other = f"sqlite:///{tmp_path / 'again.sqlite'}"
    upgrade(other)
    day = dt.date(2026, 12, 3)
    for url in (seeded.database_url, other):
        with session_scope(url) as session:
            seed_demo(session)
            counts = seed_municipality(session, cached_curriculum(), pupils=120, results=4000, today=day)
        assert counts.pupils == 120 and 0 < counts.results <= 4000 and counts.schools == 1
    assert _snapshot(seeded.database_url) == _snapshot(other)  # same seed and year: the same rows
    with session_scope(seeded.database_url) as session:
        assert seed_municipality(session, cached_curriculum(), pupils=120, today=day).schools == 0  # once only
        demo_users = {u for u, *_ in before[0]}
        assert {u for u, *_ in _snapshot(seeded.database_url)[0]} >= demo_users
        five_a = _class(session, "5a")
        assert session.scalar(select(func.count()).select_from(Release).where(Release.class_id == five_a.id)) == 0


def test_the_roster_command_adds_a_municipality_user_with_the_hub_role(seeded, monkeypatch):
    from click.testing import CliRunner

    from kodefag.settings import get_settings
    from kodefag.teacher_portal.roster import check_password, hub_roles
    from kodefag.teacher_portal.roster_cli import cli

    monkeypatch.setenv("KODEFAG_DATABASE_URL", seeded.database_url)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["kommune", "konsulent1", "--name", "Mette Holm"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    password = result.output.split("vises kun nu): ")[1].strip()
    with session_scope(seeded.database_url) as session:
        user = check_password(session, "konsulent1", password)
        assert user is not None and user.role.value == "municipality" and user.school is None
        assert [r["name"] for r in hub_roles(user)] == ["kommune"]
        assert hub_roles(user)[0]["scopes"] == ["self", "access:services!service=portal"]
