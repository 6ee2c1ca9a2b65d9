"""The class overview's matrix: pupils x released activities, with status, score and help.

Filters by competence area (from the curriculum's goals) and sorts by name, by who
needs help, or by lowest total score - what a teacher asks at the start of a lesson.
"""
import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from kodefag.curriculum.loader import cached_curriculum

from .help_signal import class_help
from .models import STATUS_LABELS, Progress, Release, SchoolClass, Status, User, class_pupils

SORTS = {"navn": "Navn", "hjaelp": "Brug for hjælp først", "point": "Færrest point først"}


@dataclass
class Column:
    release: Release
    areas: list[str]


@dataclass(frozen=True, slots=True)
class Pupil:
    """The few fields of a pupil the matrix shows (plain values: a class page has hundreds of cells)."""
    id: int
    username: str
    display_name: str


@dataclass(frozen=True, slots=True)
class Cell:
    """One pupil's status and score in one release, read as plain values rather than ORM rows."""
    status: Status
    score: float | None
    max_score: float | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Row:
    pupil: Pupil
    cells: dict[int, Cell | None]
    help: dict[int, str] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return sum(cell.score or 0 for cell in self.cells.values() if cell is not None)

    @property
    def max_score(self) -> float:
        return sum(cell.max_score or 0 for cell in self.cells.values() if cell is not None)


def _areas(activity_id: str) -> list[str]:
    curriculum = cached_curriculum()
    return curriculum.areas_of(curriculum.activity(activity_id)) if curriculum.has_activity(activity_id) else []


def build_matrix(session: Session, school_class: SchoolClass, area: str = "", sort: str = "navn",
                 with_help: bool = True, since: dt.datetime | None = None) -> tuple[list[Column], list[Row], list[str]]:
    """Columns (filtered by ``area`` when given), rows (sorted), and the areas the class's releases train.

    ``since`` (naive UTC): only releases from then on - the class keeps the releases of
    earlier grades when it moves up, and a lesson needs this school year's."""
    query = select(Release).where(Release.class_id == school_class.id)
    if since is not None:
        query = query.where(Release.released_at >= since)
    releases = session.scalars(query.order_by(Release.released_at, Release.id)).all()
    every = [Column(release, _areas(release.activity_id)) for release in releases]
    present = sorted({a for column in every for a in column.areas})
    columns = [column for column in every if not area or area in column.areas]
    ids = [column.release.id for column in columns]
    cells = _cells(session, ids)
    pupils = _pupils(session, school_class)
    help_now = class_help(session, ids, [p.id for p in pupils]) if with_help else {}
    rows = [Row(pupil, {rid: cells.get((pupil.id, rid)) for rid in ids},
                {rid: reason for (pid, rid), reason in help_now.items() if pid == pupil.id})
            for pupil in pupils]
    rows.sort(key=lambda row: row.pupil.display_name)
    if sort == "hjaelp":
        rows.sort(key=lambda row: not row.help)
    elif sort == "point":
        rows.sort(key=lambda row: row.score)
    return columns, rows, present


def _cells(session: Session, release_ids: list[int]) -> dict[tuple[int, int], Cell]:
    """(pupil id, release id) -> the pupil's status and score."""
    if not release_ids:
        return {}
    rows = session.execute(select(Progress.pupil_id, Progress.release_id, Progress.status, Progress.score,
                                  Progress.max_score).where(Progress.release_id.in_(release_ids)))
    return {(pupil_id, release_id): Cell(status, score, max_score)
            for pupil_id, release_id, status, score, max_score in rows}


def _pupils(session: Session, school_class: SchoolClass) -> list[Pupil]:
    rows = session.execute(select(User.id, User.username, User.display_name)
                           .join(class_pupils, class_pupils.c.user_id == User.id)
                           .where(class_pupils.c.class_id == school_class.id).order_by(User.username))
    return [Pupil(*row) for row in rows]
