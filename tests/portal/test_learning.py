"""Learning records on SQLite and PostgreSQL: ticked signs, rubric of paper work, goal levels,
progress per goal for the elevplan, and the GDPR export/delete of all of it."""
import pytest
from sqlalchemy import func, select

from kodefag.curriculum.loader import load_curriculum
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.learning import (GoalLevel, LearningError, RubricScore, SignTick, export_pupil,
                                             forget_pupil, goal_progress, save_goal_levels, save_rubric, save_signs,
                                             ticked_signs)
from kodefag.teacher_portal.models import Progress, SchoolClass, Status, User
from kodefag.teacher_portal.releases import release_activity

UNPLUGGED = "g3-dansealgoritmer"
JUDGED = "g3-opfind-en-gadget"  # an activity without a computer that gives points with a rubric


def _class(session, slug):
    return session.scalar(select(SchoolClass).where(SchoolClass.slug == slug))


def _user(session, username):
    return session.scalar(select(User).where(User.username == username))


def test_signs_are_saved_exactly_and_refuse_strangers(seeded):
    curriculum = load_curriculum()
    activity = curriculum.activity(UNPLUGGED)
    first, second = list(activity.signs)[:2]
    with session_scope(seeded.database_url) as session:
        school_class = _class(session, "3a")
        pupils, teacher = list(school_class.pupils), _user(session, "laerer5a")
        assert save_signs(session, activity, pupils, {("elev3a01", first), ("elev3a01", second),
                                                      ("elev3a02", first)}, teacher) == 3
        session.flush()
        assert save_signs(session, activity, pupils, {("elev3a01", second)}, teacher) == 1  # unticking works
        session.flush()
        ids = {p.username: p.id for p in pupils}
        assert ticked_signs(session, activity.id, [p.id for p in pupils]) == {(ids["elev3a01"], second)}
        with pytest.raises(LearningError):
            save_signs(session, activity, pupils, {("elev3a01", "findes-ikke")}, teacher)
        with pytest.raises(LearningError):
            save_signs(session, activity, pupils, {("elev5a01", first)}, teacher)  # not in the class


def test_rubric_of_paper_work_makes_the_progress_score(seeded):
    curriculum = load_curriculum()
    activity = curriculum.activity(JUDGED)
    assert activity.kind == "unplugged" and activity.rubric and activity.points == activity.rubric_points
    with session_scope(seeded.database_url) as session:
        school_class = _class(session, "3a")
        teacher, pupil = _user(session, "laerer5a"), _user(session, "elev3a01")
        release = release_activity(session, seeded, school_class, activity, released_by=teacher)
        criteria = [c.id for c in activity.rubric]
        half = {criteria[0]: "2", criteria[1]: "", criteria[2]: "1"}
        assert save_rubric(session, activity, release, pupil, half, teacher) is None  # not judged fully yet
        full = {criteria[0]: "2", criteria[1]: "1", criteria[2]: "1"}
        assert save_rubric(session, activity, release, pupil, full, teacher) == 4
        session.flush()
        progress = session.scalar(select(Progress).where(Progress.pupil_id == pupil.id,
                                                         Progress.release_id == release.id))
        assert (progress.status, progress.score, progress.max_score) == (Status.checked_off, 4, activity.points)
        with pytest.raises(LearningError, match="niveauer"):
            save_rubric(session, activity, release, pupil, {criteria[0]: "7"}, teacher)
        save_rubric(session, activity, release, pupil, {criteria[0]: "2"}, teacher)  # taken back
        session.flush()
        assert (progress.status, progress.score) == (Status.released, None)


def test_goal_progress_counts_activities_points_signs_and_the_teachers_level(seeded):
    curriculum = load_curriculum()
    activity = curriculum.activity(UNPLUGGED)
    goal_id = activity.goals[0]
    with session_scope(seeded.database_url) as session:
        school_class, teacher, pupil = _class(session, "3a"), _user(session, "laerer5a"), _user(session, "elev3a01")
        release = release_activity(session, seeded, school_class, activity, released_by=teacher)
        session.flush()
        session.scalar(select(Progress).where(Progress.pupil_id == pupil.id, Progress.release_id == release.id)
                       ).status = Status.checked_off
        save_signs(session, activity, list(school_class.pupils), {("elev3a01", list(activity.signs)[0])}, teacher)
        save_goal_levels(session, curriculum, pupil, {goal_id: "2"}, teacher)
        session.flush()
        goals = {g.goal_id: g for g in goal_progress(session, curriculum, pupil, "indskoling")}
        assert set(goals) == {g.id for g in curriculum.goals_for(band="indskoling")}  # all 12 goals of the band
        goal = goals[goal_id]
        assert goal.level == 2 and goal.level_text == curriculum.goal(goal_id).levels[1]
        assert goal.released == 1 and goal.done == 1 and goal.planned >= 2
        assert goal.signs == (1, len(activity.signs))
        untouched = goals["design-indskoling-1"]
        assert untouched.released == 0 and untouched.level is None and untouched.planned >= 1
        with pytest.raises(LearningError, match="mellem 1 og"):
            save_goal_levels(session, curriculum, pupil, {goal_id: "4"}, teacher)
        save_goal_levels(session, curriculum, pupil, {goal_id: ""}, teacher)  # the judgement removed
        session.flush()
        assert session.scalar(select(func.count()).select_from(GoalLevel)) == 0


def test_gdpr_export_and_delete_include_the_learning_records(seeded):
    curriculum = load_curriculum()
    activity = curriculum.activity(JUDGED)
    with session_scope(seeded.database_url) as session:
        school_class, teacher, pupil = _class(session, "3a"), _user(session, "laerer5a"), _user(session, "elev3a02")
        release = release_activity(session, seeded, school_class, activity, released_by=teacher)
        save_signs(session, activity, list(school_class.pupils), {("elev3a02", list(activity.signs)[0])}, teacher)
        save_rubric(session, activity, release, pupil, {activity.rubric[0].id: "1"}, teacher)
        save_goal_levels(session, curriculum, pupil, {activity.goals[0]: "1"}, teacher)
        session.flush()
        exported = export_pupil(session, pupil.id)
        assert [row["sign_id"] for row in exported["tegn_paa_laering"]] == [list(activity.signs)[0]]
        assert exported["rubrik"][0]["points"] == 1 and exported["maal_niveauer"][0]["level"] == 1
        assert forget_pupil(session, pupil.id) == 3
        for model in (SignTick, RubricScore, GoalLevel):
            assert session.scalar(select(func.count()).select_from(model).where(model.pupil_id == pupil.id)) == 0
