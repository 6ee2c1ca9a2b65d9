"""The portal's database: roster, releases, submissions and progress.

The portal owns the roster (the hub's authenticator reads it) and the one
progress table every kind of activity feeds: notebooks, games, micro:bit
lessons and teachers' check-offs of unplugged work.
"""
import datetime as dt
import enum

from sqlalchemy import JSON, Column, select, DateTime, Enum, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Role(str, enum.Enum):
    pupil = "pupil"
    teacher = "teacher"
    leader = "leader"
    admin = "admin"
    #: the municipality's consultants: read the reports of every school, see no pupil's name
    municipality = "municipality"


class Status(str, enum.Enum):
    """Where a pupil is with one activity (Danish labels in `STATUS_LABELS`)."""

    released = "released"
    fetched = "fetched"
    submitted = "submitted"
    grading = "grading"
    graded = "graded"
    needs_manual = "needs_manual"
    failed = "failed"
    checked_off = "checked_off"
    #: a newer hand-in of the same activity came before this one was graded
    superseded = "superseded"
    #: handed in again with a changed answer after the teacher gave points: a human must look again
    regrade = "regrade"


STATUS_LABELS = {
    Status.released: "Ikke startet",
    Status.fetched: "I gang",
    Status.submitted: "Afleveret",
    Status.grading: "Rettes nu",
    Status.graded: "Rettet",
    Status.needs_manual: "Mangler rettelse",
    Status.failed: "Kunne ikke rettes",
    Status.checked_off: "Godkendt",
    Status.superseded: "Erstattet af en nyere aflevering",
    Status.regrade: "Skal rettes igen",
}
#: statuses that wait for the teacher (the grading queue)
NEEDS_TEACHER = (Status.needs_manual, Status.regrade)

class_pupils = Table(
    "class_pupils",
    Base.metadata,
    Column("class_id", ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)
class_teachers = Table(
    "class_teachers",
    Base.metadata,
    Column("class_id", ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class School(Base):
    __tablename__ = "schools"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    classes: Mapped[list["SchoolClass"]] = relationship(back_populates="school", order_by="SchoolClass.name")


class SchoolClass(Base):
    """A class such as "5.A"; its slug ("5a") names the hub group and the nbgrader course."""

    __tablename__ = "classes"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    name: Mapped[str] = mapped_column(String(20))
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    grade: Mapped[int] = mapped_column(Integer)
    #: when the class ended (9th grade left, or ended by the school); None = active
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    school: Mapped[School] = relationship(back_populates="classes")
    pupils: Mapped[list["User"]] = relationship(secondary=class_pupils, order_by="User.username")
    teachers: Mapped[list["User"]] = relationship(secondary=class_teachers, order_by="User.username")

    @property
    def hub_group(self) -> str:
        return f"klasse-{self.slug}"


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=20))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    #: argon2id hash; empty for users who only log in through Unilogin
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: Unilogin's stable id, when the roster was imported from STIL
    uniid: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: when the pupil (or teacher) left the school; None = active. Deleted after the retention period.
    left_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    school: Mapped[School | None] = relationship()
    pupil_of: Mapped[list[SchoolClass]] = relationship(secondary=class_pupils, viewonly=True)
    teacher_of: Mapped[list[SchoolClass]] = relationship(secondary=class_teachers, viewonly=True)

    @property
    def active(self) -> bool:
        """Still at the school (not marked as left): may log in."""
        return self.left_at is None


class Release(Base):
    """An activity released to a class (for notebooks: an nbgrader assignment)."""

    __tablename__ = "releases"
    __table_args__ = (UniqueConstraint("class_id", "activity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"))
    activity_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    max_score: Mapped[float] = mapped_column(default=0)
    released_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: when pupils first see the activity (UTC, naive); None = at once
    opens_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: hand-ins after this (UTC, naive) are accepted and marked late; None = no deadline
    deadline: Mapped[dt.datetime | None] = mapped_column(DateTime)
    school_class: Mapped[SchoolClass] = relationship()

    @property
    def is_open(self) -> bool:
        """Pupils see the release (its start date has come, or it has none)."""
        return self.opens_at is None or self.opens_at <= utcnow()


class Submission(Base):
    """One hand-in ("aflevering"); graded by a worker, results written back here."""

    __tablename__ = "submissions"
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"))
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: nbgrader-style timestamp string the pupil's exchange shows
    timestamp: Mapped[str] = mapped_column(String(64))
    folder: Mapped[str] = mapped_column(Text)
    status: Mapped[Status] = mapped_column(Enum(Status, native_enum=False, length=20), default=Status.submitted)
    score: Mapped[float | None] = mapped_column()
    max_score: Mapped[float | None] = mapped_column()
    result: Mapped[dict | None] = mapped_column(JSON)
    message: Mapped[str | None] = mapped_column(Text)
    graded_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: points a teacher gave answers that need a human: {grade_id: points}
    manual_scores: Mapped[dict | None] = mapped_column(JSON)
    manual_graded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: the teacher's comment to the pupil (shown to the pupil with the points)
    teacher_comment: Mapped[str | None] = mapped_column(Text)
    release: Mapped[Release] = relationship()

    @property
    def late(self) -> bool:
        """Handed in after the release's deadline (accepted, and shown as late)."""
        deadline = self.release.deadline if self.release is not None else None
        return deadline is not None and self.submitted_at is not None and self.submitted_at > deadline
    pupil: Mapped[User] = relationship(foreign_keys=[pupil_id])


class Progress(Base):
    """Pupil x activity: the one table the class overview and reports read."""

    __tablename__ = "progress"
    __table_args__ = (UniqueConstraint("pupil_id", "release_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"))
    status: Mapped[Status] = mapped_column(Enum(Status, native_enum=False, length=20), default=Status.released)
    score: Mapped[float | None] = mapped_column()
    max_score: Mapped[float | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(default=0)
    last_submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    pupil: Mapped[User] = relationship()
    release: Mapped[Release] = relationship()
    last_submission: Mapped["Submission | None"] = relationship(viewonly=True)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


class LessonSlot(Base):
    """One weekly lesson of a class in the subject (e.g. Tuesday 10:00-10:45, local time).

    Teachers enter them on the class page; the school tier starts the class's
    servers before the bell and never culls them during a lesson; reports count
    lessons taught from them.
    """

    __tablename__ = "lesson_slots"
    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    #: 0 = Monday ... 6 = Sunday
    weekday: Mapped[int] = mapped_column(Integer)
    #: local time (Europe/Copenhagen), "HH:MM"
    starts: Mapped[str] = mapped_column(String(5))
    ends: Mapped[str] = mapped_column(String(5))
    school_class: Mapped[SchoolClass] = relationship()


def progress_row(session, pupil_id: int, release: "Release") -> Progress:
    """The pupil's progress row for a release, created (not yet started) if missing.

    Pupils added to a class after a release have none until they first act on it."""
    progress = session.scalar(select(Progress).where(Progress.pupil_id == pupil_id,
                                                     Progress.release_id == release.id))
    if progress is None:
        progress = Progress(pupil_id=pupil_id, release_id=release.id, status=Status.released,
                            max_score=release.max_score, attempts=0)
        session.add(progress)
    return progress


class LoginFailure(Base):
    """One failed login (or one in flight), kept only for the throttle's window.

    Written by :mod:`.login_throttle` for every way of logging in. ``username`` is
    what was typed (it need not exist), ``address`` the client's IP address.
    """

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    method: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class AuditEntry(Base):
    """Who viewed or changed roster or pupil data, and when (kept 6 months, :mod:`.audit`).

    ``actor`` and ``subject`` are user names (not foreign keys: the log outlives
    deleted users, whose names are replaced by a pseudonym). ``details`` holds
    class names and counts, never names or other personal data.
    """

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str | None] = mapped_column(String(64), index=True)
    details: Mapped[dict | None] = mapped_column(JSON)


class CodeProject(Base):
    """A pupil's working copy of one code activity: the editor's files, saved while they work.

    One row per pupil and release, overwritten by every save (hand-ins copy it
    into a timestamped submission folder). Kept apart from submissions so that
    saving every few seconds never looks like a hand-in to the teacher.
    """

    __tablename__ = "code_projects"
    __table_args__ = (UniqueConstraint("pupil_id", "release_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"))
    #: {"main.py": "...", "hjaelp.py": "..."}
    files: Mapped[dict] = mapped_column(JSON)
    #: the Blockly workspace (its JSON serialization) while the pupil works with blocks
    blocks: Mapped[dict | None] = mapped_column(JSON)
    #: "blokke" or "python": what the editor opens with
    mode: Mapped[str] = mapped_column(String(10), default="python")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    release: Mapped[Release] = relationship()


class LoginCard(Base):
    """A pupil's QR login card: a single-purpose login token, stored only as its SHA-256.

    The token itself is printed on the card (in the QR code's URL) and never stored.
    Printing new cards for a pupil revokes the old ones (``revoked_at``); so does the
    teacher's *Spær kort*. See :mod:`.login_cards` and docs/security.md.
    """

    __tablename__ = "login_cards"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: hex SHA-256 of the token (the token has 128 random bits, so a plain hash suffices)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))
    #: when the card stopped working (reprinted or revoked); None = works
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    user: Mapped[User] = relationship()


class PictureLogin(Base):
    """How a young pupil recognises and proves themselves: a symbol and a picture code.

    ``symbol`` (one of :data:`.login_pictures.SYMBOLS`, unique within the pupil's class)
    is printed on the login card and shown beside the name on the picture login;
    ``code_hash`` is the argon2 hash of the 3-picture code the teacher set (None = no
    picture login for this pupil).
    """

    __tablename__ = "picture_logins"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    symbol: Mapped[str] = mapped_column(String(40))
    code_hash: Mapped[str | None] = mapped_column(String(255))
    code_set_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    user: Mapped[User] = relationship()
