"""The exchange API refuses bad hand-ins with a reason and stores nothing."""
import json
from pathlib import Path

import nbformat
import pytest
import requests

pytestmark = pytest.mark.hub
ACTIVITY = "g5-lister-og-loekker"
PUPIL = "elev5a02"
SUBMIT = f"/services/portal/api/exchange/assignments/5a/{ACTIVITY}/submissions"


def stored_submissions(demo_platform, pupil=PUPIL) -> list[Path]:
    folder = demo_platform.settings.var_dir / "submissions" / "5a" / ACTIVITY / pupil
    return sorted(folder.iterdir()) if folder.exists() else []


def released_notebook(hub) -> bytes:
    response = hub.api(PUPIL, "GET", f"/services/portal/api/exchange/assignments/5a/{ACTIVITY}/download")
    assert response.status_code == 200
    import io
    import tarfile
    with tarfile.open(fileobj=io.BytesIO(response.content)) as archive:
        return archive.extractfile(f"{ACTIVITY}.ipynb").read()


def post(hub, user, data: bytes, name=f"{ACTIVITY}.ipynb", form=None, path=SUBMIT):
    return hub.api(user, "POST", path, files=[("files", (name, data, "application/json"))], data=form or {})


@pytest.mark.parametrize("payload, reason", [
    (b"{not json", "ikke en gyldig notesbog"),
    (json.dumps({"cells": "nope"}).encode(), "ikke en gyldig notesbog"),
    (b"\xff\xfe\x00binary", "ikke en gyldig notesbog"),
    (b'{"cells": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "ikke en gyldig notesbog"),  # nested too deep
])
def test_malformed_notebook_is_refused_and_nothing_stored(hub, demo_platform, payload, reason):
    before = stored_submissions(demo_platform)
    response = post(hub, PUPIL, payload)
    assert response.status_code == 400
    assert reason in response.json()["error"]
    assert stored_submissions(demo_platform) == before


def test_oversized_notebook_is_refused(hub, demo_platform):
    notebook = nbformat.reads(released_notebook(hub).decode(), as_version=4)
    notebook.cells[0].source += "x" * (demo_platform.settings.max_notebook_bytes + 10)
    before = stored_submissions(demo_platform)
    response = post(hub, PUPIL, nbformat.writes(notebook).encode())
    assert response.status_code == 400  # read up to the limit and refused with the sizes, in Danish
    assert "fylder" in response.json()["error"] and "grænsen er" in response.json()["error"]
    assert stored_submissions(demo_platform) == before


def test_unknown_file_name_is_refused(hub, demo_platform):
    response = post(hub, PUPIL, released_notebook(hub), name="../../evil.ipynb")
    assert response.status_code == 400
    assert "hører ikke til opgaven" in response.json()["error"]


def test_pupil_cannot_submit_as_someone_else(hub, demo_platform):
    """Claiming another pupil's name is refused; the token decides who hands in."""
    victim_before = stored_submissions(demo_platform, "elev5a03")
    for field in ("student", "student_id", "user"):
        response = post(hub, PUPIL, released_notebook(hub), form={field: "elev5a03"})
        assert response.status_code == 403
        assert "som dig selv" in response.json()["error"]
    assert stored_submissions(demo_platform, "elev5a03") == victim_before


def test_pupil_cannot_use_another_class(hub):
    other_class = f"/services/portal/api/exchange/assignments/5b/{ACTIVITY}/submissions"
    response = post(hub, PUPIL, released_notebook(hub), path=other_class)
    assert response.status_code == 403
    download = hub.api(PUPIL, "GET", f"/services/portal/api/exchange/assignments/5b/{ACTIVITY}/download")
    assert download.status_code == 403


def test_exchange_needs_a_hub_token(hub):
    assert requests.get(hub.url("/services/portal/api/exchange/assignments")).status_code == 401
    bogus = requests.get(hub.url("/services/portal/api/exchange/assignments"),
                         headers={"Authorization": "token not-a-real-token"})
    assert bogus.status_code == 401


def test_teachers_cannot_use_the_pupil_exchange(hub):
    assert hub.api("laerer5a", "GET", "/services/portal/api/exchange/assignments").status_code == 403


def test_valid_hand_in_is_stored_once(hub, demo_platform):
    before = stored_submissions(demo_platform)
    response = post(hub, PUPIL, released_notebook(hub))
    assert response.status_code == 201, response.text
    after = stored_submissions(demo_platform)
    assert len(after) == len(before) + 1
    assert (after[-1] / f"{ACTIVITY}.ipynb").read_bytes() == released_notebook(hub)
