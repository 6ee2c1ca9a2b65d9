"""QR login cards: a printed card whose QR code logs one pupil in.

The QR code holds a URL with a single-purpose token (``/hub/kort?key=<token>``):
128 random bits, good for nothing but logging this pupil in. Only the token's
SHA-256 is stored (:class:`~.models.LoginCard`), so the database never holds a
working credential. Printing cards for pupils revokes their old cards; the teacher
can also revoke one pupil's card. The hub's card login (``hub/login_ways.py``)
calls :func:`card_owner` through the one login throttle.
"""
import hashlib
import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from . import audit
from .models import LoginCard, User, utcnow

#: the hub's card login path (below the hub's base URL) and its query parameter;
#: JupyterHub scrubs "key" parameters from its request log
CARD_PATH = "kort"
CARD_PARAMETER = "key"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", errors="replace")).hexdigest()


def card_url(public_url: str, token: str) -> str:
    """The URL in the card's QR code (short, so the code stays big and easy to scan)."""
    return f"{public_url.rstrip('/')}/hub/{CARD_PATH}?{CARD_PARAMETER}={token}"


def issue_cards(session: Session, pupils: list[User], actor: User | str) -> dict[str, str]:
    """New cards for these pupils (their old cards stop working): username -> token.

    The tokens exist only in the returned dict, to be printed at once."""
    now = utcnow()
    ids = [pupil.id for pupil in pupils]
    session.execute(update(LoginCard).where(LoginCard.user_id.in_(ids), LoginCard.revoked_at.is_(None))
                    .values(revoked_at=now))
    tokens = {}
    for pupil in pupils:
        token = secrets.token_urlsafe(16)
        session.add(LoginCard(user_id=pupil.id, token_hash=token_hash(token), created_at=now,
                              created_by=audit.actor_name(actor)))
        tokens[pupil.username] = token
    classes = sorted({c.name for pupil in pupils for c in pupil.pupil_of})
    audit.record(session, actor, "login_cards.print", classes=classes, count=len(pupils))
    return tokens


def revoke_cards(session: Session, pupil: User, actor: User | str) -> int:
    """The pupil's cards stop working (a lost card). Returns how many were active."""
    count = session.execute(update(LoginCard).where(LoginCard.user_id == pupil.id, LoginCard.revoked_at.is_(None))
                            .values(revoked_at=utcnow())).rowcount
    audit.record(session, actor, "login_cards.revoke", subject=pupil.username, count=count)
    return count


def active_card(session: Session, token: str) -> LoginCard | None:
    """The working card with this token, or None (unknown, revoked, or its pupil left)."""
    card = session.scalar(select(LoginCard).where(LoginCard.token_hash == token_hash(token),
                                                  LoginCard.revoked_at.is_(None)))
    return card if card is not None and card.user.active else None


def throttle_key(session: Session, token: str) -> str:
    """The account a card login counts against in the login throttle.

    A working card counts against its pupil (a locked account refuses the card too);
    an unknown or revoked card against a key of its own, so an old card found in a
    drawer cannot lock its pupil out; guessing is caught by the per-address limit."""
    card = active_card(session, token)
    return card.user.username if card is not None else f"kort:{token_hash(token)[:16]}"


def card_owner(session: Session, token: str) -> User | None:
    """The pupil a working card logs in, or None."""
    card = active_card(session, token)
    return card.user if card is not None else None


def has_active_card(session: Session, user_ids: list[int]) -> set[int]:
    """Which of these users have a working card (for the teacher's overview)."""
    return set(session.scalars(select(LoginCard.user_id).where(LoginCard.user_id.in_(user_ids),
                                                               LoginCard.revoked_at.is_(None))))


def export_pupil(session: Session, pupil_id: int) -> list[dict]:
    """The pupil's cards for the GDPR export (when made, by whom, when revoked; never the hash)."""
    def when(moment):
        return moment.isoformat() + "Z" if moment else None
    return [{"lavet": when(card.created_at), "lavet_af": card.created_by, "spaerret": when(card.revoked_at)}
            for card in session.scalars(select(LoginCard).where(LoginCard.user_id == pupil_id)
                                        .order_by(LoginCard.created_at))]


def forget_pupil(session: Session, pupil_id: int) -> int:
    """Delete the pupil's cards (GDPR delete); returns the rows deleted."""
    return session.execute(delete(LoginCard).where(LoginCard.user_id == pupil_id)).rowcount
