"""Grading results written back by the grading workers (outside any sandbox).

The worker (kodefag.worker) is the only caller. Every function is idempotent
per submission: a job that is retried after a worker died writes the same row
again instead of counting twice.
"""
import logging

from sqlalchemy import select

from kodefag.jobs import GradingResult
from kodefag.settings import Settings

from .db import session_scope
from .models import Status, Submission, progress_row, utcnow

log = logging.getLogger(__name__)
MANUAL_STATUSES = {"manual", "needs_manual", "needs_manual_grade"}


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
    submission.score = automatic + sum(float(teacher[g]) for g in manual if g in teacher)
    submission.status = Status.graded if manual <= set(teacher) else Status.needs_manual


def record_result(settings: Settings, submission_id: int, result: GradingResult) -> None:
    """Store a finished grading (score, per-cell results, messages for the pupil)."""
    def change(submission):
        submission.max_score = result.max_score
        submission.result = result.model_dump(mode="json")
        submission.message = "\n".join(result.messages) or None
        combine_scores(submission)
        submission.graded_at = utcnow()
    _with_submission(settings, submission_id, change)


def record_failure(settings: Settings, submission_id: int, message: str) -> None:
    """Grading could not run at all (not the pupil's fault): keep the hand-in, show why."""
    def change(submission):
        submission.status = Status.failed
        submission.message = message
        submission.graded_at = utcnow()
    _with_submission(settings, submission_id, change)
