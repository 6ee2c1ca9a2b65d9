"""What in a class waits for a human, and the counts an activity page shows.

Both read each pupil's newest hand-in (the progress row), so the counters on a
page always agree with the statuses in its table: one pupil, one status.
"""
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import NEEDS_TEACHER, Progress, Release, SchoolClass, Status, Submission, User

#: the machine is still busy with these
WAITING = (Status.submitted, Status.grading)
DONE = (Status.graded, Status.checked_off)
HANDED_IN = (*WAITING, *DONE, *NEEDS_TEACHER, Status.failed)


def class_queue(session: Session, school_class: SchoolClass) -> list[Submission]:
    """Every pupil's newest hand-in in the class that needs the teacher's points,
    activity by activity (in release order), pupils by user name."""
    return list(session.scalars(
        select(Submission)
        # progress by release (indexed) rather than every progress row of the municipality
        .join(Progress, (Progress.last_submission_id == Submission.id) & (Progress.release_id == Submission.release_id))
        .join(Release, Release.id == Submission.release_id)
        .join(User, User.id == Submission.pupil_id)
        .where(Release.class_id == school_class.id, Submission.status.in_(NEEDS_TEACHER))
        .order_by(Release.released_at, Release.id, User.username)))


@dataclass
class Place:
    """Where one hand-in is in the class's queue (position 0 = not in the queue)."""

    position: int
    total: int
    previous: Submission | None
    next: Submission | None


def place_in_queue(queue: list[Submission], submission: Submission) -> Place:
    ids = [item.id for item in queue]
    if submission.id not in ids:
        return Place(0, len(queue), queue[-1] if queue else None, queue[0] if queue else None)
    index = ids.index(submission.id)
    return Place(index + 1, len(queue), queue[index - 1] if index > 0 else None,
                 queue[index + 1] if index + 1 < len(queue) else None)


def grading_counts(session: Session, release: Release) -> dict:
    """Per pupil (newest hand-in): handed in, graded, waiting for the machine, waiting for the teacher."""
    statuses = list(session.scalars(select(Progress.status).where(Progress.release_id == release.id)))
    count = {status.value: statuses.count(status) for status in Status}
    handed_in = sum(count[s.value] for s in HANDED_IN)
    return {"total": handed_in, "done": sum(count[s.value] for s in DONE),
            "waiting": sum(count[s.value] for s in WAITING),
            "teacher": sum(count[s.value] for s in NEEDS_TEACHER),
            "failed": count[Status.failed.value], "pupils": len(statuses), "counts": count}
