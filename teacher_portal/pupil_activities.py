"""What a pupil sees of their activities: "Mine aktiviteter" on the portal and in JupyterLab.

One list, built here, feeds the portal's pupil page and the JSON the pupil's JupyterLab
extension reads (``/api/elev/aktiviteter``), so both always say the same: Danish
title, kind, status, points, deadline in Danish local time, and feedback (points per
exercise with the grader's Danish message, and the teacher's comment).

Also here: the pupil's copy of a game project (starter, images, sounds, the task,
without the teacher's part: kodefag/task_text.py).
"""
from __future__ import annotations

import datetime as dt
import io
import tarfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import nbformat
from babel.dates import format_datetime
from sqlalchemy import select
from sqlalchemy.orm import Session

from kodefag.exercises import exercise_names as exercise_names_in
from kodefag.kinds import kind_of
from kodefag.settings import REPO_ROOT, Settings
from kodefag.task_text import pupil_text

from .manual_grading import rubric_to_grade
from .models import STATUS_LABELS, Progress, Release, Status, Submission, User, utcnow
from .releases import released_folder

LOCAL = ZoneInfo("Europe/Copenhagen")
#: files of a game project a pupil gets (solution.py and checks.yaml stay on the server)
GAME_FILES = ("starter.py",)
GAME_FOLDERS = ("images", "sounds", "music", "fonts")
#: the player notebook written into the pupil's game folder
GAME_NOTEBOOK = "spil.ipynb"


def local_text(moment: dt.datetime | None) -> str:
    """A stored UTC time (naive) in Danish words: "torsdag 3. december kl. 14.35"."""
    if moment is None:
        return ""
    aware = moment.replace(tzinfo=dt.timezone.utc).astimezone(LOCAL)
    return format_datetime(aware, "EEEE d. MMMM 'kl.' HH.mm", locale="da", tzinfo=LOCAL)


@dataclass
class Exercise:
    """Feedback on one graded part: what it is called, points, the grader's Danish message."""

    name: str
    score: float | None
    max_score: float
    message: str | None

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= self.max_score


@dataclass
class PupilActivity:
    """One released activity as its pupil sees it."""

    release: Release
    status: Status
    score: float | None
    max_score: float | None
    attempts: int
    latest: Submission | None
    exercises: list[Exercise] = field(default_factory=list)
    #: the grader's Danish messages about the whole hand-in (not about one exercise)
    notes: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return kind_of(self.release.kind).label

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def deadline_text(self) -> str:
        return local_text(self.release.deadline)

    @property
    def handed_in_text(self) -> str:
        return local_text(self.latest.submitted_at) if self.latest else ""

    @property
    def late(self) -> bool:
        return bool(self.latest and self.latest.late)

    @property
    def teacher_comment(self) -> str | None:
        return self.latest.teacher_comment if self.latest else None

    def as_json(self) -> dict:
        """What the pupil's JupyterLab extension reads (Danish texts ready to show)."""
        release = self.release
        return {
            "id": release.id, "activity_id": release.activity_id, "course_id": release.school_class.slug,
            "title": release.title, "kind": release.kind, "kind_label": self.kind_label,
            "status": self.status.value, "status_label": self.status_label,
            "score": self.score, "max_score": self.max_score, "attempts": self.attempts,
            "deadline": release.deadline.isoformat() + "Z" if release.deadline else None,
            "deadline_text": self.deadline_text, "handed_in_text": self.handed_in_text, "late": self.late,
            "exercises": [{"name": e.name, "score": e.score, "max_score": e.max_score, "message": e.message,
                           "passed": e.passed} for e in self.exercises],
            "teacher_comment": self.teacher_comment, "notes": self.notes, "has_feedback": self.has_feedback,
        }

    @property
    def has_feedback(self) -> bool:
        """Something to read on the feedback page: points per exercise or the teacher's comment."""
        return bool(self.exercises or self.teacher_comment)


def visible_releases(db: Session, pupil: User, now: dt.datetime | None = None) -> list[Release]:
    """The releases of the pupil's classes that are open now (opens_at passed or unset)."""
    now = now or utcnow()
    class_ids = [c.id for c in pupil.pupil_of]
    if not class_ids:
        return []
    releases = db.scalars(select(Release).where(Release.class_id.in_(class_ids)).order_by(Release.released_at))
    return [r for r in releases if r.opens_at is None or r.opens_at <= now]


def pupil_activities(db: Session, settings: Settings, pupil: User, now: dt.datetime | None = None) -> list[PupilActivity]:
    """Every open activity of the pupil with status, points and feedback."""
    releases = visible_releases(db, pupil, now)
    progress = {p.release_id: p for p in db.scalars(select(Progress).where(
        Progress.pupil_id == pupil.id, Progress.release_id.in_([r.id for r in releases])))}
    activities = []
    for release in releases:
        row = progress.get(release.id)
        latest = db.get(Submission, row.last_submission_id) if row and row.last_submission_id else None
        activity = PupilActivity(
            release=release, status=row.status if row else Status.released,
            score=row.score if row else None, max_score=row.max_score if row and row.max_score else release.max_score,
            attempts=row.attempts if row else 0, latest=latest)
        if latest is not None and latest.result:
            activity.exercises = exercises_of(settings, release, latest)
            if release.kind == "notebook":  # games and micro:bit repeat their cells' messages there
                activity.notes = general_messages(latest.result)
        activities.append(activity)
    return activities


def exercises_of(settings: Settings, release: Release, submission: Submission) -> list[Exercise]:
    """Per-exercise feedback of a hand-in, named as the pupil knows them: the worker's points and
    Danish message, the teacher's points for answers a human grades, and the rubric the teacher judged."""
    result = submission.result or {}
    names = exercise_names(released_folder(settings, release.school_class, release.activity_id)
                           / f"{release.activity_id}.ipynb") if release.kind == "notebook" else {}
    teacher = submission.manual_scores or {}
    messages = cell_messages(result)
    exercises = []
    for cell in result.get("cells", []):
        grade_id = cell["grade_id"]
        score = teacher.get(grade_id, cell.get("score"))
        exercises.append(Exercise(name=cell.get("label") or names.get(grade_id) or grade_id,
                                  score=None if score is None else float(score), max_score=cell.get("max_score") or 0,
                                  message=cell.get("message") or messages.get(grade_id)))
    if teacher:  # the rubric is the teacher's to show once they started judging it
        for item in rubric_to_grade(submission):
            level = next((text for points, text in item.levels if item.points is not None and points == item.points), None)
            exercises.append(Exercise(name=f"Din lærers vurdering: {item.criterion}", score=item.points,
                                      max_score=max(points for points, _ in item.levels), message=level))
    return exercises


def cell_messages(result: dict) -> dict[str, str]:
    """grade_id -> the grader's Danish message about it (the notebook grader writes "grade_id: message")."""
    ids = {cell["grade_id"] for cell in result.get("cells", [])}
    found = {}
    for message in result.get("messages", []):
        grade_id, _, text = message.partition(": ")
        if grade_id in ids and text:
            found[grade_id] = text
    return found


def general_messages(result: dict) -> list[str]:
    """The grader's messages about the whole notebook (a cell that never stopped, too much output)."""
    ids = {cell["grade_id"] for cell in result.get("cells", [])}
    return [m for m in result.get("messages", []) if m.partition(": ")[0] not in ids]


def exercise_names(notebook_path: Path) -> dict[str, str]:
    """grade_id -> the heading above it ("Opgave 1: Læg sammen"); {} if the notebook is gone."""
    try:
        stamp = notebook_path.stat().st_mtime
    except OSError:
        return {}
    return _exercise_names(str(notebook_path), stamp)


@lru_cache(maxsize=64)
def _exercise_names(path: str, _stamp: float) -> dict[str, str]:
    return exercise_names_in(nbformat.read(path, as_version=4))


# --- game projects --------------------------------------------------------------------------
def game_notebook(title: str, task: str) -> nbformat.NotebookNode:
    """The player notebook in the pupil's game folder: the task, then the game (the "Spil" cell)."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kodefag"] = {"kind": "pgzero"}
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    intro = (f"# {title}\n\nDu skriver dit spil i **starter.py** (den ligger i samme mappe).\n\n"
             "Tryk på **Spil** for at prøve dit spil. Klik på spillet, så virker piletasterne.\n"
             "Tryk på **Tjek** for at se, hvad der mangler, og på **Aflever**, når du er færdig.")
    notebook.cells = [
        nbformat.v4.new_markdown_cell(intro),
        nbformat.v4.new_code_cell('from kodefag.games.player import play\nplay("starter.py")',
                                  metadata={"kodefag": {"spil": True}}),
        nbformat.v4.new_markdown_cell(pupil_text(task)),
    ]
    return notebook


def game_archive(release: Release) -> bytes:
    """The pupil's game project as tar.gz: starter, images, sounds, the task (README.md, without the teacher's part) and the player notebook."""
    content = REPO_ROOT / kind_of(release.kind).content_path(release.activity_id)
    readme = content / "README.md"
    task = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name in GAME_FILES:
            if (content / name).is_file():
                archive.add(content / name, arcname=name)
        for folder in GAME_FOLDERS:
            for path in sorted((content / folder).rglob("*")) if (content / folder).is_dir() else []:
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(content)))
        _add_bytes(archive, "README.md", pupil_text(task).encode("utf-8"))
        _add_bytes(archive, GAME_NOTEBOOK, nbformat.writes(game_notebook(release.title, task)).encode("utf-8"))
    return buffer.getvalue()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    info.mtime = int(time.time())  # not 1970: the pupil's file list says when it came
    archive.addfile(info, io.BytesIO(data))
