"""What a teacher records about a pupil's learning, beside the points: ticked signs of learning
(tegn på læring), the rubric of unplugged design work, and the level reached per goal.

The curriculum says what there is to record (``activity.signs``, ``activity.rubric``,
``goal.levels``); these tables say what the teacher saw. :func:`goal_progress` combines them
with the progress table into the per-goal overview a teacher uses for a pupil's elevplan.
Rows are keyed by the activity id and the goal id from the curriculum, which never change
(see curriculum/README.md), so a pupil's record follows them from class to class.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kodefag.curriculum.loader import Curriculum
from kodefag.curriculum.schema import AREA_IDS, BAND_GRADES, Activity

from .models import Base, Progress, Release, Status, User, progress_row, utcnow

#: progress statuses that mean the pupil has done the activity
DONE = {Status.graded, Status.checked_off}
#: statuses that mean the pupil has begun (handed in, being graded ...)
BEGUN = {Status.fetched, Status.submitted, Status.grading, Status.needs_manual, Status.failed}


class SignTick(Base):
    """A teacher saw one sign of learning in one pupil's work on one activity."""

    __tablename__ = "sign_ticks"
    __table_args__ = (UniqueConstraint("pupil_id", "activity_id", "sign_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[str] = mapped_column(String(100))
    sign_id: Mapped[str] = mapped_column(String(60))
    ticked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    ticked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RubricScore(Base):
    """The teacher's level for one rubric criterion of an activity without a computer (a design task).

    Hand-ins (games, micro:bit) keep their rubric points with the submission; work done on paper
    has no submission, so its points live here and make up the pupil's progress score."""

    __tablename__ = "rubric_scores"
    __table_args__ = (UniqueConstraint("pupil_id", "release_id", "criterion_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"))
    criterion_id: Mapped[str] = mapped_column(String(60))
    points: Mapped[int] = mapped_column(Integer)
    scored_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    scored_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class GoalLevel(Base):
    """The level (1-3, from the goal's progression levels) a teacher judges a pupil has reached."""

    __tablename__ = "goal_levels"
    __table_args__ = (UniqueConstraint("pupil_id", "goal_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[str] = mapped_column(String(60))
    level: Mapped[int] = mapped_column(Integer)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    set_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class LearningError(ValueError):
    """Input a teacher cannot save; the message is Danish."""


# ----------------------------------------------------------------------------- signs
def ticked_signs(session: Session, activity_id: str, pupil_ids: list[int]) -> set[tuple[int, str]]:
    """(pupil id, sign id) for every sign ticked on ``activity_id`` for these pupils."""
    if not pupil_ids:
        return set()
    rows = session.execute(select(SignTick.pupil_id, SignTick.sign_id).where(
        SignTick.activity_id == activity_id, SignTick.pupil_id.in_(pupil_ids)))
    return {(pupil_id, sign_id) for pupil_id, sign_id in rows}


def save_signs(session: Session, activity: Activity, pupils: list[User], ticked: set[tuple[str, str]],
               teacher: User) -> int:
    """Make the ticks of these pupils on this activity exactly ``ticked`` ((username, sign id)).

    Returns how many ticks there are now. Unknown signs or pupils outside the list are refused."""
    by_name = {pupil.username: pupil for pupil in pupils}
    unknown = {sign for _, sign in ticked if sign not in activity.signs} | {name for name, _ in ticked
                                                                           if name not in by_name}
    if unknown:
        raise LearningError("Der er krydset noget af, som ikke hører til aktiviteten eller klassen.")
    wanted = {(by_name[name].id, sign) for name, sign in ticked}
    existing = ticked_signs(session, activity.id, [pupil.id for pupil in pupils])
    for pupil_id, sign in existing - wanted:
        session.execute(delete(SignTick).where(SignTick.pupil_id == pupil_id, SignTick.activity_id == activity.id,
                                               SignTick.sign_id == sign))
    for pupil_id, sign in sorted(wanted - existing):
        session.add(SignTick(pupil_id=pupil_id, activity_id=activity.id, sign_id=sign, ticked_by_id=teacher.id))
    return len(wanted)


# ---------------------------------------------------------------------- unplugged rubric
def rubric_scores(session: Session, release: Release) -> dict[tuple[int, str], int]:
    rows = session.execute(select(RubricScore.pupil_id, RubricScore.criterion_id, RubricScore.points)
                           .where(RubricScore.release_id == release.id))
    return {(pupil_id, criterion): points for pupil_id, criterion, points in rows}


def save_rubric(session: Session, activity: Activity, release: Release, pupil: User, levels: dict[str, str],
                teacher: User) -> float | None:
    """Store the teacher's level per criterion (form values; "" = not judged yet) for one pupil.

    When every criterion has a level, the pupil's progress row becomes "Godkendt" with the
    rubric's points as score (out of the activity's points); returns that score, else None."""
    criteria = {criterion.id: criterion for criterion in activity.rubric or []}
    if set(levels) - set(criteria):
        raise LearningError("Der er et kriterium, som ikke findes i aktivitetens rubrik.")
    chosen = {}
    for criterion_id, raw in levels.items():
        if raw in ("", None):
            continue
        allowed = {level.points for level in criteria[criterion_id].levels}
        try:
            points = int(raw)
        except ValueError:
            raise LearningError("Vælg et af rubrikkens niveauer.") from None
        if points not in allowed:
            raise LearningError("Vælg et af rubrikkens niveauer.")
        chosen[criterion_id] = points
    session.execute(delete(RubricScore).where(RubricScore.release_id == release.id,
                                              RubricScore.pupil_id == pupil.id))
    for criterion_id, points in chosen.items():
        session.add(RubricScore(pupil_id=pupil.id, release_id=release.id, criterion_id=criterion_id, points=points,
                                scored_by_id=teacher.id))
    progress = progress_row(session, pupil.id, release)
    progress.max_score = float(activity.points)
    if set(chosen) == set(criteria):
        progress.status, progress.score = Status.checked_off, float(sum(chosen.values()))
        return progress.score
    if progress.status is Status.checked_off:
        progress.status, progress.score = Status.released, None
    return None


# ------------------------------------------------------------------------ goal levels
def goal_levels(session: Session, pupil: User) -> dict[str, int]:
    rows = session.execute(select(GoalLevel.goal_id, GoalLevel.level).where(GoalLevel.pupil_id == pupil.id))
    return {goal_id: level for goal_id, level in rows}


def save_goal_levels(session: Session, curriculum: Curriculum, pupil: User, levels: dict[str, str],
                     teacher: User) -> None:
    """Levels per goal from the form ("" removes the judgement)."""
    current = {row.goal_id: row for row in session.scalars(select(GoalLevel).where(GoalLevel.pupil_id == pupil.id))}
    for goal_id, raw in levels.items():
        if not curriculum.has_goal(goal_id):
            raise LearningError("Der er et mål, som ikke findes i læseplanen.")
        if raw in ("", None):
            if goal_id in current:
                session.delete(current[goal_id])
            continue
        count = len(curriculum.goal(goal_id).levels)
        if raw not in {str(n) for n in range(1, count + 1)}:
            raise LearningError(f"Niveauet skal være mellem 1 og {count}.")
        if goal_id in current:
            current[goal_id].level, current[goal_id].set_by_id = int(raw), teacher.id
        else:
            session.add(GoalLevel(pupil_id=pupil.id, goal_id=goal_id, level=int(raw), set_by_id=teacher.id))


# ----------------------------------------------------------------------- per goal
@dataclass
class ActivityEvidence:
    activity: Activity
    status: Status | None  # None: not released to the pupil (yet)
    score: float | None
    max_score: float | None
    signs_ticked: list[str]

    @property
    def done(self) -> bool:
        return self.status in DONE


@dataclass
class GoalProgress:
    """Everything known about one pupil and one goal: for the teacher's judgement, not instead of it."""

    goal_id: str
    area: str
    text: str
    levels: list[str]
    level: int | None
    evidence: list[ActivityEvidence] = field(default_factory=list)

    @property
    def planned(self) -> int:
        return len(self.evidence)

    @property
    def released(self) -> int:
        return sum(1 for e in self.evidence if e.status is not None)

    @property
    def done(self) -> int:
        return sum(1 for e in self.evidence if e.done)

    @property
    def signs(self) -> tuple[int, int]:
        """(ticked, possible) signs of learning on the activities the pupil has been given."""
        given = [e for e in self.evidence if e.status is not None]
        return sum(len(e.signs_ticked) for e in given), sum(len(e.activity.signs) for e in given)

    @property
    def points(self) -> tuple[float, float]:
        """(score, maximum) over the done activities that give points."""
        scored = [e for e in self.evidence if e.done and e.max_score]
        return sum(e.score or 0 for e in scored), sum(e.max_score for e in scored)

    @property
    def level_text(self) -> str | None:
        return self.levels[self.level - 1] if self.level else None


def band_activities(curriculum: Curriculum, band: str) -> list[Activity]:
    """Every activity the band's year plans teach, each once, in grade and plan order."""
    seen, activities = set(), []
    for grade in BAND_GRADES[band]:
        if grade in curriculum.plans:
            for activity in curriculum.plan(grade).activities:
                if activity.id not in seen:
                    seen.add(activity.id)
                    activities.append(activity)
    return activities


def goal_progress(session: Session, curriculum: Curriculum, pupil: User, band: str) -> list[GoalProgress]:
    """One row per goal of the band (area order): its activities, the pupil's status on each
    (from any class the pupil has been in), ticked signs, and the teacher's level."""
    rows = session.execute(select(Release.activity_id, Progress.status, Progress.score, Progress.max_score)
                           .join(Release, Progress.release_id == Release.id)
                           .where(Progress.pupil_id == pupil.id)).all()
    status_of = {}
    for activity_id, status, score, max_score in rows:
        best = status_of.get(activity_id)
        if best is None or (status in DONE and best[0] not in DONE):
            status_of[activity_id] = (status, score, max_score)
    ticks = {}
    for activity_id, sign_id in session.execute(select(SignTick.activity_id, SignTick.sign_id)
                                                .where(SignTick.pupil_id == pupil.id)):
        ticks.setdefault(activity_id, []).append(sign_id)
    levels = goal_levels(session, pupil)
    activities = band_activities(curriculum, band)
    result = []
    for area_id in AREA_IDS:
        for goal in curriculum.goals_for(band=band, area=area_id):
            evidence = []
            for activity in activities:
                if goal.id not in activity.goals:
                    continue
                status, score, max_score = status_of.get(activity.id, (None, None, None))
                signs = [sign for sign in activity.signs if sign in ticks.get(activity.id, [])]
                evidence.append(ActivityEvidence(activity, status, score, max_score, signs))
            result.append(GoalProgress(goal.id, goal.area, goal.text, list(goal.levels), levels.get(goal.id),
                                       evidence))
    return result


def forget_pupil(session: Session, pupil_id: int) -> int:
    """Delete everything this module stores about a pupil (GDPR delete); returns the rows deleted."""
    return sum(session.execute(delete(model).where(model.pupil_id == pupil_id)).rowcount
               for model in (SignTick, RubricScore, GoalLevel))


def export_pupil(session: Session, pupil_id: int) -> dict:
    """What this module stores about a pupil, for the GDPR export."""
    def rows(model, *columns):
        return [{column: (value.isoformat() + "Z" if isinstance(value, dt.datetime) else value)
                 for column, value in zip(columns, row)}
                for row in session.execute(select(*(getattr(model, c) for c in columns))
                                           .where(model.pupil_id == pupil_id))]
    return {
        "tegn_paa_laering": rows(SignTick, "activity_id", "sign_id", "ticked_at"),
        "rubrik": rows(RubricScore, "release_id", "criterion_id", "points", "scored_at"),
        "maal_niveauer": rows(GoalLevel, "goal_id", "level", "set_at"),
    }
