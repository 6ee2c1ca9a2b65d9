"""The school administrator's roster and privacy pages in Chromium, through the real hub.

They run twice: on the embedded default (SQLite) and with the portal's and the hub's
databases on PostgreSQL, as a municipality runs them. Everything happens in a school of its own (``Rostertest Skole`` with its own leader) on the
shared demo platform, so importing, marking as left and starting a new school year never
touch the demo school other tests use.
"""
import io
import json
import re
import zipfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import select

from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import AuditEntry, Role, School, SchoolClass, User
from kodefag.teacher_portal.roster import find_user, hash_password

pytestmark = [pytest.mark.hub, pytest.mark.browser]
SCHOOL, LEADER, PASSWORD = "Rostertest Skole", "lederroster", "leder-kode-1"
CSV = ("uniid;fornavn;efternavn;klasse;rolle\n"
       "rtelev01;Rosa;Ræv;4.R;elev\n"
       "rtelev02;Ib;=HYPERLINK(\"http://x\");4.R;elev\n"
       "rtelev03;Nina;Ni;9.R;elev\n"
       "rtlaer01;Tove;Lærer;\"4.R,9.R\";lærer\n").encode("cp1252")
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def serious_findings(page) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def platform(request):
    return request.getfixturevalue("demo_platform" if request.param == "sqlite" else "postgres_platform")


@pytest.fixture(scope="module")
def hub(platform):
    return platform.client


@pytest.fixture(scope="module")
def school(platform):
    with session_scope(platform.settings.database_url) as session:
        if session.scalar(select(School).where(School.name == SCHOOL)) is None:
            school = School(name=SCHOOL)
            session.add(User(username=LEADER, display_name="Rektor Rostertest", role=Role.leader, school=school,
                             password_hash=hash_password(PASSWORD)))
    return platform.settings


@pytest.fixture
def page(browser, hub, school):
    context = browser.new_context(locale="da-DK", accept_downloads=True)
    page = context.new_page()
    page.goto(hub.url("/hub/login"))
    page.fill("#username_input", LEADER)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(re.compile(r".*/services/portal/.*"))
    yield page
    context.close()


def test_import_preview_confirm_and_the_roster_pages(page, hub, school, tmp_path):
    page.click("text=Klasser og elever")
    page.click("text=Indlæs klasseliste (CSV)")
    upload = tmp_path / "klasseliste.csv"
    upload.write_bytes(CSV)
    page.set_input_files("input[type=file]", str(upload))
    page.click("text=Se hvad der sker")
    summary = page.locator("#import-summary").inner_text()
    assert "4 nye" in summary and "nye klasser: 4.R, 9.R" in summary
    assert page.locator("tr.preview-new", has_text="Rosa Ræv").count() == 1
    assert page.locator("td", has_text='Ib =HYPERLINK("http://x")').count() == 1  # text, not a link
    page.screenshot(path=str(tmp_path / "import-preview.png"), full_page=True)
    assert serious_findings(page) == []
    with session_scope(school.database_url) as session:
        assert find_user(session, "rtelev01") is None  # the preview changed nothing
    page.click("button:has-text('Indlæs')")
    page.wait_for_selector("text=Klasselisten er indlæst: 4 nye, 0 ændret, 0 meldt ud.")
    assert serious_findings(page) == []

    # a file with row errors: listed in Danish, nothing changes
    upload.write_bytes(CSV + b"rtelev04;Ole;O;4R;elev\n")
    page.click("text=Indlæs klasseliste (CSV)")
    page.set_input_files("input[type=file]", str(upload))
    page.click("text=Se hvad der sker")
    assert "Filen har fejl. Intet er ændret." in page.content()
    assert "skal skrives som fx 5.A eller 0.B" in page.locator("table").inner_text()
    # a file that cannot be used at all
    upload.write_bytes(b"")
    page.set_input_files("input[type=file]", str(upload))
    page.click("text=Se hvad der sker")
    assert page.locator("p[role=alert]").inner_text().startswith("Filen er tom.")

    # class page: a new password shown once, then the pupil logs in and is in the hub's group
    page.click("text=Klasser og elever")
    page.click("a:text-is('4.R')")
    page.click("button[aria-label='Ny adgangskode til Rosa Ræv']")
    password = page.locator("strong.password").inner_text()
    page.screenshot(path=str(tmp_path / "password.png"))
    hub.login("rtelev01", password)
    admin = hub.api("admin", "GET", "/hub/api/users/rtelev01").json()
    slug = _slug(school, "4.R")
    assert admin["groups"] == [f"klasse-{slug}"]

    # move Rosa to a new class: the hub's group follows at once
    page.click("text=Klasser og elever")
    page.fill("input[name=name]", "3.R")
    page.click("text=Opret klasse")
    page.wait_for_selector("text=Klassen 3.R er oprettet.")
    page.click("text=Klasser og elever")
    page.click("a:text-is('4.R')")
    row = page.locator("tr", has_text="Rosa Ræv")
    row.locator("select").select_option(label="3.R")
    row.get_by_role("button", name="Flyt Rosa Ræv").click()
    page.wait_for_selector("text=Rosa Ræv går nu i 3.R.")
    assert hub.api("admin", "GET", "/hub/api/users/rtelev01").json()["groups"] == [f"klasse-{_slug(school, '3.R')}"]

    # teachers: assign classes
    page.click("text=← Klasser og elever")
    page.click("text=Lærere")
    section = page.locator("section", has_text="Tove Lærer")
    section.get_by_label("3.R").check()
    section.get_by_label("9.R").uncheck()
    section.get_by_role("button", name="Gem klasser for Tove Lærer").click()
    page.wait_for_selector("text=Tove Lærer underviser nu 3.R, 4.R.")
    assert serious_findings(page) == []

    # mark a pupil as left (the browser's confirm dialog is accepted)
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("text=← Klasser og elever")
    page.click("a:text-is('4.R')")
    page.click("button[aria-label='Meld Ib =HYPERLINK(\"http://x\") ud']")
    page.wait_for_selector("text=er meldt ud og kan ikke længere logge ind.")

    # the new school year: preview, then confirm
    page.click("text=← Klasser og elever")
    page.click("text=Nyt skoleår")
    preview = page.locator("table").inner_text()
    assert "9.R\tGår ud af skolen" in preview and "3.R\t4.R" in preview
    assert serious_findings(page) == []
    page.screenshot(path=str(tmp_path / "new-year.png"), full_page=True)
    page.click("button:has-text('Start det nye skoleår')")
    page.wait_for_selector("text=Det nye skoleår er startet.")
    with session_scope(school.database_url) as session:
        rosa = find_user(session, "rtelev01")
        assert [c.name for c in rosa.pupil_of] == ["4.R"] and find_user(session, "rtelev03").left_at is not None
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.actor == LEADER)))
        assert {"roster.import", "password.reset", "class.create", "pupil.move", "teacher.assign", "user.left",
                "school.new_year", "roster.view"} <= actions


def test_privacy_pages_export_and_delete_a_pupil(page, hub, school, tmp_path):
    with session_scope(school.database_url) as session:
        if find_user(session, "rtslet01") is None:
            school_row = session.scalar(select(School).where(School.name == SCHOOL))
            school_class = SchoolClass(name="2.S", slug="2s-rostertest", grade=2, school=school_row)
            pupil = User(username="rtslet01", display_name="Sletmig Sørensen", role=Role.pupil, school=school_row,
                         password_hash=hash_password("slet-kode-1"))
            school_class.pupils.append(pupil)
            session.add(school_class)
    hub.login("rtslet01", "slet-kode-1")  # the hub knows the pupil now
    page.click("text=Klasser og elever")
    page.click("text=Persondata")
    assert serious_findings(page) == []
    with page.expect_download() as download:
        page.click("button[aria-label='Hent data om Sletmig Sørensen']")
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    assert json.loads(archive.read("data.json"))["bruger"]["display_name"] == "Sletmig Sørensen"

    page.click("a[aria-label='Slet Sletmig Sørensen']")
    page.fill("input[name=confirm]", "forkert")
    page.click("text=Slet for altid")
    assert page.locator("p[role=alert]").inner_text() == "Brugernavnet passer ikke. Intet er slettet."
    page.fill("input[name=confirm]", "rtslet01")
    page.click("text=Slet for altid")
    page.wait_for_selector("text=Sletmig Sørensen er slettet alle steder.")
    assert hub.api("admin", "GET", "/hub/api/users/rtslet01").status_code == 404
    with session_scope(school.database_url) as session:
        assert find_user(session, "rtslet01") is None
    if school.database_url.startswith("sqlite"):  # secure_delete + VACUUM: not even in the file's free pages
        assert b"Sletmig" not in (school.var_dir / "portal.sqlite").read_bytes()


def test_teachers_and_pupils_cannot_open_the_roster_pages(hub, school):
    for user in ("laerer5a", "elev5a01"):
        for path in ("/services/portal/skole/", "/services/portal/skole/persondata/", "/services/portal/skole/import"):
            assert hub.api(user, "GET", path).status_code == 403, (user, path)


def _slug(settings, name: str) -> str:
    with session_scope(settings.database_url) as session:
        school = session.scalar(select(School).where(School.name == SCHOOL))
        return session.scalar(select(SchoolClass.slug).where(SchoolClass.school_id == school.id,
                                                             SchoolClass.name == name,
                                                             SchoolClass.ended_at.is_(None)))
