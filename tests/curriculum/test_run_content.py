"""Validation runs the content through the real grading modules.

A notebook whose model solution does not get full marks, or whose released
starter already gets points, must be reported; so must a game whose starter
already passes every check. These use the real engines (no mocks).
"""
import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kodefag.curriculum import load_curriculum
from kodefag.curriculum import validate as validation
from kodefag.settings import REPO_ROOT

GRADE4 = "curriculum/grades/grade-4.yaml"


def nbgrader(cell, grade_id, *, grade=False, solution=False, points=0):
    cell.metadata["nbgrader"] = {"grade": grade, "solution": solution, "locked": not solution,
                                 "grade_id": grade_id, "points": points, "schema_version": 3, "task": False}
    return cell


def write_notebook(root, activity_id, solution_body, visible_test, hidden_test="check_equal(dobbelt(0), 0)"):
    """A tiny source notebook: one function to write, one test cell worth 2 points.

    (A good notebook passing is shown by validating the real repository.)
    """
    notebook = new_notebook(cells=[
        nbgrader(new_markdown_cell("# Opgave\nSkriv `dobbelt(tal)`."), "intro"),
        nbgrader(new_code_cell(f"def dobbelt(tal):\n    ### BEGIN SOLUTION\n    {solution_body}\n    ### END SOLUTION"),
                 "dobbelt", solution=True),
        nbgrader(new_code_cell("from kodefag.grader.checks import check_equal\n" + visible_test
                               + f"\n### BEGIN HIDDEN TESTS\n{hidden_test}\n### END HIDDEN TESTS"),
                 "test-dobbelt", grade=True, points=2),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder = root / "notebooks" / activity_id
    folder.mkdir(parents=True)
    nbformat.write(notebook, str(folder / f"{activity_id}.ipynb"))


def notebook_activity(mini, activity_id):
    activity = mini.unplugged(activity_id, ["handleevne-mellemtrin-1"], lessons=2)
    activity.update(kind="notebook", content=f"notebooks/{activity_id}", points=2)
    return activity


def test_notebooks_are_graded_solution_full_marks_starter_zero(mini):
    pytest.importorskip("kodefag.grader.engine")
    write_notebook(mini.root, "g4-forkert-loesning", "return tal + 2", "check_equal(dobbelt(3), 6)")
    write_notebook(mini.root, "g4-tom-test", "return tal * 2", "check_equal(1, 1)", "check_equal(2, 2)")
    mini.write_grade(4, [notebook_activity(mini, name) for name in ("g4-forkert-loesning", "g4-tom-test")])
    problems = [str(problem) for problem in validation.run_content(load_curriculum(mini.root), workers=2)]
    assert problems == [
        f"{GRADE4}: g4-forkert-loesning: løsningen får 0/2 point i cellen test-dobbelt "
        "(skal have fuldt point; status: failed)",
        f"{GRADE4}: g4-tom-test: startkoden får 2 point i cellen test-dobbelt (skal have 0)",
    ]


def test_game_whose_starter_already_passes_is_reported(mini):
    pytest.importorskip("kodefag.games.grading")
    real = REPO_ROOT / "games/projects/spil-fang-aeblet"
    if not (real / "solution.py").is_file():
        pytest.skip("spil-fang-aeblet is not built yet")
    folder = mini.root / "games/projects/spil-fang-aeblet"
    shutil.copytree(real, folder)
    shutil.copy(folder / "solution.py", folder / "starter.py")
    activity = mini.unplugged("spil-fang-aeblet", ["handleevne-mellemtrin-1"], lessons=4)
    activity.update(kind="pgzero", content="games/projects/spil-fang-aeblet", points=10)
    activity["rubric"] = [criterion.model_dump() for criterion in load_curriculum().activity("spil-fang-aeblet").rubric]
    mini.write_grade(4, [activity])
    problems = [str(problem) for problem in validation.run_content(load_curriculum(mini.root), workers=2)]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{GRADE4}: spil-fang-aeblet: startkoden består alle tjek (")


def test_notebook_rules_without_running(mini):
    """Hidden tests are required; from grade 6 a reflection answer the teacher grades."""
    write_notebook(mini.root, "g6-uden-refleksion", "return tal * 2", "check_equal(dobbelt(3), 6)")
    path = mini.root / "notebooks/g6-uden-refleksion/g6-uden-refleksion.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    notebook.cells[2].source = notebook.cells[2].source.split("### BEGIN HIDDEN TESTS")[0]
    nbformat.write(notebook, str(path))
    activity = notebook_activity(mini, "g6-uden-refleksion")
    activity["goals"] = ["handleevne-mellemtrin-1"]
    activity["points"] = 5
    mini.write_grade(6, [activity])
    shown = "notebooks/g6-uden-refleksion/g6-uden-refleksion.ipynb"
    problems = [str(problem) for problem in validation.validate(mini.root, run=False, coverage=False)]
    assert problems == [
        f"curriculum/grades/grade-6.yaml: g6-uden-refleksion: notesbogen {shown} har ingen skjulte tests "
        "(### BEGIN HIDDEN TESTS)",
        f"curriculum/grades/grade-6.yaml: g6-uden-refleksion: notesbogen {shown} skal have mindst ét "
        "refleksionssvar, som læreren retter (fra 6. klasse)",
        f"curriculum/grades/grade-6.yaml: g6-uden-refleksion: notesbogen {shown} giver 2 point "
        "(2 automatisk + 0 af læreren), men aktiviteten siger points: 5",
    ]


def test_broken_nbgrader_metadata_is_reported_without_running(mini):
    write_notebook(mini.root, "g4-uden-point", "return tal * 2", "check_equal(dobbelt(3), 6)")
    path = mini.root / "notebooks/g4-uden-point/g4-uden-point.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    del notebook.cells[2].metadata["nbgrader"]["points"]
    nbformat.write(notebook, str(path))
    mini.write_grade(4, [notebook_activity(mini, "g4-uden-point")])
    problems = [str(problem) for problem in validation.validate(mini.root, run=False, coverage=False)]
    assert problems[0].startswith(
        "curriculum/grades/grade-4.yaml: g4-uden-point: notesbogen notebooks/g4-uden-point/g4-uden-point.ipynb "
        "er ikke en gyldig nbgrader-notesbog: ")


def test_identical_notebooks_are_graded_once_and_reported_for_each(mini):
    """The kompetencetjek of six grades share one item bank: one grading, problems for every activity."""
    pytest.importorskip("kodefag.grader.engine")
    for name in ("g4-kopi-a", "g4-kopi-b"):
        write_notebook(mini.root, name, "return tal + 2", "check_equal(dobbelt(3), 6)")
    write_notebook(mini.root, "g4-anden", "return tal * 2", "check_equal(dobbelt(3), 6)")
    mini.write_grade(4, [notebook_activity(mini, name) for name in ("g4-kopi-a", "g4-kopi-b", "g4-anden")])
    curriculum = load_curriculum(mini.root)
    jobs = validation.grading_jobs(curriculum)
    assert len({validation._same_grading_key(job) for job in jobs}) == 4  # (copies, other) x (solution, starter)
    problems = [str(problem) for problem in validation.run_content(curriculum, workers=2)]
    assert problems == [f"{GRADE4}: {name}: løsningen får 0/2 point i cellen test-dobbelt "
                        "(skal have fuldt point; status: failed)" for name in ("g4-kopi-a", "g4-kopi-b")]
