"""Changing the roster: the one set of operations behind the administrator's pages,
the CSV import and the new school year.

Each operation checks its input (Danish :class:`RosterError` for people), changes the
rows and writes one audit entry; the caller commits, then calls :func:`sync_hub` with
the user names it touched so the running hub's class groups follow at once (the hub
also catches up by itself through ``refresh_user``).
"""
import re
import secrets

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from kodefag.spreadsheet import csv_bytes

from . import audit
from .hub_sync import HubSync, tell_hub
from .models import Role, School, SchoolClass, User, utcnow
from .roster import find_user, hash_password, hub_groups

CLASS_NAME = re.compile(r"^([0-9])\.([A-ZÆØÅ])$")
UNIID = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
ROLE_WORDS = {Role.pupil: "elev", Role.teacher: "lærer", Role.leader: "skoleleder", Role.admin: "administrator",
              Role.municipality: "kommunal konsulent"}
#: short words without æ, ø, å for passwords a child can type
PASSWORD_WORDS = ("sol", "hest", "bil", "kat", "ko", "fisk", "mus", "bog", "hus", "ugle", "tog", "ost", "kage",
                  "sko", "hat", "ged", "bi", "myre", "abe", "gris", "and", "hval", "sky", "regn", "sne", "is",
                  "skib", "fly", "tromme", "pizza", "banan", "citron", "robot", "raket", "drage", "pingvin")


class RosterError(ValueError):
    """A roster change that cannot be made; the message is Danish, for people."""


def parse_class_name(text: str) -> tuple[str, int]:
    """"5.A" -> ("5.A", 5); lower case is accepted ("5.a"); anything else is refused."""
    name = (text or "").strip().upper()
    match = CLASS_NAME.match(name)
    if not match:
        raise RosterError(gettext("Klassen »%(text)s« skal skrives som fx 5.A eller 0.B.", text=text.strip()))
    return name, int(match.group(1))


def username_for_uniid(uniid: str) -> str:
    """The stable user name of an imported account: its uniid in lower case."""
    name = (uniid or "").strip().lower()
    if not UNIID.match(name):
        raise RosterError(gettext("uniid må kun have bogstaverne a-z, tal, punktum, bindestreg og understreg "
                                  "(2-64 tegn)."))
    return name


def active_classes(session: Session, school: School) -> list[SchoolClass]:
    return list(session.scalars(select(SchoolClass).where(
        SchoolClass.school_id == school.id, SchoolClass.ended_at.is_(None))
        .order_by(SchoolClass.grade, SchoolClass.name)))


def find_class(session: Session, school: School, name: str) -> SchoolClass | None:
    """The school's active class with this name (ended classes keep their old names)."""
    return session.scalar(select(SchoolClass).where(
        SchoolClass.school_id == school.id, SchoolClass.name == name, SchoolClass.ended_at.is_(None)))


def _free_slug(session: Session, name: str) -> str:
    """The class's hub group and course folder name: "5a", or "5a-2027" if that was taken."""
    base = name.replace(".", "").lower()
    candidates = [base, f"{base}-{utcnow().year}"] + [f"{base}-{utcnow().year}-{n}" for n in range(2, 100)]
    taken = set(session.scalars(select(SchoolClass.slug).where(SchoolClass.slug.in_(candidates))))
    return next(slug for slug in candidates if slug not in taken)


def create_class(session: Session, school: School, name: str, actor) -> SchoolClass:
    name, grade = parse_class_name(name)
    if find_class(session, school, name):
        raise RosterError(gettext("%(school)s har allerede en klasse %(klasse)s.", school=school.name, klasse=name))
    school_class = SchoolClass(name=name, slug=_free_slug(session, name), grade=grade, school=school)
    session.add(school_class)
    session.flush()
    audit.record(session, actor, "class.create", class_name=name)
    return school_class


def rename_class(session: Session, school_class: SchoolClass, new_name: str, actor) -> None:
    """A new name (and the grade it says): the class keeps its pupils, hand-ins and history."""
    name, grade = parse_class_name(new_name)
    other = find_class(session, school_class.school, name)
    if other is not None and other.id != school_class.id:
        raise RosterError(gettext("%(school)s har allerede en klasse %(klasse)s.",
                                  school=school_class.school.name, klasse=name))
    audit.record(session, actor, "class.rename", class_name=name, old_name=school_class.name)
    school_class.name, school_class.grade = name, grade


def end_class(session: Session, school_class: SchoolClass, actor) -> None:
    """The class stops (its pupils stay at school only if they are moved to another class)."""
    school_class.ended_at = utcnow()
    audit.record(session, actor, "class.end", class_name=school_class.name)


def _generated_pupil_name(session: Session, school_class: SchoolClass) -> str:
    number = 1
    while find_user(session, f"elev{school_class.slug.replace('-', '')}{number:02d}"):
        number += 1
    return f"elev{school_class.slug.replace('-', '')}{number:02d}"


def add_user(session: Session, school: School, role: Role, display_name: str, actor, *, uniid: str | None = None,
             username: str | None = None, school_class: SchoolClass | None = None) -> User:
    """A new account. Its user name comes from the uniid (stable, never from the name);
    without one, an administrator gives it (teachers) or it is made from the class (pupils)."""
    display_name = (display_name or "").strip()
    if not display_name:
        raise RosterError(gettext("Skriv personens navn."))
    if uniid:
        username = username_for_uniid(uniid)
        if session.scalar(select(User).where(User.uniid == uniid.strip())):
            raise RosterError(gettext("Der findes allerede en bruger med uniid %(uniid)s.", uniid=uniid.strip()))
    elif username:
        username = username.strip().lower()
        if not UNIID.match(username):
            raise RosterError(gettext(
                "Brugernavnet må kun have bogstaverne a-z, tal, punktum, bindestreg og understreg."))
    elif role is Role.pupil and school_class is not None:
        username = _generated_pupil_name(session, school_class)
    else:
        raise RosterError(gettext("Skriv et brugernavn eller et uniid."))
    if find_user(session, username):
        raise RosterError(gettext("Brugernavnet %(username)s er allerede i brug.", username=username))
    user = User(username=username, display_name=display_name, role=role, school=school,
                uniid=uniid.strip() if uniid else None)
    session.add(user)
    session.flush()
    audit.record(session, actor, f"{'pupil' if role is Role.pupil else 'staff'}.add", subject=username,
                 role=role.value)
    if school_class is not None and role is Role.pupil:
        place_pupil(session, user, school_class, actor, record=False)
    return user


def assign_classes(session: Session, teacher: User, classes: list[SchoolClass], actor) -> None:
    """The teacher teaches exactly these classes (of the active ones)."""
    if teacher.role is not Role.teacher:
        raise RosterError(gettext("%(name)s er ikke lærer.", name=teacher.display_name))
    wanted = {c.id for c in classes}
    for school_class in active_classes(session, teacher.school):
        teaches = school_class in teacher.teacher_of
        if school_class.id in wanted and not teaches:
            school_class.teachers.append(teacher)
        elif school_class.id not in wanted and teaches:
            school_class.teachers.remove(teacher)
    session.flush()
    session.expire(teacher, ["teacher_of"])
    audit.record(session, actor, "teacher.assign", subject=teacher.username,
                 classes=sorted(c.name for c in classes))


def place_pupil(session: Session, pupil: User, school_class: SchoolClass, actor, record: bool = True) -> None:
    """Put a pupil in one class (moving them out of their active class, if any)."""
    if pupil.role is not Role.pupil:
        raise RosterError(gettext("%(name)s er ikke elev.", name=pupil.display_name))
    old = [c for c in pupil.pupil_of if c.ended_at is None]
    for previous in old:
        if previous.id != school_class.id:
            previous.pupils.remove(pupil)
    if school_class not in pupil.pupil_of:
        school_class.pupils.append(pupil)
    pupil.left_at = None
    session.flush()
    session.expire(pupil, ["pupil_of"])
    if record:
        audit.record(session, actor, "pupil.move", subject=pupil.username, class_name=school_class.name,
                     old_class=", ".join(c.name for c in old) or None)


def mark_left(session: Session, user: User, actor) -> None:
    """The person left the school: no more logins; data deleted after the retention period."""
    if user.left_at is not None:
        return
    classes = [c for c in user.pupil_of if c.ended_at is None]
    for school_class in classes:
        school_class.pupils.remove(user)
    for school_class in list(user.teacher_of):
        school_class.teachers.remove(user)
    user.left_at = utcnow()
    session.flush()
    session.expire(user, ["pupil_of", "teacher_of"])
    audit.record(session, actor, "user.left", subject=user.username, classes=[c.name for c in classes])


def new_password() -> str:
    """Three short words and two digits: easy for a child to type, hard to guess."""
    return "-".join(secrets.choice(PASSWORD_WORDS) for _ in range(3)) + f"{secrets.randbelow(100):02d}"


def reset_password(session: Session, user: User, actor) -> str:
    """A new password (shown once to the administrator); the account may then log in with it."""
    password = new_password()
    user.password_hash = hash_password(password)
    audit.record(session, actor, "password.reset", subject=user.username)
    return password


def sync_hub(session: Session, sync: HubSync | None, usernames: set[str]) -> None:
    """After a commit: the hub's class groups follow the roster; leavers lose their server.

    Stops at the first call the hub does not answer (logged once; the hub catches up)."""
    if sync is None:
        return
    for username in sorted(usernames):
        user = find_user(session, username)
        if user is None:
            continue
        if not tell_hub(lambda: sync.set_class_groups(username, hub_groups(user) if user.active else []),
                        f"groups of {username}"):
            return
        if not user.active and not tell_hub(lambda: sync.stop_server(username), f"stop server of {username}"):
            return


def roster_csv(session, school: School) -> bytes:
    """Every active account of the school, one row per person (the portal's download too)."""
    users = session.scalars(select(User).where(User.school_id == school.id, User.left_at.is_(None))
                            .order_by(User.role, User.username))
    rows = []
    for user in users:
        classes = user.pupil_of if user.role is Role.pupil else user.teacher_of
        rows.append([user.uniid or "", user.display_name, ",".join(c.name for c in classes if c.ended_at is None),
                     ROLE_WORDS[user.role], user.username])
    return csv_bytes(["uniid", "navn", "klasse", "rolle", "brugernavn"], rows)
