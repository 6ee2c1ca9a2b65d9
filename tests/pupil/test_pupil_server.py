"""The pupil's own Jupyter server on the real hub: no terminals, the Danish-error kernel."""
import pytest

pytestmark = pytest.mark.hub
PUPIL = "elev5a02"


def test_no_terminals_and_the_pupils_kernel(hub):
    hub.start_server(PUPIL)
    base = f"/user/{PUPIL}"
    assert hub.api(PUPIL, "POST", f"{base}/api/terminals").status_code == 404
    assert hub.api(PUPIL, "GET", f"{base}/api/terminals").status_code == 404
    specs = hub.api(PUPIL, "GET", f"{base}/api/kernelspecs").json()
    assert specs["default"] == "python3"
    assert "--ext=kodefag.hub.kernel_errors" in specs["kernelspecs"]["python3"]["spec"]["argv"]


def test_hub_pages_are_danish(hub):
    session = hub.login(PUPIL)
    home = session.get(hub.url("/hub/home"))
    assert home.status_code == 200 and '<html lang="da">' in home.text
    assert "Velkommen til kodefag" in home.text and "Log ud" in home.text
    assert "Logout" not in home.text and "My Server" not in home.text
    missing = session.get(hub.url("/hub/findes-ikke"))
    assert missing.status_code == 404 and "Siden findes ikke" in missing.text
    assert "moons" not in missing.text
    # a teacher opening a pupil's Jupyter is asked in Danish first
    hub.start_server(PUPIL)
    teacher = hub.login("laerer5a")
    authorize = teacher.get(hub.url(f"/user/{PUPIL}/lab"))
    assert "/hub/api/oauth2/authorize" in authorize.url
    assert "Giv adgang" in authorize.text and "Authorize" not in authorize.text
