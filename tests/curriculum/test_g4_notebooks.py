"""The grade 4 notebooks: written by their builders, and their tests catch wrong answers.

Each builder carries "mutants" - plausible wrong answers. The model solution must pass
every test cell, the starter none, every mutant must fail the cells it names, and
some mutants pass the visible tests but not the hidden ones (so hidden tests matter).
"""
import importlib
import sys

import nbformat
import pytest

from kodefag.curriculum.release import graded_points
from kodefag.settings import REPO_ROOT

BUILD_DIR = REPO_ROOT / "notebooks" / "_build"
BUILDERS = ["g4_python_regnemaskine", "g4_hvis_saa"]


@pytest.fixture(scope="module")
def build_module():
    sys.path.insert(0, str(BUILD_DIR))
    try:
        yield importlib.import_module("build")
    finally:
        sys.path.remove(str(BUILD_DIR))


@pytest.mark.parametrize("builder", BUILDERS)
def test_committed_notebook_is_what_the_builder_writes(build_module, builder):
    spec = importlib.import_module(builder).build()
    path = REPO_ROOT / "notebooks" / spec.nb_id / f"{spec.nb_id}.ipynb"
    assert path.read_text(encoding="utf-8") == build_module.render(spec), f"run notebooks/_build/{builder}.py"
    auto, manual = graded_points(nbformat.read(str(path), as_version=4))
    assert auto + manual == spec.points


@pytest.mark.parametrize("builder", BUILDERS)
def test_solution_starter_and_mutants_behave(build_module, builder):
    spec = importlib.import_module(builder).build()
    assert build_module.check(spec) == []
