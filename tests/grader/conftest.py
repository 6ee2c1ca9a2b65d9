"""Fixtures for grading tests (notebook builders live in grader_notebooks.py)."""
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for grader_notebooks, whatever the import mode

from grader_notebooks import cell_by_id, released_notebook, source_notebook


@pytest.fixture
def grading_env(tmp_path, monkeypatch):
    """A private var/ dir and settings with short limits for tests."""
    from kodefag.settings import get_settings

    var = tmp_path / "var"
    var.mkdir()
    monkeypatch.setenv("KODEFAG_VAR_DIR", str(var))
    get_settings.cache_clear()
    yield var
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def source_path(tmp_path_factory) -> Path:
    """One source file for the session, so the engine's per-source cache is used."""
    path = tmp_path_factory.mktemp("kilde") / "opgave.ipynb"
    nbformat.write(source_notebook(), str(path))
    return path


@pytest.fixture
def submit(tmp_path):
    """submit(answers, edit=None) -> Path of a pupil notebook with these solution cells."""
    counter = [0]

    def make(answers: dict, edit=None) -> Path:
        nb = released_notebook()
        for grade_id, code in answers.items():
            cell_by_id(nb, grade_id).source = code
        if edit:
            edit(nb)
        counter[0] += 1
        path = tmp_path / "aflevering" / f"elev{counter[0]}.ipynb"
        path.parent.mkdir(exist_ok=True)
        nbformat.write(nb, str(path))
        return path

    return make
