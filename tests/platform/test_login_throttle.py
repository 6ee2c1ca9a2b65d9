"""The login throttle and logout through the real hub, portal and browser."""
import html

import pytest
from sqlalchemy import delete

from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import LoginFailure, Role, SchoolClass, User
from kodefag.teacher_portal.roster import find_user, hash_password

pytestmark = pytest.mark.hub
PORTAL = "/services/portal"
#: a pupil of 5.B only this module uses, so locking it disturbs no other test
PUPIL, PASSWORD = "elevlaas01", "hemmelig-1"


@pytest.fixture
def own_pupil(demo_platform):
    url = demo_platform.settings.database_url
    with session_scope(url) as session:
        if find_user(session, PUPIL) is None:
            school_class = session.query(SchoolClass).filter_by(slug="5b").one()
            pupil = User(username=PUPIL, display_name="Lis Låsesen", role=Role.pupil, school=school_class.school,
                         password_hash=hash_password(PASSWORD))
            school_class.pupils.append(pupil)
    yield PUPIL
    with session_scope(url) as session:  # never leave the shared platform's address counting failures
        session.execute(delete(LoginFailure).where(LoginFailure.username == PUPIL))


def test_fifty_wrong_passwords_lock_the_pupil_out_until_the_teacher_unlocks(hub, own_pupil, browser):
    codes = [hub.try_login(PUPIL, f"gæt{n}").last_response.status_code for n in range(50)]
    assert codes[:5] == [403] * 5 and set(codes[5:]) == {429}

    refused = hub.try_login(PUPIL, PASSWORD).last_response
    assert refused.status_code == 429
    # JupyterHub's error path sends text/html without a charset; the page's <meta charset> says UTF-8
    message = html.unescape(refused.content.decode("utf-8"))
    assert "Spørg din lærer" in message and "låst" in message
    assert "jupyterhub-hub-login" not in hub.try_login(PUPIL, PASSWORD).cookies.get_dict()

    page = browser.new_page(locale="da-DK")
    try:
        page.goto(hub.url("/hub/login"))
        page.fill("#username_input", "laerer5b")
        page.fill("#password_input", "demo")
        page.click("#login_submit")
        page.wait_for_url("**/services/portal/**")
        page.click("text=Låste konti")
        row = page.locator("tr", has_text="Lis Låsesen")
        assert "5.B" in row.inner_text()
        row.get_by_role("button", name="Lås op for Lis Låsesen").click()
        page.wait_for_selector("text=Lis Låsesen kan logge ind igen.")
        assert page.locator("tr", has_text="Lis Låsesen").count() == 0
    finally:
        page.close()
    hub.login(PUPIL, PASSWORD)  # raises if refused


def test_another_teacher_cannot_unlock_a_pupil_outside_their_classes(hub, own_pupil):
    for n in range(5):
        hub.try_login(PUPIL, f"gæt{n}")
    assert PUPIL not in hub.api("laerer5a", "GET", f"{PORTAL}/laaste-konti").text
    refused = hub.api("laerer5a", "POST", f"{PORTAL}/laaste-konti/laas-op", data={"username": PUPIL},
                      allow_redirects=False)
    assert refused.status_code == 403
    assert hub.try_login(PUPIL, PASSWORD).last_response.status_code == 429


def test_portal_session_ends_with_the_hub_logout(hub):
    session = hub.login("laerer5a")
    page = session.get(hub.url(f"{PORTAL}/"))
    assert page.url.endswith(f"{PORTAL}/") and "Overblik" in page.text
    session.get(hub.url("/hub/logout"))
    again = session.get(hub.url(f"{PORTAL}/"))
    assert "/hub/login" in again.url and "Overblik" not in again.text


def test_the_portals_log_out_ends_both_sessions(hub):
    session = hub.login("laerer5a")
    assert "Overblik" in session.get(hub.url(f"{PORTAL}/")).text
    logged_out = session.get(hub.url(f"{PORTAL}/log-ud"))
    assert "/hub/login" in logged_out.url
    assert "kodefag-portal" not in {c.name for c in session.cookies if c.value}
    assert "/hub/login" in session.get(hub.url(f"{PORTAL}/")).url
    assert "/hub/login" in session.get(hub.url("/hub/home")).url
