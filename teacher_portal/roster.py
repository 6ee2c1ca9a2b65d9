"""The roster: who is who, which classes they belong to, and what they may do.

The hub's authenticator asks this module to check a password and to say which
hub groups (classes) and roles a user gets, so the portal's database stays the
one place the roster lives.
"""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Role, SchoolClass, User

_hasher = PasswordHasher()
#: verified against when the user does not exist, so timing does not reveal user names
_DUMMY_HASH = _hasher.hash("kodefag-dummy-password")

PORTAL_SCOPE = "access:services!service=portal"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def check_password(session: Session, username: str, password: str) -> User | None:
    """The user if the password is right and they are still at the school, else None
    (same work either way)."""
    user = find_user(session, username)
    stored = user.password_hash if user and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return user if user and user.password_hash and user.active else None


def hub_groups(user: User) -> list[str]:
    """Hub groups: one per class a pupil is in (teachers are not put in pupils' groups)."""
    if user.role is Role.pupil:
        return sorted(c.hub_group for c in user.pupil_of if c.ended_at is None)
    return []


def hub_roles(user: User) -> list[dict]:
    """The JupyterHub role this user gets at login (authenticator-managed).

    Every role includes ``self`` (the default ``user`` role is replaced) and access
    to the portal. A teacher may open the servers of pupils in their own classes
    only: the scopes are filtered by the classes' hub groups.
    """
    scopes = ["self", PORTAL_SCOPE]
    if user.role is Role.teacher:
        for school_class in (c for c in user.teacher_of if c.ended_at is None):
            group = school_class.hub_group
            scopes += [f"access:servers!group={group}", f"read:users!group={group}",
                       f"read:servers!group={group}"]
        return [{"name": f"laerer-{user.username}", "description": "Lærer for sine egne klasser",
                 "scopes": scopes}]
    names = {Role.pupil: "elev", Role.leader: "skoleleder", Role.admin: "platform-admin",
             Role.municipality: "kommune"}
    return [{"name": names[user.role], "description": f"kodefag: {user.role.value}", "scopes": scopes}]


def classes_visible_to(session: Session, user: User) -> list[SchoolClass]:
    """Classes whose overview a user may open: own classes for teachers, the school for leaders."""
    if user.role is Role.teacher:
        return sorted((c for c in user.teacher_of if c.ended_at is None), key=lambda c: (c.grade, c.name))
    if user.role is Role.leader:
        query = select(SchoolClass).where(SchoolClass.school_id == user.school_id)
    elif user.role is Role.admin:
        query = select(SchoolClass)
    else:
        return []
    query = query.where(SchoolClass.ended_at.is_(None))
    return list(session.scalars(query.order_by(SchoolClass.grade, SchoolClass.name)))


def may_view_class(session: Session, user: User, school_class: SchoolClass) -> bool:
    return school_class in classes_visible_to(session, user)
