"""RestoreDeletedTests: every test cell of the source is graded, even if the pupil removed it."""
from __future__ import annotations

import copy
import uuid

from nbgrader.preprocessors import NbGraderPreprocessor

from .cells import allowed_sources, grade_id, kodefag_resources


class RestoreDeletedTests(NbGraderPreprocessor):
    """Give stripped test cells their identity back, and put deleted ones back in place.

    Runs after RestoreMetadata. A test cell whose nbgrader metadata was stripped is
    recognised by its text (the last copy counts, as for duplicated ids). A deleted
    one is inserted after the nearest earlier source cell still present: nbgrader's
    own ``add_missing_cells`` fails (KeyError) when the cell before the deleted one
    was deleted too, e.g. a pupil who removed both an answer and its test.
    """

    def preprocess(self, nb, resources):
        ours = kodefag_resources(resources)
        stored = ours["stored"]
        present = {grade_id(cell) for cell in nb.cells}
        for cell_id, trusted in stored.items():
            if cell_id in present or not trusted.metadata.nbgrader.get("grade"):
                continue
            if not self._retag_stripped(nb, trusted):
                self._insert_missing(nb, stored, cell_id)
                ours["messages"].append(f"Test-cellen '{cell_id}' manglede og er sat ind igen.")
        return nb, resources

    @staticmethod
    def _retag_stripped(nb, trusted) -> bool:
        allowed = allowed_sources(trusted)
        for cell in reversed(nb.cells):
            if "nbgrader" not in cell.metadata and cell.get("source", "").strip() in allowed:
                cell.metadata["nbgrader"] = copy.deepcopy(trusted.metadata.nbgrader)
                return True
        return False

    @staticmethod
    def _insert_missing(nb, stored: dict, cell_id: str) -> None:
        order = list(stored)
        present = {grade_id(cell): index for index, cell in enumerate(nb.cells)}
        position = 0
        for earlier in reversed(order[: order.index(cell_id)]):
            if earlier in present:
                position = present[earlier] + 1
                break
        cell = copy.deepcopy(stored[cell_id])
        if "id" in cell:
            cell["id"] = uuid.uuid4().hex[:12]
        nb.cells.insert(position, cell)
