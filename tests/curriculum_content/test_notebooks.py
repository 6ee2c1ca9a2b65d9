"""The grade 4-9 notebooks and the kompetencetjek: built from notebooks/_build, and their tests really test.

For every notebook: the committed .ipynb is exactly what its builder writes (so nobody
edits one and forgets the other), the model solution passes every cell, the released
starter fails every auto-graded cell, and each plausible wrong answer (mutant) fails the
test cells it targets - some of them only because of the hidden tests.
"""
import pytest

from notebooks._build import build

SPECS = build.specs()


def test_there_are_notebooks_for_every_grade_4_to_9_and_the_kompetencetjek():
    groups = {spec.nb_id.split("-")[0] for spec in SPECS}
    assert groups == {"g4", "g5", "g6", "g7", "g8", "g9", "valgfag", "kompetencetjek"}


@pytest.mark.parametrize("path", sorted(build.other_files()))
def test_generated_files_match_their_builder(path):
    """Descriptions written by a builder (the indskoling kompetencetjek) are not edited by hand."""
    assert (build.REPO / path).read_text(encoding="utf-8") == build.other_files()[path], (
        f"{path} differs from its builder: run .venv/bin/python -m notebooks._build.build"
    )


@pytest.mark.parametrize("spec", SPECS, ids=[spec.nb_id for spec in SPECS])
def test_committed_notebook_matches_builder(spec):
    path = build.notebook_path(spec)
    assert path.read_text(encoding="utf-8") == build.render(spec), (
        f"{path} differs from its builder: run .venv/bin/python -m notebooks._build.build"
    )


@pytest.mark.parametrize("spec", SPECS, ids=[spec.nb_id for spec in SPECS])
def test_solution_passes_starter_fails_and_mutants_are_caught(spec):
    assert build.check(spec) == []


@pytest.mark.parametrize("spec", SPECS, ids=[spec.nb_id for spec in SPECS])
def test_reflection_answers_from_grade_6(spec):
    group = spec.nb_id.split("-")[1] if spec.nb_id.startswith("kompetencetjek-") else spec.nb_id.split("-")[0]
    # the valgfag is taught from grade 7
    grade = int(group[1:]) if group[1:].isdigit() else 7
    answers = [cell for cell in spec.cells
               if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("grade")]
    if grade >= 6:
        assert answers, f"{spec.nb_id} needs a manually graded reflection answer"
