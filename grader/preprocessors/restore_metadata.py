"""RestoreMetadata: the pupil's copy gets the teacher's nbgrader metadata back."""
from __future__ import annotations

import copy

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from .cells import allowed_sources, grade_id, kodefag_resources


class RestoreMetadata(NbGraderPreprocessor):
    """Replace pupil-editable nbgrader metadata by the source's; report changed tests.

    Pupils can edit cell metadata in JupyterLab. Unknown grade ids lose their nbgrader
    metadata, so a pupil cannot invent a graded cell or change points. Of duplicated
    ids the last cell counts (a copy pasted higher up would run before the pupil's
    code). Locked test cells whose text changed are reported here; nbgrader's
    OverwriteCells puts their text back later in the pipeline.
    """

    def preprocess(self, nb, resources):
        ours = kodefag_resources(resources)
        stored = ours["stored"]
        last = {grade_id(cell): index for index, cell in enumerate(nb.cells) if grade_id(cell) in stored}
        for index, cell in enumerate(nb.cells):
            cell_id = grade_id(cell)
            if cell_id in stored and last[cell_id] == index:
                trusted = stored[cell_id]
                cell.metadata["nbgrader"] = copy.deepcopy(trusted.metadata.nbgrader)
                if trusted.metadata.nbgrader.get("grade") and trusted.metadata.nbgrader.get("locked"):
                    if cell.get("source", "").strip() not in allowed_sources(trusted):
                        ours["messages"].append(
                            f"Test-cellen '{cell_id}' var ændret og er sat tilbage, som din lærer lavede den.")
            elif isinstance(cell.get("metadata"), dict):
                cell.metadata.pop("nbgrader", None)
            else:
                cell["metadata"] = nbformat.NotebookNode()
        return nb, resources
