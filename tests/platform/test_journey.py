"""The foundation's journey with the real hub: pupil -> exchange -> worker -> teacher.

A pupil logs in, their server spawns, the pupil's own server (hub/pupil_server.py, what
the Lab extension calls) opens the activity through the portal, the pupil answers, runs
Tjek and hands in; a grading worker grades it; the teacher's class page shows the score.
"""
import json
import time

import nbformat
import pytest

from kodefag.hub.origins import user_origin
from kodefag.settings import REPO_ROOT
from tests.kernelclient import KernelClient

pytestmark = pytest.mark.hub
ACTIVITY = "g5-lister-og-loekker"
PUPIL = "elev5a01"


def solved_notebook(source_path) -> dict:
    """The released notebook with the reference solution pasted into the answer cells."""
    source = nbformat.read(source_path, as_version=4)
    solutions = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    return solutions


def fill_in(notebook: dict, solutions: dict) -> dict:
    for cell in notebook["cells"]:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            text = solutions[grade_id]
            text = "\n".join(line for line in text.splitlines() if "### BEGIN SOLUTION" not in line
                             and "### END SOLUTION" not in line)
            cell["source"] = text if cell["cell_type"] == "code" else "En løkke gør det samme for hvert tal."
    return notebook


def wait_for(predicate, timeout=120, interval=1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError("condition not met in time")


def test_health_endpoints(hub):
    assert hub.api("admin", "GET", "/hub/health").status_code == 200
    import requests
    assert requests.get(hub.url("/hub/health")).status_code == 200
    response = requests.get(hub.url("/services/portal/healthz"))
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_the_proxy_passes_on_jupyterlabs_kernel_protocol(hub, demo_platform):
    """JupyterLab offers its kernel websocket protocol; a proxy that drops the server's choice fails the
    browser's handshake, Lab reconnects, and the reply to a pupil's first run was lost at times
    (hub/origins.py)."""
    settings, protocol = demo_platform.settings, "v1.kernel.websocket.jupyter.org"
    hub.start_server(PUPIL)
    with KernelClient(settings.public_base_url, user_origin(settings, PUPIL), PUPIL, hub.token(PUPIL),
                      protocols=[protocol]) as kernel:
        assert kernel.socket.getsubprotocol() == protocol


def test_wrong_password_is_refused_in_danish(hub):
    session = hub.try_login(PUPIL, "forkert")
    assert "jupyterhub-hub-login" not in session.cookies.get_dict()
    assert "Forkert brugernavn eller adgangskode" in session.last_response.text
    unknown = hub.try_login("findesikke", "demo")
    assert "Forkert brugernavn eller adgangskode" in unknown.last_response.text


def test_login_sets_class_groups_and_roles(hub):
    hub.login(PUPIL)
    model = hub.api("admin", "GET", f"/hub/api/users/{PUPIL}").json()
    assert model["groups"] == ["klasse-5a"]
    assert model["roles"] == ["elev"]
    hub.login("laerer5a")
    teacher = hub.api("admin", "GET", "/hub/api/users/laerer5a").json()
    assert teacher["roles"] == ["laerer-laerer5a"]
    assert hub.api("admin", "GET", "/hub/api/users/admin").json()["admin"] is True


def test_pupil_journey_from_fetch_to_teacher_score(hub, demo_platform):
    hub.start_server(PUPIL)
    base = f"/user/{PUPIL}"
    listing = hub.api(PUPIL, "GET", f"{base}/kodefag/aktiviteter").json()["aktiviteter"]
    activity = next(a for a in listing if a["activity_id"] == ACTIVITY)
    path = f"{ACTIVITY}/{ACTIVITY}.ipynb"
    opened = hub.api(PUPIL, "POST", f"{base}/kodefag/aabn", json={"id": activity["id"]}).json()
    assert opened["aabn"] == [path], opened
    content = hub.api(PUPIL, "GET", f"{base}/api/contents/{path}").json()["content"]
    assert "raise NotImplementedError()" in json.dumps(content)  # the released version, not the source
    assert "BEGIN HIDDEN TESTS" not in json.dumps(content)

    solutions = solved_notebook(REPO_ROOT / "notebooks" / ACTIVITY / f"{ACTIVITY}.ipynb")
    answered = fill_in(content, solutions)
    saved = hub.api(PUPIL, "PUT", f"{base}/api/contents/{path}", json={"type": "notebook", "content": answered})
    assert saved.status_code == 200, saved.text

    checked = hub.api(PUPIL, "POST", f"{base}/kodefag/tjek", json={"path": path}).json()
    assert checked["opsummering"] == "Flot! Alle opgaverne er rigtige.", checked

    handed_in = hub.api(PUPIL, "POST", f"{base}/kodefag/aflever", json={"path": path}).json()
    assert handed_in["besked"].startswith("Afleveret "), handed_in

    def graded():
        assignments = hub.api(PUPIL, "GET", "/services/portal/api/exchange/assignments").json()["assignments"]
        submissions = [a for a in assignments if a["assignment_id"] == ACTIVITY][0]["submissions"]
        return submissions and submissions[-1]["status"] in ("graded", "needs_manual") and submissions[-1]
    result = wait_for(graded, timeout=180)
    assert result["score"] == 4.0 and result["max_score"] == 6.0  # 4 auto points; 2 wait for the teacher
    assert result["status"] == "needs_manual"

    page = hub.api("laerer5a", "GET", "/services/portal/klasse/5a")
    assert page.status_code == 200
    assert f'data-pupil="{PUPIL}" data-activity="{ACTIVITY}"' in page.text
    cell = page.text.split(f'data-pupil="{PUPIL}" data-activity="{ACTIVITY}"')[1].split("</td>")[0]
    assert "Mangler rettelse" in cell and "4/6" in cell


def test_teacher_opens_own_pupils_servers_only(hub):
    hub.start_server(PUPIL)
    hub.start_server("elev5b01")
    teacher = hub.login("laerer5a")
    own = hub.open_server(teacher, PUPIL)
    assert own.status_code == 200 and own.url.endswith(f"/user/{PUPIL}/api/status"), own.text[:300]
    assert "kernels" in own.json()
    other = hub.open_server(teacher, "elev5b01")
    assert other.status_code in (403, 404), (other.status_code, other.url)
    assert hub.api("laerer5a", "GET", "/services/portal/klasse/5b").status_code == 403
    assert hub.api("laerer5b", "GET", "/services/portal/klasse/5b").status_code == 200
    pupil_on_other = hub.open_server(hub.login(PUPIL), "elev5b01")
    assert pupil_on_other.status_code in (403, 404)
