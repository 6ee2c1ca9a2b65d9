"""`kodefag grade notebook` and `kodefag grade run`."""
import json
import shutil

import nbformat
from click.testing import CliRunner
from nbgrader.api import Gradebook

from tests.grader.grader_notebooks import HONEST, WRONG
from kodefag.grader.cli import cli


def test_grade_notebook_json(grading_env, source_path, submit):
    result = CliRunner().invoke(cli, ["notebook", str(source_path), str(submit(HONEST)), "--json", "--cell-timeout", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["score"], data["max_score"]) == (3, 3)
    assert set(data) == {"score", "max_score", "cells", "messages"}
    assert set(data["cells"][0]) == {"grade_id", "score", "max_score", "status"}


def test_hostile_pupil_code_still_exits_zero(grading_env, source_path, submit):
    answers = {**HONEST, "svar-1": "import os\nos._exit(3)"}
    result = CliRunner().invoke(cli, ["notebook", str(source_path), str(submit(answers)), "--cell-timeout", "3"])
    assert result.exit_code == 0, result.output
    assert "Point: 1 af 3" in result.output


def test_operator_errors_exit_non_zero_with_a_message(grading_env, source_path, tmp_path):
    missing = CliRunner().invoke(cli, ["notebook", str(source_path), str(tmp_path / "nej.ipynb"), "--json"])
    assert missing.exit_code == 1 and "file not found" in missing.output
    text = tmp_path / "tekst.ipynb"
    text.write_text("hej")
    broken = CliRunner().invoke(cli, ["notebook", str(source_path), str(text), "--json"])
    assert broken.exit_code == 1 and "not a Jupyter notebook" in broken.output


def test_grade_run_writes_nbgrader_gradebook(grading_env, source_path, submit):
    course = grading_env / "courses" / "5a"
    (course / "source" / "opg").mkdir(parents=True)
    shutil.copy(source_path, course / "source" / "opg" / "opgave.ipynb")
    for student, answers in [("ida", HONEST), ("bo", WRONG)]:
        folder = course / "submitted" / student / "opg"
        folder.mkdir(parents=True)
        shutil.copy(submit(answers), folder / "opgave.ipynb")
    result = CliRunner().invoke(cli, ["run", "--course", "5a", "--assignment", "opg", "--workers", "2",
                                      "--cell-timeout", "3"])
    assert result.exit_code == 0, result.output
    assert "ida: 3 / 3" in result.output and "bo: 0 / 3" in result.output
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        assert gradebook.find_submission("opg", "ida").score == 3
        assert gradebook.find_submission("opg", "bo").score == 0
    graded = nbformat.read(str(course / "autograded" / "ida" / "opg" / "opgave.ipynb"), as_version=4)
    assert any("BEGIN HIDDEN TESTS" in cell.source or "dobbelt(21)" in cell.source for cell in graded.cells)


def test_grade_run_unknown_course(grading_env):
    result = CliRunner().invoke(cli, ["run", "--course", "nej", "--assignment", "opg"])
    assert result.exit_code == 1 and "does not exist" in result.output


def test_grade_run_without_bubblewrap_is_an_operator_error(grading_env, source_path, monkeypatch):
    course = grading_env / "courses" / "5a"
    (course / "source" / "opg").mkdir(parents=True)
    shutil.copy(source_path, course / "source" / "opg" / "opgave.ipynb")
    monkeypatch.setenv("KODEFAG_BWRAP", "/nonexistent/bwrap")
    result = CliRunner().invoke(cli, ["run", "--course", "5a", "--assignment", "opg"])
    assert result.exit_code == 2 and "refusing to run pupil code" in result.output
    assert not (course / "gradebook.db").exists()
