"""The demo school: a contract README, docs and tests rely on.

School "Demo Skole"; classes 3.A, 5.A, 5.B, 8.A; teacher laerer5a teaches 5.A and
3.A, laerer5b teaches 5.B and 8.A; leader `leder`; admin `admin`; municipality
consultant `kommune` (no school); pupils
elev3a01-03, elev5a01-05, elev5b01-05, elev8a01-03. Every password is "demo"
(demo mode only). Seeding is idempotent: running it again changes nothing.
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Role, School, SchoolClass, User
from .roster import find_user, hash_password

DEMO_PASSWORD = "demo"
SCHOOL = "Demo Skole"
CLASSES = {"3.A": 3, "5.A": 5, "5.B": 5, "8.A": 8}
PUPILS = {"3.A": 3, "5.A": 5, "5.B": 5, "8.A": 3}
TEACHERS = {"laerer5a": ["5.A", "3.A"], "laerer5b": ["5.B", "8.A"]}
#: the foundation's graded activity, released to these classes
DEMO_RELEASES = {"g5-lister-og-loekker": ["5.A", "5.B"]}
FIRST_NAMES = ["Alma", "Noah", "Freja", "Oscar", "Ida", "William", "Emma", "Karl", "Ella",
               "Victor", "Clara", "Malthe", "Agnes", "Lucas", "Sofie", "Emil"]


def slug(class_name: str) -> str:
    return class_name.replace(".", "").lower()


def pupil_names(class_name: str) -> list[str]:
    return [f"elev{slug(class_name)}{n:02d}" for n in range(1, PUPILS[class_name] + 1)]


def demo_usernames() -> dict[str, list[str]]:
    """Every demo account by role, for banners and tests."""
    pupils = [name for class_name in CLASSES for name in pupil_names(class_name)]
    return {"teacher": list(TEACHERS), "leader": ["leder"], "admin": ["admin"],
            "municipality": ["kommune"], "pupil": pupils}


def seed_demo(session: Session) -> None:
    """Create the demo school if it is missing; leave existing rows alone."""
    school = session.scalar(select(School).where(School.name == SCHOOL))
    if school is None:
        school = School(name=SCHOOL)
        session.add(school)
    password_hash = hash_password(DEMO_PASSWORD)
    classes = {}
    for class_name, grade in CLASSES.items():
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == slug(class_name)))
        if school_class is None:
            school_class = SchoolClass(name=class_name, slug=slug(class_name), grade=grade, school=school)
            session.add(school_class)
        classes[class_name] = school_class
    counter = 0
    for class_name in CLASSES:
        for username in pupil_names(class_name):
            pupil = _ensure_user(session, username, Role.pupil, school, password_hash,
                                 f"{FIRST_NAMES[counter % len(FIRST_NAMES)]} ({class_name})")
            counter += 1
            if classes[class_name] not in pupil.pupil_of:
                classes[class_name].pupils.append(pupil)
    for username, class_names in TEACHERS.items():
        teacher = _ensure_user(session, username, Role.teacher, school, password_hash,
                               f"Lærer {', '.join(class_names)}")
        for class_name in class_names:
            if classes[class_name] not in teacher.teacher_of:
                classes[class_name].teachers.append(teacher)
    _ensure_user(session, "leder", Role.leader, school, password_hash, "Skoleleder")
    _ensure_user(session, "admin", Role.admin, school, password_hash, "Platform-administrator")
    _ensure_user(session, "kommune", Role.municipality, None, password_hash, "Kommunal konsulent")
    session.flush()


def _ensure_user(session, username, role, school, password_hash, display_name) -> User:
    user = find_user(session, username)
    if user is None:
        user = User(username=username, role=role, school=school, display_name=display_name,
                    password_hash=password_hash)
        session.add(user)
        session.flush()
    return user
