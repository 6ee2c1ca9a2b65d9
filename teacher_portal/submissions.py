"""Hand-ins of every kind: stored once, then queued for grading by a worker.

Notebooks arrive through the exchange API; game and micro:bit programs through
the pupil's activity page. Both end here, so storage, the progress row and the
job payload are built one way.
"""
import datetime as dt
import logging
from pathlib import Path

from sqlalchemy.orm import Session

from kodefag.curriculum import time_limits
from kodefag.curriculum.loader import cached_curriculum
from kodefag.jobs import GradingJob, TimeLimits
from kodefag.kinds import Kind, kind_of
from kodefag.queue import enqueue
from kodefag.settings import REPO_ROOT, Settings

from .models import Release, SchoolClass, Status, Submission, User, progress_row

log = logging.getLogger(__name__)
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"
QUEUE_PROBLEM = "Afleveringen er gemt, men kunne ikke sendes til rettelse endnu. Din lærer kan se den."
MAX_CODE_BYTES = 64 * 1024


def check_code(data: bytes) -> bytes | str:
    """A program to hand in as UTF-8 bytes, or the Danish reason it cannot be handed in."""
    if len(data) > MAX_CODE_BYTES:
        return f"Programmet er for stort (mere end {MAX_CODE_BYTES // 1024} KB)."
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "Filen er ikke et Python-program (tekst). Vælg din .py-fil og prøv igen."
    if not text.strip():
        return "Der er ingen kode at aflevere."
    return text.encode("utf-8")


def code_file(release: Release) -> str | None:
    """The file a code hand-in of this release is stored and graded as (None: not handed in as code)."""
    return kind_of(release.kind).code_file


def store_submission(db: Session, settings: Settings, school_class: SchoolClass, release: Release, pupil: User,
                     contents: dict[str, bytes]) -> Submission:
    """Write the files to a new folder, record the hand-in and count the attempt."""
    now = dt.datetime.now(dt.timezone.utc)
    timestamp = now.strftime(TIMESTAMP_FORMAT)
    folder = (settings.var_dir / "submissions" / school_class.slug / release.activity_id /
              pupil.username / now.strftime("%Y%m%dT%H%M%S%fZ"))
    folder.mkdir(parents=True, exist_ok=False)
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    (folder / "timestamp.txt").write_text(timestamp)
    submission = Submission(release_id=release.id, pupil_id=pupil.id, timestamp=timestamp,
                            folder=str(folder), status=Status.submitted, max_score=release.max_score)
    db.add(submission)
    db.flush()
    progress = progress_row(db, pupil.id, release)
    progress.attempts += 1
    progress.status = Status.submitted
    progress.last_submission_id = submission.id
    db.commit()
    return submission


def grading_limits(settings: Settings, activity_id: str) -> TimeLimits:
    """Seconds per cell and per notebook: the activity's own or measured limits, else the school's."""
    curriculum = cached_curriculum()
    limits = None
    if curriculum.has_activity(activity_id):
        limits = time_limits.activity_limits(curriculum, curriculum.activity(activity_id))
    return limits or TimeLimits(cell_seconds=settings.cell_timeout, notebook_seconds=settings.notebook_timeout)


def job_for(settings: Settings, school_class: SchoolClass, release: Release, submission: Submission) -> GradingJob:
    """The queue job that grades this hand-in.

    Notebooks are graded against the class's released source copy; games and
    micro:bit programs against their content folder in the repository."""
    kind = kind_of(release.kind)
    folder = Path(submission.folder)
    if kind.kind is Kind.notebook:
        content = settings.courses_dir / school_class.slug / "source" / release.activity_id / f"{release.activity_id}.ipynb"
        handin = folder / f"{release.activity_id}.ipynb"
        limits = grading_limits(settings, release.activity_id)
    elif kind.handed_in_as_code:
        content, handin, limits = REPO_ROOT / kind.content_path(release.activity_id), folder / kind.code_file, None
    else:
        raise ValueError(f"activities of kind {release.kind!r} are not handed in")
    return GradingJob(kind=kind.kind, submission_id=submission.id, owner=submission.pupil.username,
                      release_id=release.id, content=content, handin=handin, limits=limits)


def queue_grading(db: Session, settings: Settings, school_class: SchoolClass, release: Release,
                  submission: Submission) -> None:
    """Put the grading job on the fair queue; grading never runs in the web process.

    A queued, not yet started, older hand-in of the same activity is replaced by
    this one: it is marked as such instead of being graded."""
    try:
        _, replaced = enqueue(settings, job_for(settings, school_class, release, submission))
    except Exception:
        log.exception("could not queue grading of submission %s", submission.id)
        submission.message = QUEUE_PROBLEM
        db.commit()
        return
    for job in replaced:
        older = db.get(Submission, job.submission_id)
        if older is not None and older.status is Status.submitted:
            older.status = Status.superseded
    db.commit()
