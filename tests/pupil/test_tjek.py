"""Tjek in the pupil's server: the notebook runs in a fresh pupil kernel, each exercise judged in Danish."""
import json

import nbformat
import pytest

from kodefag.hub import pupil_server
from kodefag.hub.config import SINGLEUSER_DATA
from kodefag.settings import REPO_ROOT

SOURCE = REPO_ROOT / "notebooks/g5-lister-og-loekker/g5-lister-og-loekker.ipynb"


@pytest.fixture(autouse=True)
def pupils_kernel(monkeypatch):
    """The kernel spec pupils' servers use (Danish errors), as the spawner sets it."""
    monkeypatch.setenv("JUPYTER_PATH", str(SINGLEUSER_DATA))


def notebook_with(tmp_path, answers: dict) -> "Path":
    notebook = nbformat.read(SOURCE, as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    path = tmp_path / "g5-lister-og-loekker" / "g5-lister-og-loekker.ipynb"
    path.parent.mkdir(exist_ok=True)
    nbformat.write(notebook, str(path))
    return path


def test_tjek_names_each_exercise_and_the_pupils_mistake(tmp_path):
    path = notebook_with(tmp_path, {
        "samlet-point": "def samlet_point(point):\n    return 13",
        "antal-mindst": "def antal_mindst(point, grænse):\n    # DIN KODE HER\n    raise NotImplementedError()",
        "forklaring": "SKRIV DIT SVAR HER",
    })
    result = pupil_server.check_notebook(path)
    by_name = {e["name"]: e for e in result["opgaver"]}
    first = by_name["Opgave 1: Læg sammen"]
    assert first["passed"] is False
    assert "Testen fejlede: Forventede 12, men fik 13." in first["message"]
    assert "check_equal(samlet_point([3, 7, 2]), 12)" in first["message"] and "celle [" not in first["message"]
    second = by_name["Opgave 2: Hvor mange fik mindst 5 point?"]
    assert second["passed"] is False and "Du mangler at skrive din kode" in second["message"]
    third = by_name["Opgave 3: Forklar med dine egne ord"]
    assert third["passed"] is None and third["message"] == "Du mangler at skrive dit svar."
    assert result["opsummering"] == "0 af 2 opgaver er rigtige."


def test_tjek_passes_a_right_answer(tmp_path):
    path = notebook_with(tmp_path, {"forklaring": "En løkke gør det samme for hvert tal."})
    result = pupil_server.check_notebook(path)  # the source notebook holds the reference solutions
    assert result["opsummering"] == "Flot! Alle opgaverne er rigtige."
    assert [e["message"] for e in result["opgaver"]] == ["Rigtigt!", "Rigtigt!", "Din lærer læser dit svar."]


def test_tjek_in_the_sandbox_talks_to_its_kernel_over_unix_sockets_only(tmp_path, monkeypatch):
    """As the hub starts servers in the sandbox (hub/config.py PRIVATE_TMP_ENVIRONMENT): Tjek's
    kernel listens on no TCP port, and it is stopped and its sockets are gone afterwards."""
    runtime = tmp_path / "rt"
    runtime.mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("KODEFAG_KERNEL_TRANSPORT", "ipc")
    seen = []

    class Recording(pupil_server.NotebookClient):
        async def async_start_new_kernel(self, **kwargs):
            await super().async_start_new_kernel(**kwargs)
            seen.append((self.km.get_connection_info(), sorted(p.name for p in runtime.iterdir())))

    monkeypatch.setattr(pupil_server, "NotebookClient", Recording)
    path = notebook_with(tmp_path, {"forklaring": "En løkke gør det samme for hvert tal."})
    assert pupil_server.check_notebook(path)["opsummering"] == "Flot! Alle opgaverne er rigtige."
    [(info, files)] = seen
    assert info["transport"] == "ipc" and info["ip"].startswith(str(runtime / "tjek-"))
    assert any(name.endswith(".json") for name in files)
    assert sorted(p.name for p in runtime.iterdir()) == []


def test_tjek_stops_an_endless_loop_and_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(pupil_server, "CHECK_CELL_SECONDS", 2)
    path = notebook_with(tmp_path, {"samlet-point": "def samlet_point(point):\n    while True:\n        pass"})
    result = pupil_server.check_notebook(path)
    first, second = result["opgaver"][:2]
    assert first["passed"] is False and "løkke, der aldrig slutter" in first["message"]
    assert second["passed"] is True


@pytest.mark.parametrize("content, reason", [
    (b'{"cells": [', "gået i stykker"),
    (b"\xff\xfe", "gået i stykker"),
    (json.dumps({"cells": "nej"}).encode(), "gået i stykker"),
    (b" " * (pupil_server.MAX_NOTEBOOK_BYTES + 1), "for stor"),
])
def test_a_broken_or_oversized_notebook_gets_a_danish_way_out(tmp_path, content, reason):
    path = tmp_path / "opgave.ipynb"
    path.write_bytes(content)
    problem = pupil_server.notebook_problem(path)
    assert reason in problem and "Start forfra" in problem
    assert pupil_server.notebook_problem(tmp_path / "findes-ikke.ipynb").startswith("Notesbogen findes ikke")
    assert pupil_server.notebook_problem(SOURCE) is None
