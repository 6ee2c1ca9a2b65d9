"""Make the pupil's (released) version of an nbgrader source notebook.

nbgrader's ``generate_assignment`` runs a pipeline of preprocessors; the ones
used here are exactly the steps that change what a pupil receives (solutions
replaced by stubs, hidden tests and mark schemes removed, outputs cleared,
cells locked). The database steps (SaveCells, header/footer) are left out: the
validator only needs the notebook a pupil would start from, without a gradebook.
"""
from __future__ import annotations

import copy

import nbformat
from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ClearSolutions,
    ComputeChecksums,
    LockCells,
)

#: the Danish stubs pupils see; the same as the portal's release
#: (kodefag.teacher_portal.releases), so validation grades what pupils really get
CODE_STUB = "# DIN KODE HER\nraise NotImplementedError()"
TEXT_STUB = "SKRIV DIT SVAR HER"

RELEASE_STEPS = (
    CheckCellMetadata,
    LockCells,
    ClearSolutions,
    ClearOutput,
    ClearHiddenTests,
    ClearMarkScheme,
    ComputeChecksums,
)


def release_notebook(source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The released (starter) notebook for a source notebook; the input is not changed."""
    notebook = copy.deepcopy(source)
    resources: dict = {}
    for step in RELEASE_STEPS:
        if step is ClearSolutions:
            preprocessor = ClearSolutions(code_stub={"python": CODE_STUB}, text_stub=TEXT_STUB)
        else:
            preprocessor = step()
        notebook, resources = preprocessor.preprocess(notebook, resources)
    return notebook


def auto_graded_ids(source: nbformat.NotebookNode) -> list[str]:
    """grade_ids of the cells the autograder scores: graded cells that are not answers."""
    ids = []
    for cell in source.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution") and cell.cell_type == "code":
            ids.append(meta["grade_id"])
    return ids


def graded_points(source: nbformat.NotebookNode) -> tuple[int, int]:
    """(auto-graded points, manually graded points) of a source notebook."""
    auto = manual = 0
    for cell in source.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not meta.get("grade"):
            continue
        points = meta.get("points", 0) or 0
        if meta.get("solution"):
            manual += points
        else:
            auto += points
    return auto, manual
