"""The teacher's rules on the real databases (SQLite and PostgreSQL): resubmissions keep the
teacher's points, one grading queue, counters that agree, undo and dates, lessons, help signal."""
import datetime as dt

import nbformat
import pytest
from sqlalchemy import select

from kodefag.jobs import CheckResult, GradingResult
from kodefag.settings import REPO_ROOT
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.grading_queue import class_queue, grading_counts, place_in_queue
from kodefag.teacher_portal.help_signal import ActivityEvent, EventRejected, class_help, record_tjek
from kodefag.teacher_portal.manual_grading import apply_manual_grade
from kodefag.teacher_portal.models import Progress, Release, SchoolClass, Status, Submission, User, utcnow
from kodefag.teacher_portal.planning import (PlanningError, add_lesson, lessons_of, parse_local, set_dates,
                                             undo_release)
from kodefag.teacher_portal.results import record_result
from kodefag.teacher_portal.submissions import store_submission

ACTIVITY = "g5-lister-og-loekker"
SOURCE = REPO_ROOT / "notebooks" / ACTIVITY / f"{ACTIVITY}.ipynb"


def notebook_with(answer: str) -> bytes:
    notebook = nbformat.read(SOURCE, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "forklaring":
            cell.source = answer
    return nbformat.writes(notebook).encode()


def result(auto: float = 4) -> GradingResult:
    return GradingResult(score=auto, max_score=6, cells=[
        CheckResult(grade_id="test-samlet-point", score=2, max_score=2, status="passed", label="samlet point"),
        CheckResult(grade_id="test-antal-mindst", score=auto - 2, max_score=2,
                    status="passed" if auto == 4 else "failed", label="tæl mindst"),
        CheckResult(grade_id="forklaring", score=None, max_score=2, status="manual")])


@pytest.fixture
def world(seeded):
    """5.A with the notebook released (a Release row, as the portal writes it)."""
    with session_scope(seeded.database_url) as session:
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        session.add(Release(class_id=school_class.id, activity_id=ACTIVITY, kind="notebook",
                            title="Lister og løkker", max_score=6))
    return seeded


def hand_in(settings, pupil: str, answer: str, auto: float = 4) -> int:
    with session_scope(settings.database_url) as session:
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        release = session.scalar(select(Release).where(Release.activity_id == ACTIVITY))
        user = session.scalar(select(User).where(User.username == pupil))
        submission = store_submission(session, settings, school_class, release, user,
                                      {f"{ACTIVITY}.ipynb": notebook_with(answer)})
        submission_id = submission.id
    record_result(settings, submission_id, result(auto))
    return submission_id


def teacher_grades(settings, submission_id: int, points: float, comment: str) -> None:
    with session_scope(settings.database_url) as session:
        submission = session.get(Submission, submission_id)
        submission.teacher_comment = comment
        apply_manual_grade(submission, {"forklaring": points}, session.scalar(select(User).where(
            User.username == "laerer5a")))
        progress = session.scalar(select(Progress).where(Progress.last_submission_id == submission_id))
        progress.status, progress.score = submission.status, submission.score


def load(settings, submission_id: int) -> Submission:
    with session_scope(settings.database_url) as session:
        return session.get(Submission, submission_id)


def test_unchanged_answer_keeps_the_teachers_points_and_comment(world):
    first = hand_in(world, "elev5a01", "Løkken gør det for hver ting.")
    assert load(world, first).status is Status.needs_manual
    teacher_grades(world, first, 2, "Godt forklaret!")
    assert load(world, first).score == 6

    again = hand_in(world, "elev5a01", "Løkken gør det for hver ting.", auto=2)  # code changed, answer not
    resubmitted = load(world, again)
    assert resubmitted.status is Status.graded and resubmitted.manual_scores == {"forklaring": 2}
    assert resubmitted.score == 4 and resubmitted.teacher_comment == "Godt forklaret!"


def test_changed_answer_is_marked_to_grade_again_and_nothing_is_lost(world):
    first = hand_in(world, "elev5a02", "Det ved jeg ikke.")
    teacher_grades(world, first, 1, "Prøv at forklare mere.")
    again = hand_in(world, "elev5a02", "Med en løkke skriver jeg koden én gang.")
    resubmitted = load(world, again)
    assert resubmitted.status is Status.regrade and not resubmitted.manual_scores
    assert load(world, first).manual_scores == {"forklaring": 1}  # the earlier points are still there
    with session_scope(world.database_url) as session:
        progress = session.scalar(select(Progress).join(User, User.id == Progress.pupil_id)
                                  .where(User.username == "elev5a02"))
        assert progress.status is Status.regrade and progress.last_submission_id == again
        queue = class_queue(session, session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a")))
        assert [s.id for s in queue] == [again]
    teacher_grades(world, again, 2, "Nu er det rigtigt.")
    assert load(world, again).status is Status.graded and load(world, again).score == 6


def test_one_queue_with_next_and_previous_and_counters_that_agree(world):
    ids = [hand_in(world, pupil, "Et svar.") for pupil in ("elev5a03", "elev5a01", "elev5a02")]
    teacher_grades(world, ids[1], 2, "")
    with session_scope(world.database_url) as session:
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        queue = class_queue(session, school_class)
        assert [s.pupil.username for s in queue] == ["elev5a02", "elev5a03"]
        place = place_in_queue(queue, queue[0])
        assert (place.position, place.total, place.previous, place.next.id) == (1, 2, None, queue[1].id)
        release = session.scalar(select(Release).where(Release.activity_id == ACTIVITY))
        counts = grading_counts(session, release)
        statuses = [p.status for p in session.scalars(select(Progress).where(Progress.release_id == release.id))]
    assert counts["total"] == 3 and counts["done"] == 1 and counts["teacher"] == 2 and counts["waiting"] == 0
    assert counts["done"] == statuses.count(Status.graded) and counts["teacher"] == statuses.count(Status.needs_manual)


def test_release_dates_are_danish_local_time_and_ordered(world):
    assert parse_local("2026-12-24T08:00") == dt.datetime(2026, 12, 24, 7, 0)  # winter: UTC+1
    assert parse_local("2026-06-24T08:00") == dt.datetime(2026, 6, 24, 6, 0)   # summer: UTC+2
    assert parse_local("") is None
    with pytest.raises(PlanningError, match="dato og tid"):
        parse_local("i morgen")
    release = Release(activity_id=ACTIVITY)
    with pytest.raises(PlanningError, match="efter startdatoen"):
        set_dates(release, dt.datetime(2026, 12, 2), dt.datetime(2026, 12, 1))
    set_dates(release, None, dt.datetime(2026, 12, 1))
    assert release.deadline == dt.datetime(2026, 12, 1) and release.is_open


def test_a_release_is_undone_only_while_nothing_is_handed_in(world):
    with session_scope(world.database_url) as session:
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        release = session.scalar(select(Release).where(Release.activity_id == ACTIVITY))
        other = Release(class_id=school_class.id, activity_id="g5-klassens-data", kind="notebook", title="Data")
        session.add(other)
        session.flush()
        session.add(Progress(pupil_id=school_class.pupils[0].id, release_id=other.id, status=Status.fetched))
        undo_release(session, world, school_class, other)
        assert session.scalar(select(Release).where(Release.activity_id == "g5-klassens-data")) is None
        assert session.scalars(select(Progress).where(Progress.release_id == other.id)).all() == []
    hand_in(world, "elev5a01", "Et svar.")
    with session_scope(world.database_url) as session:
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        release = session.scalar(select(Release).where(Release.activity_id == ACTIVITY))
        with pytest.raises(PlanningError, match="1 aflevering findes allerede"):
            undo_release(session, world, school_class, release)


def test_weekly_lessons_are_checked(world):
    with session_scope(world.database_url) as session:
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        add_lesson(session, school_class, "1", "10:00", "10:45")
        for weekday, starts, ends, message in [("7", "10:00", "10:45", "ugedag"), ("1", "10", "10:45", "TT:MM"),
                                               ("1", "11:00", "10:45", "slutte efter"),
                                               ("1", "10:30", "11:15", "allerede en lektion")]:
            with pytest.raises(PlanningError, match=message):
                add_lesson(session, school_class, weekday, starts, ends)
        add_lesson(session, school_class, "3", "08:00", "09:30")
        assert [(s.weekday, s.starts) for s in lessons_of(session, school_class)] == [(1, "10:00"), (3, "08:00")]


def test_help_signal_from_failed_tjek_runs_and_no_progress(world):
    now = utcnow()
    with session_scope(world.database_url) as session:
        release = session.scalar(select(Release).where(Release.activity_id == ACTIVITY))
        pupils = {u.username: u for u in session.scalars(select(User).where(User.username.like("elev5a0%")))}
        failing = {"passed": False, "checks": [{"name": "tæl ned", "passed": False}, {"name": "sum", "passed": True}]}
        for minutes in (9, 5, 1):  # three failed runs within 10 minutes
            record_tjek(session, pupils["elev5a01"], release, failing, now - dt.timedelta(minutes=minutes))
        for minutes in (14, 8, 1):  # spread over 14 minutes, and improving: not stuck
            record_tjek(session, pupils["elev5a02"], release, {"passed": False, "checks": [
                {"name": "a", "passed": minutes < 10}, {"name": "b", "passed": minutes < 2}, {"name": "c", "passed": False}]},
                now - dt.timedelta(minutes=minutes))
        session.add(ActivityEvent(pupil_id=pupils["elev5a03"].id, release_id=release.id, kind="open",
                                  at=now - dt.timedelta(minutes=20)))  # opened, then nothing for 20 minutes
        session.add(ActivityEvent(pupil_id=pupils["elev5a04"].id, release_id=release.id, kind="open",
                                  at=now - dt.timedelta(minutes=5)))
        with pytest.raises(EventRejected):
            record_tjek(session, pupils["elev5a01"], release, {"passed": "nej"})
        session.flush()
        signals = class_help(session, [release.id], [u.id for u in pupils.values()], now)
        by_name = {u.username: signals.get((u.id, release.id)) for u in pupils.values()}
    assert by_name["elev5a01"] == "3 fejl i Tjek på 10 min"
    assert by_name["elev5a02"] is None and by_name["elev5a04"] is None
    assert by_name["elev5a03"] == "Ingen fremgang i 20 min"
    hand_in(world, "elev5a03", "Færdig.")  # handing in ends the signal
    with session_scope(world.database_url) as session:
        release = session.scalar(select(Release).where(Release.activity_id == ACTIVITY))
        pupil = session.scalar(select(User).where(User.username == "elev5a03"))
        assert class_help(session, [release.id], [pupil.id], now + dt.timedelta(minutes=1)) == {}


def test_rubric_points_of_a_game_are_kept_while_the_program_is_unchanged(world):
    from kodefag.teacher_portal.manual_grading import rubric_to_grade

    with session_scope(world.database_url) as session:
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        session.add(Release(class_id=school_class.id, activity_id="spil-labyrint", kind="pgzero",
                            title="Labyrint", max_score=10))

    def hand_in_game(code: str) -> int:
        with session_scope(world.database_url) as session:
            school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
            release = session.scalar(select(Release).where(Release.activity_id == "spil-labyrint"))
            pupil = session.scalar(select(User).where(User.username == "elev5a04"))
            submission_id = store_submission(session, world, school_class, release, pupil,
                                             {"spil.py": code.encode()}).id
        record_result(world, submission_id, GradingResult(score=6, max_score=6, cells=[
            CheckResult(grade_id="mur", score=6, max_score=6, status="passed")]))
        return submission_id

    first = hand_in_game("WIDTH = 400\n")
    assert load(world, first).status is Status.graded  # the engine's share needs no human
    with session_scope(world.database_url) as session:
        submission = session.get(Submission, first)
        assert [item.key for item in rubric_to_grade(submission)] == ["rubrik-bane", "rubrik-forklaring"]
        apply_manual_grade(submission, {"rubrik-bane": 2, "rubrik-forklaring": 1},
                           session.scalar(select(User).where(User.username == "laerer5a")))
    graded = load(world, first)
    assert (graded.score, graded.max_score) == (9, 10)

    same = load(world, hand_in_game("WIDTH = 400\n"))
    assert same.status is Status.graded and same.score == 9
    changed = load(world, hand_in_game("WIDTH = 500\n"))
    assert changed.status is Status.regrade and changed.score == 6
    assert load(world, first).manual_scores == {"rubrik-bane": 2, "rubrik-forklaring": 1}
