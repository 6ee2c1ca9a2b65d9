"""Unilogin end to end: a real OpenID Connect provider (npm oidc-provider, PKCE required,
S256 only) plays STIL's broker; a real hub configured for it; Chromium clicks through.

This module starts its own platform (the shared one uses password login only) and the
provider (tests/unilogin_idp, installed by `make install`).
"""
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests

from kodefag.hub.platform import Platform, prepare
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Role, SchoolClass, User
from kodefag.hub.unilogin import NOT_ON_ROSTER, WRONG_GROUP
from tests.conftest import TEARDOWN_SECONDS, assert_no_server_errors, platform_settings
from tests.hubclient import HubClient, free_port

pytestmark = [pytest.mark.hub, pytest.mark.browser]
IDP_DIR = Path(__file__).resolve().parents[1] / "unilogin_idp"
CLIENT_ID, CLIENT_SECRET = "kodefag-test", "test-hemmelighed"


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: process exited with {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def unilogin_platform(tmp_path_factory):
    if not (IDP_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("tests/unilogin_idp is not installed: run `make install`")
    var_dir = tmp_path_factory.mktemp("unilogin-var")
    idp_port = free_port()
    settings = platform_settings(var_dir, unilogin_issuer=f"http://127.0.0.1:{idp_port}",
                                 unilogin_client_id=CLIENT_ID, unilogin_client_secret=CLIENT_SECRET)
    idp = subprocess.Popen([shutil.which("node"), "provider.mjs", str(idp_port), f"{settings.hub_url}/hub/oauth_callback",
                            CLIENT_ID, CLIENT_SECRET], cwd=IDP_DIR, stdout=open(var_dir / "idp.log", "wb"),
                           stderr=subprocess.STDOUT)
    try:
        wait_for(f"{settings.unilogin_issuer}/.well-known/openid-configuration", idp)
        prepare(settings)
        with session_scope(settings.database_url) as session:
            five_a = session.query(SchoolClass).filter_by(slug="5a").one()
            pupil = User(username="unielev01", uniid="unielev01", display_name="Uni Elev", role=Role.pupil,
                         school=five_a.school)
            teacher = User(username="unilaer01", uniid="unilaer01", display_name="Uni Lærer", role=Role.teacher,
                           school=five_a.school)
            five_a.pupils.append(pupil)
            five_a.teachers.append(teacher)
        platform = Platform(settings, log_file=var_dir / "platform.log")
        platform.start()
        try:
            platform.wait_ready(timeout=180)
            platform.client = HubClient(settings.hub_url)
            yield platform
        finally:
            platform.stop(timeout=TEARDOWN_SECONDS)
        assert_no_server_errors(var_dir / "platform.log")
    finally:
        idp.terminate()
        idp.wait(10)


def unilogin(page, hub, login: str) -> None:
    """Click "Log ind med Unilogin" and sign in on the provider's own pages."""
    page.goto(hub.url("/hub/login"))
    page.click("text=Log ind med Unilogin")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "hvad-som-helst")
    page.click("button[type=submit]")
    if page.locator("button[type=submit]", has_text=re.compile("Continue", re.I)).count():
        page.click("button[type=submit]")  # the provider's consent page


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    yield context.new_page()
    context.close()


def test_a_teacher_logs_in_with_unilogin_and_sees_their_class(unilogin_platform, page):
    hub = unilogin_platform.client
    unilogin(page, hub, "m-unilaer01")
    page.wait_for_url(re.compile(r".*/services/portal/.*"))
    assert "Uni Lærer" in page.content() and "5.A" in page.content()
    model = hub.api("admin", "GET", "/hub/api/users/unilaer01").json()
    assert {role for role in model["roles"]} == {"laerer-unilaer01"}


def test_a_pupil_logs_in_with_unilogin_and_gets_the_class_group(unilogin_platform, page):
    hub = unilogin_platform.client
    unilogin(page, hub, "unielev01")
    page.wait_for_url(re.compile(r".*/hub/spawn.*|.*/user/unielev01/.*"))
    model = hub.api("admin", "GET", "/hub/api/users/unielev01").json()
    assert model["groups"] == ["klasse-5a"] and model["roles"] == ["elev"]


def test_a_uniid_not_on_the_roster_is_refused_in_danish(unilogin_platform, page):
    hub = unilogin_platform.client
    unilogin(page, hub, "ukendt42")
    page.wait_for_selector(f"text={NOT_ON_ROSTER[:40]}")
    assert hub.api("admin", "GET", "/hub/api/users/ukendt42").status_code == 404


def test_a_pupils_uniid_with_a_staff_claim_is_refused(unilogin_platform, page):
    hub = unilogin_platform.client
    unilogin(page, hub, "m-unielev01")
    page.wait_for_selector(f"text={WRONG_GROUP[:40]}")


def test_the_login_page_offers_unilogin_and_local_passwords_still_work(unilogin_platform, page):
    hub = unilogin_platform.client
    page.goto(hub.url("/hub/login"))
    assert page.locator("a#unilogin").inner_text() == "Log ind med Unilogin"
    hub.login("laerer5a")  # a local account with a password, through the same page's form
