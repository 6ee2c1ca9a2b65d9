"""Hardening of the portal with the real hub: only a token the hub accepts lifts CSRF."""
import pytest

pytestmark = pytest.mark.hub
PORTAL = "/services/portal"


def test_a_wrong_token_next_to_a_session_cookie_is_still_csrf_checked(hub):
    session = hub.login("laerer5a")
    assert session.get(hub.url(f"{PORTAL}/klasse/3a")).status_code == 200  # the portal session cookie
    forged = session.post(hub.url(f"{PORTAL}/klasse/3a/frigiv"), data={"activity_id": "x"},
                          headers={"Authorization": "token ikke-et-rigtigt-token"}, allow_redirects=False)
    assert forged.status_code == 400
    # a valid token is a program, not a browser: no CSRF token needed, the role check decides
    program = hub.api("laerer5b", "POST", f"{PORTAL}/klasse/3a/frigiv", data={"activity_id": "x"},
                      allow_redirects=False)
    assert program.status_code == 403
