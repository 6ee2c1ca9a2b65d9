"""The pupil's own Jupyter server on the real hub: no terminals, the Danish-error kernel."""
import io
import tarfile

import pytest

pytestmark = pytest.mark.hub
PUPIL = "elev5a02"
PORTAL = "/services/portal"
NOTEBOOK = "g5-lister-og-loekker"
GAME = "spil-labyrint"


def test_no_terminals_and_the_pupils_kernel(hub):
    hub.start_server(PUPIL)
    base = f"/user/{PUPIL}"
    assert hub.api(PUPIL, "POST", f"{base}/api/terminals").status_code == 404
    assert hub.api(PUPIL, "GET", f"{base}/api/terminals").status_code == 404
    specs = hub.api(PUPIL, "GET", f"{base}/api/kernelspecs").json()
    assert specs["default"] == "python3"
    assert "--ext=kodefag.hub.kernel_errors" in specs["kernelspecs"]["python3"]["spec"]["argv"]
    # started without the debugger, which pupils' Lab does not show (hub/pupil_kernel.py)
    assert "kodefag.hub.pupil_kernel" in specs["kernelspecs"]["python3"]["spec"]["argv"]


def test_hub_pages_are_danish(hub):
    session = hub.login(PUPIL)
    home = session.get(hub.url("/hub/home"))
    assert home.status_code == 200 and '<html lang="da">' in home.text
    assert "Velkommen til kodefag" in home.text and "Log ud" in home.text
    assert "Logout" not in home.text and "My Server" not in home.text
    missing = session.get(hub.url("/hub/findes-ikke"))
    assert missing.status_code == 404 and "Siden findes ikke" in missing.text
    assert "moons" not in missing.text
    # a teacher opening a pupil's Jupyter goes through the hub's OAuth without its authorize page
    # (hub/staff_access.py): the hub answers with a redirect, and the pupil's Lab opens
    hub.start_server(PUPIL)
    teacher = hub.login("laerer5a")
    lab = teacher.get(hub.url(f"/user/{PUPIL}/lab"))
    authorize = [r for r in lab.history if "/hub/api/oauth2/authorize" in r.url]
    assert authorize and all(r.status_code == 302 for r in authorize), [(r.url, r.status_code) for r in lab.history]
    assert lab.status_code == 200 and lab.url.startswith(hub.url(f"/user/{PUPIL}/lab"))
    assert "Giv adgang" not in lab.text and "Authorize" not in lab.text


def test_mine_aktiviteter_on_the_portal_and_as_json(hub):
    page = hub.api(PUPIL, "GET", f"{PORTAL}/")
    assert page.status_code == 200 and "<h1>Mine aktiviteter</h1>" in page.text
    assert "Lister og løkker" in page.text and "Notesbog" in page.text
    listing = hub.api(PUPIL, "GET", f"{PORTAL}/api/elev/aktiviteter").json()["aktiviteter"]
    notebook = next(a for a in listing if a["activity_id"] == NOTEBOOK)
    assert notebook["kind_label"] == "Notesbog" and notebook["course_id"] == "5a"
    assert notebook["status_label"] in ("Ikke startet", "I gang", "Afleveret", "Rettet", "Mangler rettelse")
    assert hub.api("laerer5a", "GET", f"{PORTAL}/api/elev/aktiviteter").status_code == 403


def test_a_released_game_arrives_complete_through_the_exchange(hub):
    released = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/5a/frigiv", data={"activity_id": GAME},
                       allow_redirects=False)
    assert released.status_code == 302
    download = hub.api(PUPIL, "GET", f"{PORTAL}/api/exchange/assignments/5a/{GAME}/download")
    assert download.status_code == 200
    with tarfile.open(fileobj=io.BytesIO(download.content), mode="r:gz") as archive:
        names = set(archive.getnames())
    assert {"starter.py", "README.md", "spil.ipynb", "images/mus.png", "sounds/jubel.wav"} <= names
    assert "solution.py" not in names and "checks.yaml" not in names
    page = hub.api(PUPIL, "GET", f"{PORTAL}/").text
    assert "Spilprojekt: Labyrint" in page


def server(hub, method, path, **kwargs):
    """The pupil's own server's kodefag API (what the JupyterLab extension calls)."""
    return hub.api(PUPIL, method, f"/user/{PUPIL}/kodefag/{path}", **kwargs)


def contents(hub, method, path, **kwargs):
    return hub.api(PUPIL, method, f"/user/{PUPIL}/api/contents/{path}", **kwargs)


def test_open_hand_in_break_and_start_over_a_notebook(hub):
    hub.start_server(PUPIL)
    listing = server(hub, "GET", "aktiviteter").json()["aktiviteter"]
    activity = next(a for a in listing if a["activity_id"] == NOTEBOOK)
    path = f"{NOTEBOOK}/{NOTEBOOK}.ipynb"
    opened = server(hub, "POST", "aabn", json={"id": activity["id"]}).json()
    assert opened == {"aabn": [path], "mappe": NOTEBOOK}

    # the pupil's work is never overwritten by a later open
    notebook = contents(hub, "GET", path).json()["content"]
    notebook["cells"][0]["source"] = "# Mit eget arbejde"
    assert contents(hub, "PUT", path, json={"type": "notebook", "content": notebook}).status_code == 200
    server(hub, "POST", "aabn", json={"id": activity["id"]})
    assert contents(hub, "GET", path).json()["content"]["cells"][0]["source"] == "# Mit eget arbejde"

    info = server(hub, "GET", "aktivitet", params={"path": path}).json()
    assert info["title"] == "Lister og løkker" and info["kind"] == "notebook"
    assert server(hub, "GET", "aktivitet", params={"path": "../etc/passwd"}).status_code == 404

    handed_in = server(hub, "POST", "aflever", json={"path": path}).json()
    assert handed_in["besked"].startswith("Afleveret ") and " kl. " in handed_in["besked"], handed_in
    again = server(hub, "POST", "aflever", json={"path": path}).json()  # handing in again is allowed
    assert again["besked"].startswith("Afleveret ")

    # a broken notebook is no dead end: a Danish reason, then a fresh copy with the old one kept
    broken = contents(hub, "PUT", path, json={"type": "file", "format": "text", "content": '{"cells": ['})
    assert broken.status_code in (200, 201), broken.text
    problem = server(hub, "POST", "aabn", json={"id": activity["id"]}).json()
    assert "gået i stykker" in problem["problem"] and "Start forfra" in problem["problem"]
    refused = server(hub, "POST", "aflever", json={"path": path})
    assert refused.status_code == 400 and "gået i stykker" in refused.json()["fejl"]
    fresh = server(hub, "POST", "forfra", json={"id": activity["id"]}).json()
    assert fresh["aabn"] == [path] and "Din gamle udgave ligger i mappen" in fresh["besked"]
    backup = contents(hub, "GET", f"{fresh['backup']}/{NOTEBOOK}.ipynb", params={"type": "file", "format": "text"})
    assert backup.json()["content"] == '{"cells": ['
    assert contents(hub, "GET", path).json()["type"] == "notebook"


def test_open_check_and_hand_in_a_game(hub):
    hub.start_server(PUPIL)
    assert hub.api("laerer5a", "POST", f"{PORTAL}/klasse/5a/frigiv", data={"activity_id": GAME},
                   allow_redirects=False).status_code == 302
    listing = server(hub, "GET", "aktiviteter").json()["aktiviteter"]
    activity = next(a for a in listing if a["activity_id"] == GAME)
    opened = server(hub, "POST", "aabn", json={"id": activity["id"]}).json()
    assert opened == {"aabn": [f"{GAME}/starter.py", f"{GAME}/spil.ipynb"], "mappe": GAME}
    folder = {item["name"] for item in contents(hub, "GET", GAME).json()["content"]}
    assert {"starter.py", "spil.ipynb", "README.md", "images", "sounds"} <= folder
    checked = server(hub, "POST", "tjek", json={"path": f"{GAME}/spil.ipynb"}).json()
    assert checked["opsummering"].startswith("Dit spil fik ") and checked["opgaver"]
    assert any(not e["passed"] and e["message"] for e in checked["opgaver"])  # the starter is not done yet
    handed_in = server(hub, "POST", "aflever", json={"path": f"{GAME}/spil.ipynb"}).json()
    assert handed_in["besked"].startswith("Afleveret "), handed_in
