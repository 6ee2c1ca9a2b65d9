"""`kodefag roster import|list|export|new-year` on SQLite and PostgreSQL, through the real command."""
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from kodefag.cli import command
from kodefag.spreadsheet import safe_cell
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import AuditEntry, Role, SchoolClass, User
from kodefag.teacher_portal.roster import find_user
from tests.hubclient import free_port

HEADER = "uniid;fornavn;efternavn;klasse;rolle\n"
SCHOOL_FILE = HEADER + (
    "anna0001;Anna;Ærø;5.A;elev\n"
    "bo000002;Bo;Østergård;5.A;elev\n"
    "cille003;Cille;Åberg;6.B;elev\n"
    "lone0004;Lone;Lærer;\"5.A,6.B\";lærer\n")


@pytest.fixture
def kodefag(results_db, monkeypatch, tmp_path):
    """Run the real `kodefag` command against the test database (no hub listening)."""
    monkeypatch.setenv("KODEFAG_HUB_API_PORT", str(free_port()))
    monkeypatch.setenv("KODEFAG_VAR_DIR", str(results_db.var_dir))

    def run(*args, content: bytes | str | None = None, name="liste.csv"):
        if content is not None:
            path = tmp_path / name
            path.write_bytes(content.encode() if isinstance(content, str) else content)
            args = [a if a != "FILE" else str(path) for a in args]
        result = CliRunner().invoke(command(args[0]), list(args[1:]), catch_exceptions=False)
        return result
    run.url = results_db.database_url
    return run


def users(url) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(User))


def test_import_creates_accounts_and_importing_again_changes_nothing(kodefag):
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=SCHOOL_FILE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"created": 4, "updated": 0, "unchanged": 0, "left": 0, "errors": []}
    again = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=SCHOOL_FILE)
    assert json.loads(again.output) == {"created": 0, "updated": 0, "unchanged": 4, "left": 0, "errors": []}
    listing = json.loads(kodefag("roster", "list", "--class", "5.A", "--json").output)
    imported = [row for row in listing if row["uniid"]]
    assert imported == [
        {"username": "anna0001", "name": "Anna Ærø", "class": "5.A", "role": "elev", "uniid": "anna0001"},
        {"username": "bo000002", "name": "Bo Østergård", "class": "5.A", "role": "elev", "uniid": "bo000002"},
        {"username": "lone0004", "name": "Lone Lærer", "class": "5.A", "role": "lærer", "uniid": "lone0004"}]
    assert {row["username"] for row in listing if not row["uniid"]} >= {"elev5a01", "laerer5a"}  # local accounts stay
    with session_scope(kodefag.url) as session:
        new_class = session.scalar(select(SchoolClass).where(SchoolClass.name == "6.B"))
        assert new_class.grade == 6 and [p.username for p in new_class.pupils] == ["cille003"]
        assert {c.name for c in find_user(session, "lone0004").teacher_of} == {"5.A", "6.B"}
        assert find_user(session, "anna0001").password_hash is None  # Unilogin, QR card or pictures
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "roster.import")).actor.startswith("cli:")


def test_user_names_come_from_the_uniid_and_survive_a_new_name(kodefag):
    kodefag("roster", "import", "FILE", "--school", "Demo Skole", content=SCHOOL_FILE)
    renamed = SCHOOL_FILE.replace("Anna;Ærø;5.A", "Annabell;Ærø;5.B")
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=renamed)
    assert json.loads(result.output)["updated"] == 1
    with session_scope(kodefag.url) as session:
        anna = find_user(session, "anna0001")
        assert anna.display_name == "Annabell Ærø" and [c.name for c in anna.pupil_of] == ["5.B"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("separator", [";", ","])
def test_encodings_and_separators(kodefag, encoding, separator):
    text = SCHOOL_FILE.replace(";", separator) if separator == "," else SCHOOL_FILE
    if encoding == "utf-8-sig":
        text = text.replace("\n", "\r\n")  # Excel on Windows
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=text.encode(encoding))
    assert json.loads(result.output)["created"] == 4, result.output
    with session_scope(kodefag.url) as session:
        assert find_user(session, "bo000002").display_name == "Bo Østergård"


def test_columns_in_any_order_and_extra_columns_ignored(kodefag):
    text = "Rolle;Klasse;Efternavn;Fornavn;UNIID;Telefon\nelev;5.A;Hansen;Ib;ib000001;12345678\n"
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=text)
    assert json.loads(result.output)["created"] == 1


def test_every_row_error_is_listed_in_danish_and_nothing_changes(kodefag):
    text = HEADER + ("anna0001;Anna;A;5.A;elev\n"
                     ";Uden;Id;5.A;elev\n"
                     "anna0001;Anden;Anna;5.B;elev\n"
                     "bo000002;Bo;B;5.A;pedel\n"
                     "cille003;Cille;C;5a;elev\n"
                     "dan00004;Dan;D;\"5.A,5.B\";elev\n"
                     "eva00005;;E;5.A;elev\n")
    before = users(kodefag.url)
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=text)
    assert result.exit_code == 1
    errors = json.loads(result.output)["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [
        (3, "uniid"), (4, "uniid"), (5, "rolle"), (6, "klasse"), (7, "klasse"), (8, "fornavn")]
    messages = " ".join(e["message"] for e in errors)
    assert "uniid mangler" in messages and "står også i række 2" in messages and "Skriv elev eller lærer" in messages
    assert "5.A eller 0.B" in messages and "kun gå i én klasse" in messages and "Fornavn mangler" in messages
    assert json.loads(result.output)["created"] == 0
    assert users(kodefag.url) == before
    human = kodefag("roster", "import", "FILE", "--school", "Demo Skole", content=text)
    assert "Række 6, kolonne klasse: Klassen »5a« skal skrives som fx 5.A eller 0.B." in human.output
    assert "Intet er ændret" in human.output


def test_a_column_that_looks_like_cpr_numbers_is_refused_outright(kodefag):
    text = "uniid;fornavn;efternavn;klasse;rolle;personnummer\nanna0001;Anna;A;5.A;elev;010203-1234\n"
    before = users(kodefag.url)
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=text)
    assert result.exit_code == 2
    error = json.loads(result.output)["errors"][0]
    assert (error["row"], error["column"]) == (2, "personnummer") and "CPR" in error["message"]
    assert "010203" not in result.output  # the number is never repeated
    assert users(kodefag.url) == before


BAD_FILES = {
    "empty": (b"", "tom"),
    "only a header": (HEADER.encode(), "kun overskrifter"),
    "missing columns": (b"uniid;navn;klasse\nanna0001;Anna;5.A\n", "»fornavn«, »efternavn«, »rolle« mangler"),
    "ten megabytes": (HEADER.encode() + b"x" * (10 * 1024 * 1024), "for stor (10,0 MB)"),
    "utf-16": (SCHOOL_FILE.encode("utf-16"), "UTF-16"),
    "double encoded": (SCHOOL_FILE.encode("utf-8").decode("cp1252").encode("utf-8"), "forkert tegnsæt"),
    "unreadable bytes": (HEADER.encode() + b"anna0001;An\x81na;A;5.A;elev\n", "tegnsæt, vi ikke kan læse"),
    "excel workbook": (b"PK\x03\x04" + b"\x00" * 100, "Excel-regneark"),
    "broken quotes": (HEADER.encode() + b'anna0001;"Anna;A;5.A;elev\n' + b'x' * 200000, "anførselstegn"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_files_that_cannot_be_used_get_a_danish_error_and_exit_2(kodefag, case):
    content, expected = BAD_FILES[case]
    before = users(kodefag.url)
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", content=content)
    assert result.exit_code == 2 and expected in result.output, result.output
    assert "Traceback" not in result.output
    assert users(kodefag.url) == before


def test_formulas_are_stored_as_text_and_escaped_on_export(kodefag, tmp_path):
    text = HEADER + '"=HYPERLINK(""http://x.example"";""klik"")";Anna;+45;5.A;elev\n'.replace(
        '"=HYPERLINK', 'anna0001;"=HYPERLINK', 1).replace(";Anna;", ";", 1)
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=text)
    assert json.loads(result.output)["created"] == 1, result.output
    with session_scope(kodefag.url) as session:
        assert find_user(session, "anna0001").display_name == '=HYPERLINK("http://x.example";"klik") +45'
    out = tmp_path / "eksport.csv"
    assert kodefag("roster", "export", "--school", "Demo Skole", "-o", str(out)).exit_code == 0
    exported = out.read_bytes().decode("utf-8-sig")
    assert "'=HYPERLINK" in exported and ";=HYPERLINK" not in exported
    assert [safe_cell(v) for v in ("=1+1", "+45", "-1", "@SUM(A1)", "Anna", None)] == \
        ["'=1+1", "'+45", "'-1", "'@SUM(A1)", "Anna", ""]


def test_pupils_missing_from_a_full_school_import_are_marked_as_left_not_deleted(kodefag):
    kodefag("roster", "import", "FILE", "--school", "Demo Skole", content=SCHOOL_FILE)
    without_bo = "\n".join(line for line in SCHOOL_FILE.splitlines() if "bo000002" not in line) + "\n"
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=without_bo)
    assert json.loads(result.output) == {"created": 0, "updated": 0, "unchanged": 3, "left": 1, "errors": []}
    with session_scope(kodefag.url) as session:
        bo = find_user(session, "bo000002")
        assert bo is not None and bo.left_at is not None and bo.pupil_of == []
        assert find_user(session, "elev5a01").left_at is None  # local accounts are not the import's
    back = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=SCHOOL_FILE)
    assert json.loads(back.output)["updated"] == 1
    with session_scope(kodefag.url) as session:
        assert find_user(session, "bo000002").left_at is None


def test_dry_run_changes_nothing(kodefag):
    before = users(kodefag.url)
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--dry-run", "--json", content=SCHOOL_FILE)
    assert result.exit_code == 0 and json.loads(result.output)["created"] == 4
    assert users(kodefag.url) == before


def test_a_role_cannot_change_and_a_taken_user_name_is_an_error(kodefag):
    kodefag("roster", "import", "FILE", "--school", "Demo Skole", content=SCHOOL_FILE)
    text = HEADER + "anna0001;Anna;Ærø;5.A;lærer\nelev5a01;Ny;Elev;5.A;elev\n"
    result = kodefag("roster", "import", "FILE", "--school", "Demo Skole", "--json", content=text)
    assert result.exit_code == 1
    assert [(e["row"], e["column"]) for e in json.loads(result.output)["errors"]] == [(2, "rolle"), (3, "uniid")]


def test_new_school_year_moves_classes_up_and_9th_grade_leaves(kodefag):
    text = HEADER + "ni000001;Nina;Ni;9.A;elev\notte0002;Otto;Otte;8.A;elev\n"
    kodefag("roster", "import", "FILE", "--school", "Demo Skole", content=text)
    with session_scope(kodefag.url) as session:
        five_a = session.scalar(select(SchoolClass).where(SchoolClass.name == "5.A"))
        five_a_id, five_a_pupils = five_a.id, [p.username for p in five_a.pupils]
    dry = kodefag("roster", "new-year", "--school", "Demo Skole", "--dry-run", "--json")
    plan = json.loads(dry.output)
    assert {"from": "8.A", "to": "9.A", "pupils": 4} in plan["moved"] and plan["left"] == 1
    with session_scope(kodefag.url) as session:
        assert session.get(SchoolClass, five_a_id).name == "5.A"  # a dry run changes nothing
    result = kodefag("roster", "new-year", "--school", "Demo Skole")
    assert result.exit_code == 0 and "1 elev går ud af skolen" in result.output
    with session_scope(kodefag.url) as session:
        moved = session.get(SchoolClass, five_a_id)
        assert (moved.name, moved.grade, moved.slug) == ("6.A", 6, "5a")  # same cohort, hub group, history
        assert [p.username for p in moved.pupils] == five_a_pupils
        names = {c.name for c in session.scalars(select(SchoolClass).where(SchoolClass.ended_at.is_(None)))}
        assert names == {"4.A", "6.A", "6.B", "9.A"}
        nina = find_user(session, "ni000001")
        assert nina.left_at is not None and nina.role is Role.pupil
        assert [c.name for c in find_user(session, "otte0002").pupil_of] == ["9.A"]
        assert {c.name for c in find_user(session, "laerer5a").teacher_of} == {"6.A", "4.A"}
