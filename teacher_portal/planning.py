"""Planning a class: when a release opens and closes, undoing a release, the weekly lessons.

Times are typed and shown in Danish local time and stored as naive UTC
(``local_time``). The school tier reads the lessons (``lessons_of``) to start
the class's servers before the bell.
"""
import datetime as dt
import re
import shutil

from flask_babel import gettext
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kodefag.settings import Settings

from .help_signal import ActivityEvent
from .local_time import from_local
from .models import LessonSlot, Progress, Release, SchoolClass, Status, Submission
from .releases import course_dir

WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
#: a pupil who is past these has done something that undoing the release would lose
UNTOUCHED = (Status.released, Status.fetched)


class PlanningError(ValueError):
    """Input that cannot be saved; the message is Danish, for the teacher."""


def parse_local(raw: str | None) -> dt.datetime | None:
    """A form's ``datetime-local`` value (Danish local time) as naive UTC; "" means none."""
    if not raw:
        return None
    try:
        return from_local(dt.datetime.fromisoformat(raw))
    except ValueError:
        raise PlanningError(gettext("Skriv dato og tid som fx 2026-12-24 08:00.")) from None


def set_dates(release: Release, opens_at: dt.datetime | None, deadline: dt.datetime | None) -> None:
    if opens_at is not None and deadline is not None and deadline <= opens_at:
        raise PlanningError(gettext("Fristen skal ligge efter startdatoen."))
    release.opens_at, release.deadline = opens_at, deadline


def why_not_undo(session: Session, release: Release) -> str | None:
    """The Danish reason a release cannot be undone, or None when nothing is handed in yet."""
    handed_in = session.scalar(select(func.count()).select_from(Submission).where(Submission.release_id == release.id))
    if handed_in:
        return f"{handed_in} aflevering{'er' if handed_in != 1 else ''} findes allerede."
    done = session.scalar(select(func.count()).select_from(Progress).where(
        Progress.release_id == release.id, Progress.status.not_in(UNTOUCHED)))
    if done:
        return f"{done} elev{'er' if done != 1 else ''} er allerede godkendt eller rettet."
    return None


def undo_release(session: Session, settings: Settings, school_class: SchoolClass, release: Release) -> None:
    """Take a release back: pupils no longer see it. Refused once anything is handed in."""
    reason = why_not_undo(session, release)
    if reason:
        raise PlanningError(gettext("%(title)s kan ikke fortrydes: %(reason)s", title=release.title, reason=reason))
    session.execute(delete(ActivityEvent).where(ActivityEvent.release_id == release.id))
    session.execute(delete(Progress).where(Progress.release_id == release.id))
    session.delete(release)
    session.flush()
    for folder in ("release", "source"):
        shutil.rmtree(course_dir(settings, school_class) / folder / release.activity_id, ignore_errors=True)


def lessons_of(session: Session, school_class: SchoolClass) -> list[LessonSlot]:
    return list(session.scalars(select(LessonSlot).where(LessonSlot.class_id == school_class.id)
                                .order_by(LessonSlot.weekday, LessonSlot.starts)))


def add_lesson(session: Session, school_class: SchoolClass, weekday: str, starts: str, ends: str) -> LessonSlot:
    try:
        day = int(weekday)
    except (TypeError, ValueError):
        day = -1
    if not 0 <= day <= 6:
        raise PlanningError(gettext("Vælg en ugedag."))
    if not CLOCK.match(starts or "") or not CLOCK.match(ends or ""):
        raise PlanningError(gettext("Skriv tiderne som TT:MM, fx 08:15."))
    if ends <= starts:
        raise PlanningError(gettext("Lektionen skal slutte efter den starter."))
    if any(s.weekday == day and s.starts < ends and starts < s.ends for s in lessons_of(session, school_class)):
        raise PlanningError(gettext("Klassen har allerede en lektion på det tidspunkt."))
    slot = LessonSlot(class_id=school_class.id, weekday=day, starts=starts, ends=ends)
    session.add(slot)
    return slot
