"""The youngest pupils' logins through the real hub, portal and Chromium (issue 10).

A class of its own (3.Z at its own school, teacher ``laererkort``, pupils without
passwords) keeps these logins, locks and symbols away from the demo classes.
"""
import html
import re

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import delete, or_, select

from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.login_cards import card_url, issue_cards
from kodefag.teacher_portal.login_pictures import CODE_PICTURES
from kodefag.teacher_portal.login_throttle import ACCOUNT_LOCKED
from kodefag.teacher_portal.models import LoginFailure, Role, School, SchoolClass, User
from kodefag.teacher_portal.roster import hash_password
from tests.pdfqr import qr_texts

pytestmark = [pytest.mark.hub, pytest.mark.browser]
PORTAL = "/services/portal"
SLUG, TEACHER = "3z", "laererkort"
PUPILS = {"elevkort01": "Asta Andersen", "elevkort02": "Bo Berg", "elevkort03": "Cille Cortsen"}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WORDS = {word: name for name, (word, _svg) in CODE_PICTURES.items()}


@pytest.fixture(scope="module")
def young_class(demo_platform):
    url = demo_platform.settings.database_url
    with session_scope(url) as session:
        if session.scalar(select(SchoolClass).where(SchoolClass.slug == SLUG)) is None:
            school = School(name="Kortskolen")
            school_class = SchoolClass(name="3.Z", slug=SLUG, grade=3, school=school)
            school_class.teachers.append(User(username=TEACHER, display_name="Karin Kort", role=Role.teacher,
                                              school=school, password_hash=hash_password("demo")))
            for username, name in PUPILS.items():  # no passwords: cards and pictures only
                school_class.pupils.append(User(username=username, display_name=name, role=Role.pupil, school=school))
            session.add(school_class)
    yield url
    with session_scope(url) as session:  # never leave the shared platform's address counting failures
        session.execute(delete(LoginFailure).where(or_(LoginFailure.username.in_(list(PUPILS)),
                                                       LoginFailure.username.like("kort:%"))))


def serious(page) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def teacher_page(browser, hub):
    context = browser.new_context(locale="da-DK", accept_downloads=True)
    page = context.new_page()
    page.goto(hub.url("/hub/login"))
    page.fill("#username_input", TEACHER)
    page.fill("#password_input", "demo")
    page.click("#login_submit")
    page.wait_for_url(re.compile(r".*/services/portal/.*"))
    return context, page


def download_cards(page, button_name: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name=button_name).click()
    return open(download.value.path(), "rb").read()


def test_a_printed_card_logs_its_pupil_in_and_a_reprinted_one_fails(browser, hub, young_class):
    context, teacher = teacher_page(browser, hub)
    teacher.goto(hub.url(f"{PORTAL}/klasse/{SLUG}"))
    urls = qr_texts(download_cards(teacher, "Print login-kort (PDF)"))[0]
    assert len(urls) == 3 and all(u.startswith(hub.url("/hub/kort?key=")) for u in urls)

    tablet = browser.new_context(locale="da-DK")  # a fresh browser: no session, no password
    pupil = tablet.new_page()
    pupil.goto(urls[0])
    pupil.wait_for_url(re.compile(r".*/services/portal/$"))
    assert "Asta Andersen" in pupil.locator("header").inner_text()
    # the next pupil on the same tablet: Asta's sessions end, Bo is logged in everywhere
    pupil.goto(urls[1])
    pupil.wait_for_url(re.compile(r".*/services/portal/$"))
    header = pupil.locator("header").inner_text()
    assert "Bo Berg" in header and "Asta" not in header

    teacher.goto(hub.url(f"{PORTAL}/klasse/{SLUG}/login"))
    assert serious(teacher) == []
    new = qr_texts(download_cards(teacher, "Nyt kort til Asta Andersen"))[0]
    assert len(new) == 1 and new[0] != urls[0]
    stranger = browser.new_context(locale="da-DK").new_page()
    response = stranger.goto(urls[0])
    assert response.status == 403
    assert "Det kort virker ikke" in stranger.locator(".login_error").inner_text()
    assert "jupyterhub-hub-login" not in {cookie["name"] for cookie in stranger.context.cookies()}
    stranger.context.close()
    tablet.close()
    context.close()


def test_a_card_link_on_another_site_logs_nobody_in(hub, young_class):
    with session_scope(young_class) as session:
        token = issue_cards(session, [session.scalar(select(User).where(User.username == "elevkort03"))],
                            TEACHER)["elevkort03"]
    url = card_url(hub.base_url, token)
    linked = requests.get(url, headers={"Sec-Fetch-Site": "cross-site"}, allow_redirects=False)
    assert linked.status_code == 403 and "kameraet igen" in linked.content.decode("utf-8")
    assert "jupyterhub-hub-login" not in linked.cookies.get_dict()
    scanned = requests.get(url, headers={"Sec-Fetch-Site": "none"}, allow_redirects=False)
    assert scanned.status_code == 302 and "jupyterhub-hub-login" in scanned.cookies.get_dict()


def _new_code(hub, username: str) -> list[str]:
    """The teacher makes a new picture code (through the portal page); returns its Danish words."""
    page = hub.api(TEACHER, "POST", f"{PORTAL}/klasse/{SLUG}/billedkode", data={"pupil": username})
    assert page.status_code == 200
    section = page.text.split('id="nye-koder"', 1)[1]
    return [html.unescape(word) for word in re.findall(r"\d\. ([^<]+)</span>", section)]


def test_picture_login_with_right_and_wrong_pictures(browser, hub, young_class):
    code = _new_code(hub, "elevkort02")
    assert len(code) == 3 and all(word in WORDS for word in code)
    wrong = [w for w in WORDS if w != code[0]][:1] * 3

    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.goto(hub.url("/hub/login"))
    page.get_by_role("link", name="Log ind med billeder").click()
    assert serious(page) == []
    page.get_by_role("link", name=re.compile(r"3\.Z")).click()
    assert serious(page) == []
    page.get_by_role("link", name=re.compile(r"^Bo B\.")).click()
    for word in wrong:
        page.get_by_role("button", name=word, exact=True).click()
    assert page.get_by_role("alert").inner_text() == "Det var ikke de rigtige billeder. Prøv igen!"
    assert serious(page) == []
    for word in code:
        page.get_by_role("button", name=word, exact=True).click()
    page.wait_for_url(re.compile(r".*/services/portal/$"))
    assert "Bo Berg" in page.locator("header").inner_text()
    context.close()


def test_wrong_picture_codes_lock_the_pupil_with_a_kind_message(hub, young_class):
    code = [WORDS[w] for w in _new_code(hub, "elevkort03")]
    wrong = ["sol", "sol", "sol"] if code != ["sol", "sol", "sol"] else ["hus", "hus", "hus"]
    session = requests.Session()
    path = hub.url(f"/hub/billeder/{SLUG}/elevkort03")

    def attempt(pictures: list[str]) -> requests.Response:
        form = session.get(path).text
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)
        return session.post(path, allow_redirects=False, data={
            "_xsrf": xsrf, "valgt": "-".join(pictures[:2]), "billede": pictures[2]})

    assert [attempt(wrong).status_code for _ in range(5)] == [403] * 5
    locked = attempt(code)
    assert locked.status_code == 429
    # JupyterHub's pages carry no charset header; the page's <meta charset> says UTF-8
    assert ACCOUNT_LOCKED in html.unescape(locked.content.decode("utf-8"))
    assert "jupyterhub-hub-login" not in session.cookies.get_dict()
    with session_scope(young_class) as db:  # the teacher unlocks (the portal's Låste konti); then it works
        db.execute(delete(LoginFailure).where(LoginFailure.username == "elevkort03"))
    assert attempt(code).status_code == 302 and "jupyterhub-hub-login" in session.cookies.get_dict()


def test_read_aloud_on_the_pupils_micro_bit_lesson(browser, hub, young_class):
    released = hub.api(TEACHER, "POST", f"{PORTAL}/klasse/{SLUG}/frigiv", data={"activity_id": "mb-navneskilt"},
                       allow_redirects=False)
    assert released.status_code == 302
    with session_scope(young_class) as session:
        token = issue_cards(session, [session.scalar(select(User).where(User.username == "elevkort01"))],
                            TEACHER)["elevkort01"]
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.goto(card_url(hub.base_url, token))
    page.wait_for_url(re.compile(r".*/services/portal/$"))
    page.get_by_role("link", name=re.compile("navneskilt", re.I)).first.click()
    button = page.get_by_role("button", name="Læs op")
    button.wait_for()
    sound = page.request.get(hub.url(button.get_attribute("data-lyd")))
    assert sound.status == 200 and sound.headers["content-type"] == "audio/wav"
    assert sound.body()[:4] == b"RIFF" and sound.body()[8:12] == b"WAVE" and len(sound.body()) > 50_000
    assert serious(page) == []
    page.goto(page.url.rstrip("/") + "/kode")  # the micro:bit editor shows the task too
    assert page.locator(".laes-op-knap").get_attribute("data-lyd") == button.get_attribute("data-lyd")
    context.close()
    # the teacher plays an activity without a computer to the class from its page
    assert hub.api(TEACHER, "POST", f"{PORTAL}/klasse/{SLUG}/frigiv", data={"activity_id": "g3-dansealgoritmer"},
                   allow_redirects=False).status_code == 302
    unplugged = hub.api(TEACHER, "GET", f"{PORTAL}/klasse/{SLUG}/aktivitet/g3-dansealgoritmer").text
    assert f'data-lyd="{PORTAL}/laes-op/g3-dansealgoritmer.wav"' in unplugged
