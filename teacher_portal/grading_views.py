"""Grading by hand: one queue of everything in a class that needs the teacher.

The teacher goes through the queue with "Gem og næste" (Enter), "Forrige" and
"Næste" (also Alt+P / Alt+N): points for the answers a machine cannot judge, and
a comment the pupil sees with the points. The question and model answer come from
the class's source notebook, never from the pupil's copy.
"""
import mistune
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from .auth import current_user, db_session, roles_required
from .class_access import class_submission, taught_class
from .grading_queue import class_queue, place_in_queue
from .manual_grading import (ManualGradeError, answers_to_grade, apply_manual_grade, parse_points, parse_rubric,
                             rubric_to_grade)
from .models import Progress, Role, SchoolClass, Status, Submission
from .results import earlier_teacher_grading

bp = Blueprint("grading", __name__)
MAX_COMMENT = 2000


def _source_notebook(school_class: SchoolClass, submission: Submission):
    activity_id = submission.release.activity_id
    settings = current_app.config["SETTINGS"]
    return settings.courses_dir / school_class.slug / "source" / activity_id / f"{activity_id}.ipynb"


@bp.get("/klasse/<slug>/ret")
@roles_required(Role.teacher, Role.admin)
def queue(slug: str):
    """The class's grading queue: start at the first hand-in, or say that nothing waits."""
    school_class = taught_class(slug)
    waiting = class_queue(db_session(), school_class)
    if waiting:
        return redirect(url_for("grading.grade", slug=slug, submission_id=waiting[0].id))
    return render_template("grading_empty.html", school_class=school_class)


def _mirror_progress(submission: Submission) -> None:
    progress = db_session().scalar(select(Progress).where(Progress.last_submission_id == submission.id))
    if progress is not None:
        progress.status, progress.score = submission.status, submission.score
        progress.max_score = submission.max_score


def _posted_comment() -> str | None:
    comment = request.form.get("comment", "").strip()
    if len(comment) > MAX_COMMENT:
        raise ManualGradeError(f"Kommentaren er for lang (højst {MAX_COMMENT} tegn).")
    return comment or None


@bp.route("/klasse/<slug>/aflevering/<int:submission_id>", methods=["GET", "POST"])
@roles_required(Role.teacher, Role.admin)
def grade(slug: str, submission_id: int):
    """Read a pupil's answers next to the question and the model answer; give points and a comment."""
    school_class = taught_class(slug)
    submission = class_submission(school_class, submission_id)
    answers = answers_to_grade(submission, _source_notebook(school_class, submission))
    rubric = rubric_to_grade(submission)
    place = place_in_queue(class_queue(db_session(), school_class), submission)
    error = None
    if request.method == "POST":
        try:
            points = {a.grade_id: parse_points(request.form.get(f"points-{a.grade_id}", ""), a.max_score)
                      for a in answers} | parse_rubric(request.form, rubric)
            submission.teacher_comment = _posted_comment()
            if points:
                apply_manual_grade(submission, points, current_user())
            _mirror_progress(submission)
            db_session().commit()
            flash(gettext("Gemt for %(name)s.", name=submission.pupil.display_name), "ok")
            following = place.next if place.position else None
            if following is not None:
                return redirect(url_for("grading.grade", slug=slug, submission_id=following.id))
            return redirect(url_for("grading.queue", slug=slug))
        except ManualGradeError as problem:
            db_session().rollback()
            error = str(problem)
    return render_template("grade_by_hand.html", school_class=school_class, submission=submission,
                           answers=answers, rubric=rubric, markdown=mistune.create_markdown(escape=True), error=error,
                           place=place, earlier=_earlier_points(submission)), (400 if error else 200)


def _earlier_points(submission: Submission) -> dict[str, float]:
    """Points the teacher gave the pupil's earlier hand-in (shown when it must be graded again)."""
    if submission.status is not Status.regrade:
        return {}
    earlier = earlier_teacher_grading(submission)
    return dict(earlier.manual_scores or {}) if earlier is not None else {}
