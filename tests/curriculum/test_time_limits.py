"""Grading time limits come from each notebook's model solution, measured in the sandbox."""
import nbformat
import pytest

from kodefag.curriculum import load_curriculum, time_limits
from kodefag.curriculum import validate as validation
from kodefag.curriculum.timing import record

from tests.curriculum.test_run_content import notebook_activity, write_notebook


def test_limits_are_twenty_times_the_solution_but_never_below_the_floor():
    assert time_limits.limits_for(0.01, 0.1) == (2.0, 10.0)
    assert time_limits.limits_for(0.3, 0.7) == (6.0, 14.0)
    assert time_limits.limits_for(0.26, 0.26) == (6.0, 10.0)  # whole seconds (nbclient's timeout is an int)


def test_the_real_curriculum_has_current_measurements_for_every_notebook():
    curriculum = load_curriculum()
    assert validation.check_time_limits(curriculum) == []
    activity = curriculum.activity("g5-lister-og-loekker")
    measured = time_limits.activity_limits(curriculum, activity)
    assert (measured.cell_seconds, measured.notebook_seconds) == (
        time_limits.read(curriculum)["g5-lister-og-loekker"].cell_seconds,
        time_limits.read(curriculum)["g5-lister-og-loekker"].notebook_seconds)
    slow_on_purpose = curriculum.activity("g7-soeg-og-sorter")
    own = time_limits.activity_limits(curriculum, slow_on_purpose)
    assert (own.cell_seconds, own.notebook_seconds) == (slow_on_purpose.grading.cell_seconds,
                                                         slow_on_purpose.grading.notebook_seconds)


def test_missing_and_stale_measurements_are_problems_and_recording_fixes_them(mini):
    pytest.importorskip("kodefag.grader.engine")
    write_notebook(mini.root, "g4-dobbelt", "return tal * 2", "check_equal(dobbelt(3), 6)")
    mini.write_grade(4, [notebook_activity(mini, "g4-dobbelt")])
    curriculum = load_curriculum(mini.root)
    assert [problem.message for problem in validation.check_time_limits(curriculum)] == [
        "tidsgrænserne for rettelsen er ikke målt: kør kodefag curriculum time-limits"]

    measured = record(curriculum)["g4-dobbelt"]
    assert 0 < measured.slowest_cell_seconds <= measured.total_seconds
    assert (measured.cell_seconds, measured.notebook_seconds) == time_limits.limits_for(
        measured.slowest_cell_seconds, measured.total_seconds)
    assert validation.check_time_limits(curriculum) == []
    limits = time_limits.activity_limits(curriculum, curriculum.activity("g4-dobbelt"))
    assert (limits.cell_seconds, limits.notebook_seconds) == (measured.cell_seconds, measured.notebook_seconds)

    path = mini.root / "notebooks" / "g4-dobbelt" / "g4-dobbelt.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    notebook.cells[0].source += "\nEn ny linje."
    nbformat.write(notebook, str(path))
    assert [problem.message for problem in validation.check_time_limits(curriculum)] == [
        "notesbogen er ændret siden tidsgrænserne blev målt: kør kodefag curriculum time-limits"]
