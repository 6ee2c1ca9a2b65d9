"""grade_notebook: nbgrader's pipeline with the kernel in the sandbox."""
import json

import nbformat
import pytest

from kodefag.grader.engine import NotebookError, grade_notebook

from tests.grader.grader_notebooks import HONEST, WRONG, cell_by_id

LIMITS = {"cell_timeout": 3, "notebook_timeout": 20}


def scores(result):
    return {cell["grade_id"]: cell["score"] for cell in result["cells"]}


def test_honest_submission_gets_full_marks(grading_env, source_path, submit):
    result = grade_notebook(source_path, submit(HONEST), **LIMITS)
    assert result["score"] == 3 and result["max_score"] == 3
    assert [cell["status"] for cell in result["cells"]] == ["passed", "passed"]
    assert result["messages"] == []
    json.dumps(result)  # the result is plain JSON


def test_wrong_submission_gets_zero_and_danish_reasons(grading_env, source_path, submit):
    result = grade_notebook(source_path, submit(WRONG), **LIMITS)
    assert scores(result) == {"test-1": 0, "test-2": 0}
    assert "test-1: Forventede 4, men fik 3." in result["messages"]
    assert "test-2: Forventede 'Hej Ida', men fik 'Hej'." in result["messages"]


def test_hidden_tests_run(grading_env, source_path, submit):
    # passes the visible test (2 -> 4) but not the hidden one (21 -> 42)
    result = grade_notebook(source_path, submit({**HONEST, "svar-1": "def dobbelt(x):\n    return 4"}), **LIMITS)
    assert scores(result) == {"test-1": 0, "test-2": 1}
    assert "test-1: Forventede 42, men fik 4." in result["messages"]


def test_untouched_release_scores_zero(grading_env, source_path, submit):
    result = grade_notebook(source_path, submit({}), **LIMITS)
    assert result["score"] == 0
    assert any(message.endswith(": Du mangler at skrive din kode.") for message in result["messages"])
    assert not any("NotImplementedError" in message for message in result["messages"])  # Danish for the pupil


def test_stderr_noise_does_not_zero_a_correct_answer(grading_env, source_path, submit):
    noisy = (
        "import sys, warnings\n"
        "def dobbelt(x):\n"
        "    warnings.warn('denne funktion er gammel', DeprecationWarning, stacklevel=2)\n"
        "    print('bibliotek: advarsel', file=sys.stderr)\n"
        "    return 2 * x"
    )
    result = grade_notebook(source_path, submit({**HONEST, "svar-1": noisy}), **LIMITS)
    assert scores(result) == {"test-1": 2, "test-2": 1}


def test_pupil_cannot_invent_graded_cells_or_points(grading_env, source_path, submit):
    def edit(nb):
        cell_by_id(nb, "test-1").metadata["nbgrader"]["points"] = 100
        fake = nbformat.v4.new_code_cell("1 + 1")
        fake.metadata["nbgrader"] = dict(cell_by_id(nb, "test-2").metadata["nbgrader"], grade_id="ekstra", points=50)
        nb.cells.append(fake)
        cell_by_id(nb, "svar-2").metadata["nbgrader"].update(grade=True, points=10)

    result = grade_notebook(source_path, submit(HONEST, edit), **LIMITS)
    assert result["max_score"] == 3 and result["score"] == 3
    assert [cell["grade_id"] for cell in result["cells"]] == ["test-1", "test-2"]


def test_operator_errors(grading_env, source_path, tmp_path):
    with pytest.raises(NotebookError, match="not found"):
        grade_notebook(source_path, tmp_path / "mangler.ipynb", **LIMITS)
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{ not json")
    with pytest.raises(NotebookError, match="not a Jupyter notebook"):
        grade_notebook(source_path, broken, **LIMITS)


def test_odd_metadata_from_a_pupils_editor(grading_env, source_path, submit):
    def edit(nb):
        cell_by_id(nb, "svar-2").metadata["nbgrader"] = "ødelagt"
        nb.cells[0].metadata["nbgrader"] = {"grade_id": ["liste"]}

    result = grade_notebook(source_path, submit(HONEST, edit), **LIMITS)
    assert result["score"] == 3


def test_cells_that_are_not_cells_are_an_operator_error(grading_env, source_path, tmp_path):
    odd = tmp_path / "odd.ipynb"
    odd.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "video"}]}))
    with pytest.raises(NotebookError):
        grade_notebook(source_path, odd, **LIMITS)


def test_limits_may_be_fractions_of_a_second(grading_env, source_path, submit):
    """Measured limits are floats; nbclient's own timeout is an integer trait."""
    result = grade_notebook(source_path, submit(HONEST), cell_timeout=2.5, notebook_timeout=12.5)
    assert result["score"] == 3


def test_an_error_in_the_pupils_code_is_explained_as_in_their_kernel(grading_env, source_path, submit):
    result = grade_notebook(source_path, submit({**HONEST, "svar-1": "def dobbelt(x):\n    return x + 'x'"}), **LIMITS)
    assert scores(result)["test-1"] == 0
    assert "test-1: Du kan ikke lægge tekst og tal sammen. Brug str(tal) eller int(tekst)." in result["messages"]
    assert not any("TypeError" in message or "operand" in message for message in result["messages"])
