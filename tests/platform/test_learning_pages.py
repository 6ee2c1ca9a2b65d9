"""Learning records through the real hub: a teacher ticks signs of learning, judges levels per goal
and prints a kopiark; the pupil sees the own goals; others are refused; the pages pass axe."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from markupsafe import escape

from kodefag.curriculum.loader import load_curriculum

pytestmark = pytest.mark.hub
PORTAL = "/services/portal"
ACTIVITY = "g3-dansealgoritmer"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def released(hub):
    response = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/3a/frigiv", data={"activity_id": ACTIVITY},
                       allow_redirects=False)
    assert response.status_code == 302
    return load_curriculum().activity(ACTIVITY)


def test_teacher_ticks_signs_of_learning(hub, released):
    first, second = list(released.signs)[:2]
    page = hub.api("laerer5a", "GET", f"{PORTAL}/klasse/3a/aktivitet/{ACTIVITY}/tegn")
    assert page.status_code == 200
    for text in released.signs.values():
        assert str(escape(text)) in page.text
    saved = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/3a/aktivitet/{ACTIVITY}/tegn",
                    data={"tegn": [f"elev3a01:{first}", f"elev3a01:{second}", f"elev3a02:{first}"]},
                    allow_redirects=False)
    assert saved.status_code == 302
    page = hub.api("laerer5a", "GET", f"{PORTAL}/klasse/3a/aktivitet/{ACTIVITY}/tegn").text
    assert len(re.findall(r'value="elev3a0\d:[a-z0-9-]+"\s+aria-label="[^"]*" checked', page)) == 3
    refused = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/3a/aktivitet/{ACTIVITY}/tegn",
                      data={"tegn": ["elev5a01:" + first]}, allow_redirects=False)
    assert refused.status_code == 400 and "hører til aktiviteten eller klassen" in refused.text


def test_teacher_judges_a_goal_and_the_pupil_sees_it(hub, released):
    goal_id = released.goals[0]
    goal = load_curriculum().goal(goal_id)
    page = hub.api("laerer5a", "GET", f"{PORTAL}/klasse/3a/elev/elev3a01/maal")
    assert page.status_code == 200
    assert str(escape(goal.text)) in page.text and "Digital myndiggørelse" in page.text
    saved = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/3a/elev/elev3a01/maal",
                    data={f"niveau-{goal_id}": "3"}, allow_redirects=False)
    assert saved.status_code == 302
    page = hub.api("laerer5a", "GET", f"{PORTAL}/klasse/3a/elev/elev3a01/maal").text
    assert re.search(rf'value="3" checked> 3: {re.escape(str(escape(goal.levels[2])))}', page)
    own = hub.api("elev3a01", "GET", f"{PORTAL}/mine-maal")
    assert own.status_code == 200 and "Din lærer siger: " + str(escape(goal.levels[2])) in own.text


def test_print_link_serves_the_kopiark(hub, released):
    response = hub.api("laerer5a", "GET", f"{PORTAL}/klasse/3a/aktivitet/{ACTIVITY}/kopiark.pdf")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert hub.api("laerer5a", "GET", f"{PORTAL}/klasse/3a/aktivitet/mb-navneskilt/kopiark.pdf").status_code == 404


def test_others_are_refused(hub, released):
    assert hub.api("laerer5b", "GET", f"{PORTAL}/klasse/3a/aktivitet/{ACTIVITY}/tegn").status_code == 403
    assert hub.api("laerer5b", "GET", f"{PORTAL}/klasse/3a/elev/elev3a01/maal").status_code == 403
    assert hub.api("elev3a01", "GET", f"{PORTAL}/klasse/3a/elev/elev3a01/maal").status_code == 403
    assert hub.api("leder", "GET", f"{PORTAL}/klasse/3a/elev/elev3a01/maal").status_code == 403
    assert hub.api("laerer5a", "GET", f"{PORTAL}/klasse/3a/elev/elev5a01/maal").status_code == 404
    assert hub.api("laerer5a", "GET", f"{PORTAL}/mine-maal").status_code == 403


@pytest.mark.browser
def test_learning_pages_have_no_wcag_violations(browser, hub, released):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.goto(hub.url("/hub/login"))
    page.fill("#username_input", "laerer5a")
    page.fill("#password_input", "demo")
    page.click("#login_submit")
    page.wait_for_url(re.compile(r".*/services/portal/.*"))
    for path in (f"{PORTAL}/klasse/3a/aktivitet/{ACTIVITY}/tegn", f"{PORTAL}/klasse/3a/elev/elev3a01/maal"):
        page.goto(hub.url(path))
        page.wait_for_selector("h1")
        results = Axe().run(page, options=WCAG)
        assert [f"{v['id']}: {v['help']}" for v in results.response["violations"]] == [], path
    context.close()
