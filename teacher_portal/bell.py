"""The bell: a class's servers are ready when the lesson starts and are never culled during it.

A cold spawn costs a pupil many seconds and the machine many CPU seconds; 28 of
them at the bell make a class wait. So the class's servers are started before the
lesson: by the teacher ("Start klassen" on the class page), by an operator
(``kodefag prestart --class 5.A``), or by the ``bell`` hub service a few minutes
before each of the class's weekly lessons (``LessonSlot``, local Danish time).

Idle servers are stopped by jupyterhub-idle-culler (a hub service). It knows
nothing about lessons; the bell service tells the hub that the servers of a
class in its lesson are active (the hub API's activity endpoint), so the culler
never sees them as idle while the lesson lasts. Everything goes through the
hub's REST API (:class:`HubSync`), never the hub's database.
"""
import dataclasses
import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from .hub_sync import HubSync, HubUnreachable
from .models import LessonSlot, SchoolClass
from .roster import hub_groups

log = logging.getLogger(__name__)
LOCAL_TIME = ZoneInfo("Europe/Copenhagen")
#: spawn requests in flight at once (the hub spawns in the background after slow_spawn_timeout)
START_CONCURRENCY = 8


@dataclasses.dataclass
class StartReport:
    """What starting a class's servers did, pupil by pupil."""

    started: list[str] = dataclasses.field(default_factory=list)
    already: list[str] = dataclasses.field(default_factory=list)
    failed: list[str] = dataclasses.field(default_factory=list)

    def danish(self) -> str:
        text = gettext("%(started)s elever får deres Jupyter startet nu, %(ready)s havde den klar.",
                       started=len(self.started), ready=len(self.already))
        if self.failed:
            text += " " + gettext("%(count)s kunne ikke startes: %(names)s.", count=len(self.failed),
                                  names=", ".join(self.failed))
        return text


def pupils_of(school_class: SchoolClass) -> list:
    """The class's pupils still at the school."""
    return [pupil for pupil in school_class.pupils if pupil.active]


def start_class(sync: HubSync, school_class: SchoolClass) -> StartReport:
    """Ask the hub to start the server of every pupil of the class (who has none running).

    Pupils who never logged in are created in the hub first, with their class
    groups, so the spawn looks exactly like the one at their first login.
    Raises HubUnreachable when the hub does not answer at all.
    """
    report = StartReport()
    pupils = [(pupil.username, hub_groups(pupil)) for pupil in pupils_of(school_class)]
    # a few at a time: each call waits up to the hub's slow_spawn_timeout before it answers
    with ThreadPoolExecutor(max_workers=START_CONCURRENCY) as pool:
        outcomes = list(pool.map(lambda item: _start_one(sync, *item), pupils))
    for (username, _groups), outcome in zip(pupils, outcomes):
        getattr(report, outcome).append(username)
    log.info("start class %s: %d started, %d running, %d failed", school_class.name,
             len(report.started), len(report.already), len(report.failed))
    return report


def _start_one(sync: HubSync, username: str, groups: list[str]) -> str:
    """Start one pupil's server: "started", "already" (running or starting) or "failed"."""
    state = sync.server_state(username)
    if state in ("ready", "pending"):
        return "already"
    if state == "missing":
        sync.create_user(username)
        sync.set_class_groups(username, groups)
    return "started" if sync.start_server(username) else "failed"


def lesson_window(slot: LessonSlot, now: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    """The slot's lesson on the local day of ``now`` (aware datetimes), or None on other weekdays."""
    local = now.astimezone(LOCAL_TIME)
    if local.weekday() != slot.weekday:
        return None
    starts, ends = (dt.datetime.combine(local.date(), dt.time.fromisoformat(value), LOCAL_TIME)
                    for value in (slot.starts, slot.ends))
    return starts, ends


def classes_near_lesson(session: Session, now: dt.datetime, before: dt.timedelta,
                        until_end: bool = True) -> list[SchoolClass]:
    """Classes whose lesson starts within ``before`` from now, or (``until_end``) is under way."""
    found = []
    for slot in session.scalars(select(LessonSlot).order_by(LessonSlot.id)):
        window = lesson_window(slot, now)
        if window is None:
            continue
        starts, ends = window
        last = ends if until_end else starts + before
        if starts - before <= now < last and slot.school_class not in found and slot.school_class.ended_at is None:
            found.append(slot.school_class)
    return found


def ring(session: Session, sync: HubSync, now: dt.datetime, prestart_minutes: int) -> dict:
    """One tick of the bell service.

    - Classes whose lesson starts within ``prestart_minutes`` (or started less than
      that ago) get their servers started.
    - Every running server of a class from ``prestart_minutes`` before its lesson
      until the lesson ends is marked active, so the idle culler leaves it alone.
    A pupil who stops their own server in the middle of a lesson is not started again.
    """
    lead = dt.timedelta(minutes=prestart_minutes)
    started, kept = [], []
    for school_class in classes_near_lesson(session, now, lead, until_end=False):
        started += start_class(sync, school_class).started
    for school_class in classes_near_lesson(session, now, lead):
        for pupil in pupils_of(school_class):
            if sync.server_state(pupil.username) in ("ready", "pending"):
                sync.mark_active(pupil.username, now)
                kept.append(pupil.username)
    return {"started": started, "kept": kept}


def ring_safely(session: Session, sync: HubSync, now: dt.datetime, prestart_minutes: int) -> dict:
    """:func:`ring`, logging (not raising) when the hub does not answer: the next tick tries again."""
    try:
        return ring(session, sync, now, prestart_minutes)
    except HubUnreachable as error:
        log.warning("bell: hub not reachable (%s); trying again at the next tick", error)
        return {"started": [], "kept": []}
