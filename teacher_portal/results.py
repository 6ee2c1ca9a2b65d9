"""Grading results written back by the grading workers (outside any sandbox).

The worker (kodefag.worker) is the only caller. Every function is idempotent
per submission: a job that is retried after a worker died writes the same row
again instead of counting twice.
"""
import json
import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import object_session

from kodefag.jobs import GradingResult
from kodefag.kinds import Kind, kind_of
from kodefag.settings import Settings

from .db import session_scope
from .models import Status, Submission, progress_row, utcnow

log = logging.getLogger(__name__)
MANUAL_STATUSES = {"manual", "needs_manual", "needs_manual_grade"}
#: the teacher's rubric points (games, micro:bit) are kept in manual_scores as "rubrik-<criterion>"
RUBRIC_PREFIX = "rubrik-"
KIND_VALUES = {kind.value for kind in Kind}


def _latest_submission_id(session, submission: Submission) -> int | None:
    return session.scalar(
        select(Submission.id)
        .where(Submission.release_id == submission.release_id, Submission.pupil_id == submission.pupil_id)
        .order_by(Submission.submitted_at.desc(), Submission.id.desc())
        .limit(1)
    )


def _update_progress(session, submission: Submission) -> None:
    """Mirror the pupil's newest submission into the progress table."""
    if _latest_submission_id(session, submission) != submission.id:
        return  # an older hand-in finished late: the newest one decides
    progress = progress_row(session, submission.pupil_id, submission.release)
    progress.status = submission.status
    progress.score = submission.score
    progress.max_score = submission.max_score
    progress.last_submission_id = submission.id


def _with_submission(settings: Settings, submission_id: int, change) -> None:
    with session_scope(settings.database_url) as session:
        submission = session.get(Submission, submission_id)
        if submission is None:
            log.warning("grading result for unknown submission %s ignored", submission_id)
            return
        change(submission)
        _update_progress(session, submission)


def mark_running(settings: Settings, submission_id: int) -> None:
    def change(submission):
        if submission.status in (Status.submitted, Status.failed):
            submission.status = Status.grading
    _with_submission(settings, submission_id, change)


def manual_grade_ids(result: dict) -> set[str]:
    """The cells of a result that a teacher must grade."""
    return {cell["grade_id"] for cell in result.get("cells", []) if cell.get("status") in MANUAL_STATUSES}


def combine_scores(submission: Submission) -> None:
    """Score = the worker's automatic points + the teacher's points for manual cells;
    graded once every manual cell has points. Used after grading and after a teacher grades,
    so a re-run grading job never wipes out a teacher's points."""
    result = submission.result or {}
    manual = manual_grade_ids(result)
    teacher = submission.manual_scores or {}
    automatic = sum(float(cell.get("score") or 0) for cell in result.get("cells", [])
                    if cell.get("grade_id") not in manual)
    if not result.get("cells"):
        automatic = float(result.get("score") or 0)
    rubric = sum(float(points) for key, points in teacher.items() if key.startswith(RUBRIC_PREFIX))
    submission.score = automatic + sum(float(teacher[g]) for g in manual if g in teacher) + rubric
    submission.status = Status.graded if manual <= set(teacher) else Status.needs_manual


def handed_in_answers(submission: Submission, grade_ids: set[str]) -> dict[str, str]:
    """The pupil's text of these nbgrader cells in the hand-in ({} when it cannot be read)."""
    path = Path(submission.folder) / f"{submission.release.activity_id}.ipynb"
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return {}
    answers = {}
    for cell in cells if isinstance(cells, list) else []:
        grade_id = ((cell.get("metadata") or {}).get("nbgrader") or {}).get("grade_id") if isinstance(cell, dict) else None
        if grade_id in grade_ids:
            source = cell.get("source", "")
            answers[grade_id] = "".join(source) if isinstance(source, list) else str(source)
    return answers


def earlier_teacher_grading(submission: Submission) -> Submission | None:
    """The pupil's latest earlier hand-in of the activity that a teacher gave points."""
    session = object_session(submission)
    return session.scalar(
        select(Submission)
        .where(Submission.release_id == submission.release_id, Submission.pupil_id == submission.pupil_id,
               Submission.id < submission.id, Submission.manual_graded_by_id.is_not(None))
        .order_by(Submission.id.desc()).limit(1))


def _hand_in_text(submission: Submission) -> str | None:
    """The whole handed-in program or notebook (what a rubric judges), None if unreadable."""
    code = kind_of(submission.release.kind).code_file if submission.release.kind in KIND_VALUES else None
    path = Path(submission.folder) / (code or f"{submission.release.activity_id}.ipynb")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def keep_teacher_points(submission: Submission) -> None:
    """The resubmission rule: a teacher's points are never silently lost.

    When the pupil hands in again, the points the teacher gave an earlier hand-in are
    kept for every answer that is unchanged (a rubric judges the whole program, so its
    points are kept while the program is unchanged). If anything the teacher graded has
    changed, the hand-in is marked "Skal rettes igen" (``Status.regrade``); the earlier
    points stay on the earlier hand-in and the grading page shows them."""
    earlier = earlier_teacher_grading(submission)
    if earlier is None:
        return
    manual = manual_grade_ids(submission.result or {})
    given = earlier.manual_scores or {}
    graded = {key for key in given if key in manual or key.startswith(RUBRIC_PREFIX)}
    if not manual and not graded:
        return
    if not submission.manual_scores:  # this hand-in's first grading: keep points of unchanged answers
        before, now = handed_in_answers(earlier, manual), handed_in_answers(submission, manual)
        same_program = _hand_in_text(earlier) is not None and _hand_in_text(earlier) == _hand_in_text(submission)
        kept = {key: given[key] for key in graded
                if (key in now and now[key] == before.get(key) if key in manual else same_program)}
        if kept:
            submission.manual_scores = kept
            submission.manual_graded_by_id = earlier.manual_graded_by_id
        if set(kept) == graded and manual <= set(kept):
            submission.teacher_comment = earlier.teacher_comment
    combine_scores(submission)
    lost = graded - set(submission.manual_scores or {})
    if submission.status is Status.needs_manual or lost:
        submission.status = Status.regrade


def record_result(settings: Settings, submission_id: int, result: GradingResult) -> None:
    """Store a finished grading (score, per-cell results, messages for the pupil)."""
    def change(submission):
        submission.max_score = result.max_score
        submission.result = result.model_dump(mode="json")
        submission.message = "\n".join(result.messages) or None
        combine_scores(submission)
        keep_teacher_points(submission)
        submission.graded_at = utcnow()
    _with_submission(settings, submission_id, change)


def record_failure(settings: Settings, submission_id: int, message: str) -> None:
    """Grading could not run at all (not the pupil's fault): keep the hand-in, show why."""
    def change(submission):
        submission.status = Status.failed
        submission.message = message
        submission.graded_at = utcnow()
    _with_submission(settings, submission_id, change)
