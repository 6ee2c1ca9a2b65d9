"""The audit log: who viewed or changed roster and pupil data, and when.

Every roster change (portal pages, CSV import, new school year), every unlock, export
and deletion, and every staff page view that shows pupils' data is one row in
``audit_log``. Rows name users by user name only; ``details`` holds class names and
counts, never names. The log is kept ``KODEFAG_AUDIT_MONTHS`` (6) months
(:func:`purge_old`, run by the daily privacy job). When a pupil is deleted, the rows
about them keep what happened but their user name is replaced by a pseudonym
(:func:`pseudonymize`), so the log proves the deletion without keeping the pupil.
Action names and the log itself are in English (it is an operators' record).
"""
import datetime as dt

from flask import g, request
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from .auth import db_session
from .models import AuditEntry, Role, User, utcnow

#: staff pages that show pupils' data: endpoint -> action recorded when staff open them
PUPIL_DATA_VIEWS = {
    "portal.class_overview": "class.view",
    "portal.activity": "activity.view",
    "grading.grade": "submission.view",
    "klasse.pupil": "pupil.view",
    "klasse.preview": "notebook.view",
    "klasse.live": "notebook.live",
    "roster_admin.class_page": "roster.view",
    "privacy.people": "privacy.view",
    "logins.class_logins": "logins.view",
    "reports.export_class": "results.export",
}


def actor_name(actor: User | str | None) -> str:
    if actor is None:
        return "system"
    return actor if isinstance(actor, str) else actor.username


def record(session: Session, actor: User | str | None, action: str, subject: str | None = None,
           **details) -> AuditEntry:
    """Add one entry (committed with the change it describes)."""
    entry = AuditEntry(at=utcnow(), actor=actor_name(actor), action=action, subject=subject,
                       details=details or None)
    session.add(entry)
    return entry


def entries(session: Session, subject: str | None = None, limit: int = 200) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if subject is not None:
        query = query.where(AuditEntry.subject == subject)
    return list(session.scalars(query))


def purge_old(session: Session, months: int, now: dt.datetime | None = None) -> int:
    """Delete entries older than ``months`` (30-day months); returns how many."""
    cutoff = (now or utcnow()) - dt.timedelta(days=30 * months)
    return session.execute(delete(AuditEntry).where(AuditEntry.at < cutoff)).rowcount


def pseudonymize(session: Session, username: str, pseudonym: str) -> None:
    """Replace a deleted user's name in the log (as subject and as actor)."""
    session.execute(update(AuditEntry).where(AuditEntry.subject == username).values(subject=pseudonym))
    session.execute(update(AuditEntry).where(AuditEntry.actor == username).values(actor=pseudonym))


def record_page_view(response):
    """After-request hook: log staff views of pages with pupils' data (see PUPIL_DATA_VIEWS)."""
    action = PUPIL_DATA_VIEWS.get(request.endpoint or "")
    user = g.get("user")
    if action and request.method == "GET" and response.status_code == 200 and user is not None \
            and user.role is not Role.pupil:
        session = db_session()
        record(session, user, action, **{k: str(v) for k, v in (request.view_args or {}).items()})
        session.commit()
    return response
