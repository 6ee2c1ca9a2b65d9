"""CSV import of a school's roster: read, check every row, show the plan, apply all or nothing.

The file is the school's export from its administrative system: a header row with the
columns ``uniid;fornavn;efternavn;klasse;rolle`` in any order (other columns are
ignored), UTF-8 with or without BOM or Windows-1252, separated by ``;`` or ``,``.
``rolle`` is ``elev`` or ``lærer``; a teacher's ``klasse`` may list several classes
separated by commas. The import is a *full-school* import of the accounts it manages
(those with a uniid): an imported pupil missing from the file is marked as left, never
deleted. Local accounts without a uniid (the demo's, or ones an administrator made by
hand) are left alone.

- A file that cannot be used at all (empty, too big, a spreadsheet, a wrong encoding,
  missing columns, a column that looks like CPR numbers) raises :class:`ImportUnusable`.
- Rows with errors are all listed (row number as the spreadsheet shows it, column,
  Danish message) and nothing changes.
- Importing the same file again changes nothing.
Values are stored as text exactly as written (``=HYPERLINK(...)`` included); exports
escape them (:func:`kodefag.spreadsheet.safe_cell`).
"""
import csv
import io
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit, roster_admin
from .models import Role, School, User
from .roster_admin import RosterError, parse_class_name, username_for_uniid

COLUMNS = ("uniid", "fornavn", "efternavn", "klasse", "rolle")
MAX_BYTES = 1024 * 1024
ROLES = {"elev": Role.pupil, "lærer": Role.teacher, "laerer": Role.teacher}
#: a Danish CPR number: DDMMYY-NNNN or DDMMYYNNNN with a real day and month
CPR = re.compile(r"^(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}-?[0-9]{4}$")
#: UTF-8 text that was decoded as Windows-1252 and saved again ("Ã¸" for "ø")
MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u0152\u0160\u0178\u017d\u02dc\u2013-\u203a\u20ac\u2122]")
HEADER_HINT = "Første række skal have kolonnerne uniid;fornavn;efternavn;klasse;rolle."


class ImportUnusable(Exception):
    """The file cannot be used at all (exit code 2); the message is Danish."""

    def __init__(self, message: str, row: int | None = None, column: str | None = None):
        super().__init__(message)
        self.message, self.row, self.column = message, row, column


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Person:
    row: int
    uniid: str
    first_name: str
    last_name: str
    role: Role
    classes: list[str]

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def username(self) -> str:
        return username_for_uniid(self.uniid)


@dataclass
class Change:
    """One line of the preview: what happens to one person."""

    kind: str  # "new", "update", "unchanged", "left"
    username: str
    name: str
    role: Role
    classes: list[str]
    what: str = ""


@dataclass
class ImportReport:
    changes: list[Change] = field(default_factory=list)
    new_classes: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)

    def as_json(self) -> dict:
        """The `--json` report; with errors nothing happens, so every count is 0."""
        if self.errors:
            return {"created": 0, "updated": 0, "unchanged": 0, "left": 0,
                    "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in self.errors]}
        return {"created": self.count("new"), "updated": self.count("update"),
                "unchanged": self.count("unchanged"), "left": self.count("left"),
                "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in self.errors]}


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        raise ImportUnusable(f"Filen er for stor ({megabytes} MB). En klasseliste må højst fylde 1 MB.")


def decode(data: bytes) -> str:
    """The file's text; UTF-8 (with or without BOM) or Windows-1252, else ImportUnusable."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportUnusable("Filen er tom. Vælg klasselisten fra skolens administrative system.")
    check_size(len(data))
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportUnusable("Filen er et Excel-regneark, ikke en CSV-fil. Åbn den i Excel, vælg Gem som "
                             "»CSV (semikolonsepareret)« eller »CSV UTF-8«, og prøv igen.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise ImportUnusable("Filen er gemt som UTF-16 (»Unicode-tekst«). Gem den som »CSV UTF-8« og prøv igen.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportUnusable("Filen har et tegnsæt, vi ikke kan læse. Gem den som »CSV UTF-8« "
                                 "og prøv igen.") from None
    if MOJIBAKE.search(text):
        raise ImportUnusable("Filen er gemt med forkert tegnsæt: æ, ø og å ser forkerte ud (fx »Ã¸« i stedet "
                             "for »ø«). Gem den igen som »CSV UTF-8« og prøv igen.")
    return text


def read_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: value}) for every non-empty data row; the header is row 1."""
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error:
        raise ImportUnusable("Filen er ikke en gyldig CSV-fil (et anførselstegn mangler sin partner).") from None
    header = [name.strip().lower() for name in lines[0]]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        names = ", ".join(f"»{name}«" for name in missing)
        raise ImportUnusable(f"{'Kolonnen' if len(missing) == 1 else 'Kolonnerne'} {names} mangler. {HEADER_HINT}")
    doubles = sorted({name for name in header if name and header.count(name) > 1})
    if doubles:
        raise ImportUnusable(f"Kolonnen »{doubles[0]}« står to gange i første række. {HEADER_HINT}")
    rows = []
    for number, values in enumerate(lines[1:], start=2):
        if not any(value.strip() for value in values):
            continue  # spreadsheets add empty rows at the end
        rows.append((number, {name: (values[i].strip() if i < len(values) else "")
                              for i, name in enumerate(header) if name}))
    _refuse_cpr(rows)
    if not rows:
        raise ImportUnusable("Filen har kun overskrifter og ingen elever eller lærere.")
    return rows


def _refuse_cpr(rows) -> None:
    """A column that looks like CPR numbers is refused outright (the value is never repeated)."""
    for number, values in rows:
        for column, value in values.items():
            if CPR.match(value.replace(" ", "")):
                raise ImportUnusable(f"Kolonnen »{column}« ligner CPR-numre. kodefag må ikke få CPR-numre, så "
                                     "filen er afvist. Fjern kolonnen og prøv igen.", row=number, column=column)


def _unescape(value: str) -> str:
    """Our own exports put ' before a formula; reading it back gives the original text."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value


def check_rows(rows) -> tuple[list[Person], list[RowError]]:
    people, errors, seen = [], [], {}
    for number, values in rows:
        row_errors = []
        uniid = values["uniid"]
        if not uniid:
            row_errors.append(RowError(number, "uniid", "uniid mangler."))
        else:
            try:
                key = username_for_uniid(uniid)
                if key in seen:
                    row_errors.append(RowError(number, "uniid", f"uniid {uniid} står også i række {seen[key]}."))
                seen.setdefault(key, number)
            except RosterError as error:
                row_errors.append(RowError(number, "uniid", str(error)))
        first_name, last_name = _unescape(values["fornavn"]), _unescape(values["efternavn"])
        if not first_name:
            row_errors.append(RowError(number, "fornavn", "Fornavn mangler."))
        role = ROLES.get(values["rolle"].lower())
        if role is None:
            row_errors.append(RowError(number, "rolle", f"Rollen »{values['rolle']}« findes ikke. "
                                                        "Skriv elev eller lærer."))
        classes = []
        for part in (p for p in values["klasse"].split(",") if p.strip()):
            try:
                classes.append(parse_class_name(part)[0])
            except RosterError as error:
                row_errors.append(RowError(number, "klasse", str(error)))
        if role is Role.pupil and not classes and not any(e.column == "klasse" for e in row_errors):
            row_errors.append(RowError(number, "klasse", "En elev skal have en klasse."))
        if role is Role.pupil and len(classes) > 1:
            row_errors.append(RowError(number, "klasse", f"En elev kan kun gå i én klasse (her står "
                                                         f"{', '.join(classes)})."))
        errors += row_errors
        if not row_errors:
            people.append(Person(number, uniid, first_name, last_name, role, sorted(set(classes))))
    return people, errors


def _current_classes(user: User) -> list[str]:
    classes = user.pupil_of if user.role is Role.pupil else user.teacher_of
    return sorted(c.name for c in classes if c.ended_at is None)


def plan(session: Session, school: School, people: list[Person]) -> ImportReport:
    """What the import would do, without changing anything (also the portal's preview)."""
    report = ImportReport()
    existing = {c.name for c in roster_admin.active_classes(session, school)}
    report.new_classes = sorted({name for p in people for name in p.classes} - existing)
    listed = set()
    for person in people:
        user = session.scalar(select(User).where(User.uniid == person.uniid))
        if user is None:
            other = session.scalar(select(User).where(User.username == person.username))
            if other is not None:
                report.errors.append(RowError(person.row, "uniid", f"Brugernavnet {person.username} er allerede "
                                                                   "i brug af en anden konto."))
                continue
            report.changes.append(Change("new", person.username, person.display_name, person.role, person.classes))
            continue
        listed.add(user.id)
        if user.school_id != school.id:
            report.errors.append(RowError(person.row, "uniid", f"uniid {person.uniid} hører til en anden skole."))
            continue
        if user.role is not person.role:
            report.errors.append(RowError(person.row, "rolle", f"{person.uniid} er {roster_admin.ROLE_WORDS[user.role]} "
                                                               "i forvejen. En rolle kan ikke skifte ved import."))
            continue
        what = []
        if user.display_name != person.display_name:
            what.append("nyt navn")
        if _current_classes(user) != person.classes:
            what.append("ny klasse" if person.role is Role.pupil else "nye klasser")
        if user.left_at is not None:
            what.append("kommet tilbage")
        report.changes.append(Change("update" if what else "unchanged", user.username, person.display_name,
                                     person.role, person.classes, ", ".join(what)))
    for user in session.scalars(select(User).where(User.school_id == school.id, User.uniid.is_not(None),
                                                   User.left_at.is_(None)).order_by(User.username)):
        if user.id not in listed:
            report.changes.append(Change("left", user.username, user.display_name, user.role,
                                         _current_classes(user), "udmeldt (data slettes efter opbevaringstiden)"))
    return report


def apply(session: Session, school: School, people: list[Person], report: ImportReport, actor) -> set[str]:
    """Carry out a clean plan; returns the user names whose hub groups must follow."""
    classes = {c.name: c for c in roster_admin.active_classes(session, school)}
    for name in report.new_classes:
        classes[name] = roster_admin.create_class(session, school, name, actor)
    by_username = {p.username: p for p in people}
    touched = set()
    for change in report.changes:
        if change.kind == "unchanged":
            continue
        touched.add(change.username)
        if change.kind == "left":
            roster_admin.mark_left(session, session.scalar(select(User).where(User.username == change.username)), actor)
            continue
        person = by_username[change.username]
        user = session.scalar(select(User).where(User.username == change.username))
        if user is None:
            user = roster_admin.add_user(session, school, person.role, person.display_name, actor, uniid=person.uniid)
        elif user.display_name != person.display_name:
            user.display_name = person.display_name
            audit.record(session, actor, "user.rename", subject=user.username)
        if person.role is Role.pupil:
            if _current_classes(user) != person.classes or user.left_at is not None:
                roster_admin.place_pupil(session, user, classes[person.classes[0]], actor)
        else:
            user.left_at = None
            if _current_classes(user) != person.classes:
                roster_admin.assign_classes(session, user, [classes[n] for n in person.classes], actor)
    return touched


def import_roster(session: Session, school: School, data: bytes, actor, dry_run: bool = False) -> tuple[ImportReport, set[str]]:
    """Check and (unless ``dry_run`` or there are errors) apply a file; the caller commits.

    Raises ImportUnusable for files that cannot be used at all.
    """
    people, errors = check_rows(read_rows(decode(data)))
    report = plan(session, school, people)
    report.errors = sorted(errors + report.errors, key=lambda e: (e.row, COLUMNS.index(e.column)))
    if report.errors or dry_run:
        return report, set()
    touched = apply(session, school, people, report, actor)
    audit.record(session, actor, "roster.import", school=school.name, **{k: v for k, v in report.as_json().items()
                                                                         if k != "errors"})
    report.applied = True
    return report, touched
