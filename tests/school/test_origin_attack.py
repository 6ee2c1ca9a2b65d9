"""The origin attack, end to end in Chromium, on the school tier.

Pupil A makes a trusted notebook whose output carries a script and sets their
workspace to open it. The teacher opens A's server live from A's page in the
portal (in a frame under the banner), `admin` directly; staff see no authorize
page (hub/staff_access.py). The script runs in their browser, on A's origin, and tries what the security probe did on the shared origin: mint a hub
API token for the visitor, read the hub's API and the portal as them. Every
attempt must fail, and the hub must hold no new token afterwards. The script
also reads A's own server as the visitor (allowed), proving that it did run.
"""
import json
import re

import nbformat
import pytest
import requests

from kodefag.hub.origins import user_origin
from tests.kernelclient import KernelClient

from .conftest import PUPIL_A

pytestmark = [pytest.mark.hub, pytest.mark.browser]
NOTEBOOK = "angreb.ipynb"

SCRIPT = """
(async () => {
  const hub = "%(hub)s", results = {};
  async function attempt(name, url, options) {
    try {
      const response = await fetch(url, Object.assign({credentials: "include"}, options || {}));
      results[name] = response.type === "opaque" ? "opaque" : "status " + response.status;
    } catch (error) { results[name] = "blocked"; }
  }
  const token = (user) => ({method: "POST", headers: {"Content-Type": "application/json"},
                             body: JSON.stringify({expires_in: 864000, note: "angreb"})});
  for (const user of ["laerer5a", "admin"]) {
    await attempt("hub token " + user, hub + "/hub/api/users/" + user + "/tokens", token(user));
    await attempt("hub token no-cors " + user, hub + "/hub/api/users/" + user + "/tokens",
                  {method: "POST", mode: "no-cors", body: JSON.stringify({note: "angreb"})});
    await attempt("own origin hub token " + user, "/hub/api/users/" + user + "/tokens", token(user));
  }
  await attempt("hub user", hub + "/hub/api/user");
  await attempt("own origin hub user", "/hub/api/user");
  await attempt("portal", hub + "/services/portal/");
  await attempt("own origin portal", "/services/portal/");
  // the server's own xsrf cookie (readable by scripts on this origin) lets the script use A's server as the visitor
  const xsrf = (document.cookie.match(/(?:^|; )_xsrf=([^;]*)/) || [])[1] || "";
  await attempt("own server as visitor", "/user/%(pupil)s/api/status", {headers: {"X-XSRFToken": xsrf}});
  document.body.setAttribute("data-angreb", JSON.stringify(results));
})();
"""


def hostile_notebook(hub_url: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print('mit spil')")
    html = f"<b>Se mit spil!</b><script>{SCRIPT % {'hub': hub_url, 'pupil': PUPIL_A}}</script>"
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})]
    notebook.cells = [cell]
    return notebook


@pytest.fixture(scope="module")
def trap(pupils_running):
    """A's trusted notebook with the script, opened by A's workspace."""
    settings, hub = pupils_running.settings, pupils_running.client
    origin = user_origin(settings, PUPIL_A)
    headers = {"Authorization": f"token {hub.token(PUPIL_A)}", "Host": origin.split("://", 1)[1]}
    base = f"http://127.0.0.1:{settings.hub_port}/user/{PUPIL_A}"
    content = json.loads(nbformat.writes(hostile_notebook(settings.public_base_url)))
    response = requests.put(f"{base}/api/contents/{NOTEBOOK}", headers=headers, timeout=60,
                            json={"type": "notebook", "format": "json", "content": content})
    assert response.status_code in (200, 201), response.text
    with KernelClient(settings.public_base_url, origin, PUPIL_A, hub.token(PUPIL_A)) as kernel:
        trusted = kernel.run("import subprocess\n"
                             f"print(subprocess.run(['jupyter', 'trust', {NOTEBOOK!r}], capture_output=True).returncode)")
        assert trusted["stdout"].strip() == "0", trusted
    workspace = {"data": {"layout-restorer:data": {"main": {"dock": {"type": "tab-area", "currentIndex": 0,
                                                                     "widgets": [f"notebook:{NOTEBOOK}"]},
                                                            "current": f"notebook:{NOTEBOOK}"}},
                          f"notebook:{NOTEBOOK}": {"data": {"path": NOTEBOOK, "factory": "Notebook"}}},
                 "metadata": {"id": "default"}}
    response = requests.put(f"{base}/lab/api/workspaces/default", headers=headers, json=workspace, timeout=60)
    assert response.status_code in (200, 204), response.text
    return origin


def tokens_of(hub, username: str) -> dict[str, dict]:
    response = hub.api("admin", "GET", f"/hub/api/users/{username}/tokens")
    response.raise_for_status()
    return {token["id"]: token for token in response.json()["api_tokens"]}


def minted_since(hub, before: dict) -> list[dict]:
    """API tokens (not the OAuth logins a visit makes) that appeared since ``before``."""
    new = []
    for user, tokens in before.items():
        new += [token for key, token in tokens_of(hub, user).items()
                if key not in tokens and token["oauth_client"] == "JupyterHub"]
    return new


@pytest.mark.parametrize("visitor", ["laerer5a", "admin"])
def test_a_pupils_script_cannot_act_as_the_staff_member_who_opens_it(browser, pupils_running, trap, visitor, tmp_path):
    hub = pupils_running.client
    for user in ("laerer5a", "admin"):
        hub.token(user)  # both exist in the hub, with a token of their own the probe may not copy
    before = {user: tokens_of(hub, user) for user in ("laerer5a", "admin")}
    context = browser.new_context(viewport={"width": 1300, "height": 850}, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        page.goto(hub.url("/hub/login"))
        page.fill("#username_input", visitor)
        page.fill("#password_input", "demo")
        page.click("#login_submit")
        page.wait_for_url(re.compile(r".*/services/portal/.*"))
        if visitor == "laerer5a":  # the teacher's way in: the pupil's page, "Åbn elevens Jupyter live"
            page.goto(hub.url(f"/services/portal/klasse/5a/elev/{PUPIL_A}"))
            page.click("text=Åbn elevens Jupyter live")
            lab = page.frame_locator("iframe.live-frame")  # no authorize page for staff: straight into the Lab
            lab.locator("[data-angreb]").wait_for(state="attached")
            frame = next(f for f in page.frames if f.url.startswith(f"{trap}/user/{PUPIL_A}/lab"))
        else:  # admin goes straight to the pupil's Lab
            page.goto(hub.url(f"/user/{PUPIL_A}/lab"))
            page.wait_for_url(re.compile(rf"^{re.escape(trap)}/user/{PUPIL_A}/lab.*"))
            frame = page.main_frame
        frame.wait_for_selector("[data-angreb]", state="attached")
        results = json.loads(frame.get_attribute("[data-angreb]", "data-angreb"))
        cookies = context.cookies()
    finally:
        page.screenshot(path=str(tmp_path / "besoeg.png"))  # what the visitor saw, for a failing run
        context.close()
    # every cookie of the hub, the portal and the pupil's server is Secure on the school tier
    assert {cookie["name"] for cookie in cookies if not cookie["secure"]} == set()
    assert any(cookie["name"] == "kodefag-portal" for cookie in cookies)
    assert results.pop("own server as visitor") == "status 200", results  # the script ran, as the visitor
    for attempt, outcome in results.items():
        assert outcome in ("blocked", "opaque") or outcome.startswith("status 4"), (attempt, outcome)
    assert results["hub token laerer5a"] == results["hub user"] == results["portal"] == "blocked"
    assert minted_since(hub, before) == []
    # the control: a token the visitor really mints is seen
    hub.api(visitor, "POST", f"/hub/api/users/{visitor}/tokens", json={"note": "kontrol"}).raise_for_status()
    assert [token["note"] for token in minted_since(hub, before)] == ["kontrol"]
