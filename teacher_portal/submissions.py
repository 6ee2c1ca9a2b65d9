"""Hand-ins of every kind: stored once, then queued for grading by a worker.

Notebooks arrive through the exchange API; game and micro:bit programs through
the pupil's activity page. Both end here, so storage, the progress row and the
job payload are built one way.
"""
import datetime as dt
import logging
from pathlib import Path

from sqlalchemy.orm import Session

from kodefag.curriculum.loader import cached_curriculum
from kodefag.settings import REPO_ROOT, Settings

from .models import Release, SchoolClass, Status, Submission, User, progress_row

log = logging.getLogger(__name__)
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"
#: the file name a code hand-in is stored and graded as, per activity kind
CODE_FILE = {"microbit": "main.py", "pgzero": "spil.py"}
QUEUE_PROBLEM = "Afleveringen er gemt, men kunne ikke sendes til rettelse endnu. Din lærer kan se den."


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


def grading_limits(settings: Settings, activity_id: str) -> tuple[int, int]:
    """Seconds per cell and per notebook: the activity's own limits, else the school's."""
    curriculum = cached_curriculum()
    limits = curriculum.activity(activity_id).grading if curriculum.has_activity(activity_id) else None
    if limits is None:
        return settings.cell_timeout, settings.notebook_timeout
    return limits.cell_seconds, limits.notebook_seconds


def job_for(settings: Settings, school_class: SchoolClass, release: Release, submission: Submission,
            content: str | None = None) -> tuple[str, dict]:
    """The queue job (kind, payload) that grades this hand-in.

    Notebooks are graded against the class's released source copy; games and micro:bit
    programs against their content folder (`content`, from the curriculum)."""
    folder = Path(submission.folder)
    if release.kind == "notebook":
        source = settings.courses_dir / school_class.slug / "source" / release.activity_id / f"{release.activity_id}.ipynb"
        cell_timeout, notebook_timeout = grading_limits(settings, release.activity_id)
        return "notebook", {"submission_id": submission.id, "source": str(source),
                            "submission": str(folder / f"{release.activity_id}.ipynb"),
                            "cell_timeout": cell_timeout, "notebook_timeout": notebook_timeout}
    if release.kind == "microbit":
        return "microbit", {"submission_id": submission.id, "lesson_dir": str(REPO_ROOT / content),
                            "main_file": str(folder / CODE_FILE["microbit"])}
    if release.kind == "pgzero":
        return "pgzero", {"submission_id": submission.id, "project_dir": str(REPO_ROOT / content),
                          "game_file": str(folder / CODE_FILE["pgzero"])}
    raise ValueError(f"activities of kind {release.kind!r} are not handed in")


def queue_grading(db: Session, settings: Settings, school_class: SchoolClass, release: Release,
                  submission: Submission, content: str | None = None) -> None:
    """Put the grading job on the queue; grading never runs in the web process."""
    try:
        from kodefag.grader.queue import enqueue

        enqueue(*job_for(settings, school_class, release, submission, content))
    except Exception:
        log.exception("could not queue grading of submission %s", submission.id)
        submission.message = QUEUE_PROBLEM
        db.commit()
