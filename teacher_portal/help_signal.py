"""Who needs help right now: the live "har brug for hjælp" signal of the class overview.

Pupils' tools record two kinds of events per activity: *open* (the pupil fetched
or opened it) and *tjek* (the result of a Tjek run: passed or not, and which
checks failed). A pupil is flagged while working on an activity when

- the last three Tjek runs failed within ``FAILED_WINDOW`` (10 minutes), or
- there has been no progress for ``STUCK_AFTER`` (15 minutes) while the activity
  is open: progress is opening it, or a Tjek run that passes more checks than any
  before. "Open" means an event within the last ``OPEN_WINDOW`` (one lesson) and
  no hand-in since.

Events are kept ``KEEP_DAYS`` days (they only serve this signal and the
activity page's failing checks) and deleted with the pupil (GDPR).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .models import Base, Release, Submission, User, utcnow

FAILED_RUNS = 3
FAILED_WINDOW = dt.timedelta(minutes=10)
STUCK_AFTER = dt.timedelta(minutes=15)
OPEN_WINDOW = dt.timedelta(minutes=45)
KEEP_DAYS = 30
OPEN, TJEK = "open", "tjek"
MAX_CHECKS = 50


class ActivityEvent(Base):
    """One thing a pupil did on an activity: opened it, or ran Tjek (with the result)."""

    __tablename__ = "activity_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(10))
    #: Tjek only: did every check pass, how many passed, the names of those that failed
    passed: Mapped[bool | None] = mapped_column(Boolean)
    passed_checks: Mapped[int | None] = mapped_column(Integer)
    failing: Mapped[list | None] = mapped_column(JSON)


class EventRejected(ValueError):
    """A Tjek result that cannot be recorded; the message is Danish."""


def record_open(session: Session, pupil: User, release: Release, now: dt.datetime | None = None) -> None:
    session.add(ActivityEvent(pupil_id=pupil.id, release_id=release.id, at=now or utcnow(), kind=OPEN))


def record_tjek(session: Session, pupil: User, release: Release, payload: dict,
                now: dt.datetime | None = None) -> ActivityEvent:
    """Record a Tjek run from the JSON the pupil's tools send:
    ``{"passed": bool, "checks": [{"name": "tæl ned", "passed": false}, ...]}`` (checks optional)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("passed"), bool):
        raise EventRejected("Tjek-resultatet mangler 'passed' (true eller false).")
    checks = payload.get("checks", [])
    if not isinstance(checks, list) or len(checks) > MAX_CHECKS or not all(
            isinstance(c, dict) and isinstance(c.get("name"), str) and isinstance(c.get("passed"), bool)
            for c in checks):
        raise EventRejected("'checks' skal være en liste af {\"name\": tekst, \"passed\": true/false}.")
    failing = [c["name"][:100] for c in checks if not c["passed"]]
    event = ActivityEvent(pupil_id=pupil.id, release_id=release.id, at=now or utcnow(), kind=TJEK,
                          passed=payload["passed"], passed_checks=sum(1 for c in checks if c["passed"]),
                          failing=failing)
    session.add(event)
    return event


def needs_help(events: list[ActivityEvent], handed_in_at: dt.datetime | None, now: dt.datetime) -> str | None:
    """The Danish reason one pupil needs help with one activity now, or None.

    ``events`` are that pupil's events on that activity, oldest first."""
    recent = [e for e in events if now - e.at <= OPEN_WINDOW]
    if not recent or (handed_in_at is not None and handed_in_at >= recent[-1].at):
        return None  # not working on it now, or handed in since
    runs = [e for e in recent if e.kind == TJEK]
    last = runs[-FAILED_RUNS:]
    if len(last) == FAILED_RUNS and not any(e.passed for e in last) and now - last[0].at <= FAILED_WINDOW:
        return f"{FAILED_RUNS} fejl i Tjek på {FAILED_WINDOW.seconds // 60} min"
    progress_at, best = recent[0].at, -1
    for event in runs:
        if event.passed or (event.passed_checks or 0) > best:
            progress_at = event.at
        best = max(best, event.passed_checks or 0)
    if (runs and runs[-1].passed) or now - progress_at < STUCK_AFTER:
        return None
    return f"Ingen fremgang i {int((now - progress_at).total_seconds() // 60)} min"


def class_help(session: Session, release_ids: list[int], pupil_ids: list[int],
               now: dt.datetime | None = None) -> dict[tuple[int, int], str]:
    """(pupil id, release id) -> reason, for everyone in the class who needs help now."""
    now = now or utcnow()
    if not release_ids or not pupil_ids:
        return {}
    events = session.scalars(select(ActivityEvent).where(
        ActivityEvent.release_id.in_(release_ids), ActivityEvent.pupil_id.in_(pupil_ids),
        ActivityEvent.at >= now - OPEN_WINDOW).order_by(ActivityEvent.at, ActivityEvent.id)).all()
    grouped: dict[tuple[int, int], list[ActivityEvent]] = {}
    for event in events:
        grouped.setdefault((event.pupil_id, event.release_id), []).append(event)
    handed_in = {(pupil_id, release_id): at for pupil_id, release_id, at in session.execute(
        select(Submission.pupil_id, Submission.release_id, func.max(Submission.submitted_at))
        .where(Submission.release_id.in_(release_ids), Submission.pupil_id.in_(pupil_ids))
        .group_by(Submission.pupil_id, Submission.release_id))}
    signals = {}
    for key, pupil_events in grouped.items():
        reason = needs_help(pupil_events, handed_in.get(key), now)
        if reason:
            signals[key] = reason
    return signals


def tjek_failures(session: Session, release: Release, results) -> dict[str, set[str]]:
    """Check name -> pupils failing it in their latest Tjek run, for pupils without a graded hand-in."""
    waiting = {row.pupil.id: row.pupil.username for row in results
               if row.submission is None or not (row.submission.result or {}).get("cells")}
    if not waiting:
        return {}
    latest: dict[int, ActivityEvent] = {}
    for event in session.scalars(select(ActivityEvent).where(
            ActivityEvent.release_id == release.id, ActivityEvent.kind == TJEK,
            ActivityEvent.pupil_id.in_(list(waiting))).order_by(ActivityEvent.at, ActivityEvent.id)):
        latest[event.pupil_id] = event
    failing: dict[str, set[str]] = {}
    for pupil_id, event in latest.items():
        for name in event.failing or []:
            failing.setdefault(name, set()).add(waiting[pupil_id])
    return failing


def forget_pupil(session: Session, pupil_id: int) -> int:
    """GDPR delete: every event of the pupil; returns the rows deleted."""
    return session.execute(delete(ActivityEvent).where(ActivityEvent.pupil_id == pupil_id)).rowcount


def purge_old(session: Session, now: dt.datetime | None = None) -> int:
    cutoff = (now or utcnow()) - dt.timedelta(days=KEEP_DAYS)
    return session.execute(delete(ActivityEvent).where(ActivityEvent.at < cutoff)).rowcount
