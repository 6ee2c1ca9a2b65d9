"""Picture login for the youngest pupils: class, own name and symbol, then a 3-picture code.

The teacher sets (and resets) each pupil's code in the portal: the portal draws three
of the nine :data:`~.login_pictures.CODE_PICTURES` at random and shows them to the
teacher once; only an argon2 hash is stored (:class:`~.models.PictureLogin`). The hub's
picture login (``hub/login_ways.py``) checks codes through the one login throttle.

Every pupil also gets a symbol (unique within the class) the first time cards are
printed or a code is set; it never changes afterwards, so the card and the picture
login always show the same one.
"""
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from . import audit
from .login_pictures import CODE_PICTURES, SYMBOLS
from .models import PictureLogin, Role, SchoolClass, User, utcnow

CODE_LENGTH = 3
#: argon2id at OWASP's minimum (19 MiB, 2 passes) rather than the library's 64 MiB: with 729
#: possible codes a costlier hash buys nothing against an offline attacker (the throttle is
#: the defence, docs/security.md), while a class of 25 logging in at once should not need 1.6 GB
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_DUMMY_HASH = _hasher.hash("sol-sol-sol")


def _row(session: Session, pupil: User) -> PictureLogin | None:
    return session.get(PictureLogin, pupil.id)


def ensure_symbols(session: Session, school_class: SchoolClass) -> dict[int, str]:
    """Every pupil of the class has a symbol no classmate has: user id -> symbol."""
    pupils = school_class.pupils
    rows = {row.user_id: row for row in session.scalars(
        select(PictureLogin).where(PictureLogin.user_id.in_([p.id for p in pupils])))}
    taken = {row.symbol for row in rows.values()}
    free = (symbol for symbol in SYMBOLS if symbol not in taken)
    for pupil in pupils:
        if pupil.id not in rows:
            # a class larger than the symbol set shares symbols from the start again
            symbol = next(free, None) or SYMBOLS[len(rows) % len(SYMBOLS)]
            rows[pupil.id] = PictureLogin(user_id=pupil.id, symbol=symbol)
            session.add(rows[pupil.id])
    session.flush()
    return {user_id: row.symbol for user_id, row in rows.items()}


def code_text(code: list[str]) -> str:
    return "-".join(code)


def new_code() -> list[str]:
    """Three pictures drawn at random (repeats allowed)."""
    names = list(CODE_PICTURES)
    return [secrets.choice(names) for _ in range(CODE_LENGTH)]


def set_code(session: Session, school_class: SchoolClass, pupil: User, actor: User | str,
             code: list[str] | None = None) -> list[str]:
    """Give the pupil a new picture code (the old one stops working); returns it, to show once."""
    code = code or new_code()
    if len(code) != CODE_LENGTH or any(picture not in CODE_PICTURES for picture in code):
        raise ValueError("a picture code is three of the code pictures")
    ensure_symbols(session, school_class)
    row = _row(session, pupil)
    row.code_hash, row.code_set_at = _hasher.hash(code_text(code)), utcnow()
    audit.record(session, actor, "picture_code.set", subject=pupil.username)
    return code


def remove_code(session: Session, pupil: User, actor: User | str) -> None:
    """The pupil can no longer log in with pictures (the symbol stays)."""
    row = _row(session, pupil)
    if row is not None:
        row.code_hash, row.code_set_at = None, None
    audit.record(session, actor, "picture_code.remove", subject=pupil.username)


def check_code(session: Session, username: str, code: list[str]) -> User | None:
    """The pupil if the code is theirs and they may log in, else None (same work either way)."""
    user = session.scalar(select(User).where(User.username == username))
    row = _row(session, user) if user is not None else None
    stored = row.code_hash if row is not None and row.code_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, code_text(code))
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row.code_hash or not user.active or user.role is not Role.pupil:
        return None
    return user


def classes_with_picture_login(session: Session) -> list[SchoolClass]:
    """Active classes with at least one pupil who has a picture code (the login page's first step)."""
    from_classes = (select(SchoolClass).join(SchoolClass.pupils).join(PictureLogin, PictureLogin.user_id == User.id)
                    .where(SchoolClass.ended_at.is_(None), PictureLogin.code_hash.is_not(None), User.left_at.is_(None))
                    .distinct())
    return sorted(session.scalars(from_classes), key=lambda c: (c.school.name, c.grade, c.name))


def pupils_with_picture_login(session: Session, school_class: SchoolClass) -> list[tuple[User, str]]:
    """The class's pupils who may log in with pictures, with their symbols, by first name."""
    rows = {row.user_id: row for row in session.scalars(
        select(PictureLogin).where(PictureLogin.user_id.in_([p.id for p in school_class.pupils]),
                                   PictureLogin.code_hash.is_not(None)))}
    pupils = [(pupil, rows[pupil.id].symbol) for pupil in school_class.pupils if pupil.id in rows and pupil.active]
    return sorted(pupils, key=lambda pair: short_name(pair[0]))


def short_name(pupil: User) -> str:
    """What the picture login shows publicly: the first name and the last name's initial."""
    words = pupil.display_name.split()
    if len(words) > 1 and not words[-1].startswith("("):
        return f"{words[0]} {words[-1][0]}."
    return words[0] if words else pupil.username


def code_status(session: Session, user_ids: list[int]) -> dict[int, PictureLogin]:
    """The picture-login rows of these users (for the teacher's overview)."""
    return {row.user_id: row for row in session.scalars(select(PictureLogin).where(PictureLogin.user_id.in_(user_ids)))}


def export_pupil(session: Session, pupil_id: int) -> dict | None:
    """The pupil's symbol and whether (since when) a picture code is set, for the GDPR export."""
    row = session.get(PictureLogin, pupil_id)
    if row is None:
        return None
    return {"tegn": row.symbol, "billedkode_sat": row.code_set_at.isoformat() + "Z" if row.code_set_at else None}


def forget_pupil(session: Session, pupil_id: int) -> int:
    """Delete the pupil's symbol and picture code hash (GDPR delete); returns the rows deleted."""
    return session.execute(delete(PictureLogin).where(PictureLogin.user_id == pupil_id)).rowcount
