"""Small facts about nbgrader cells that several preprocessors need."""
from __future__ import annotations

import copy
import logging

from nbformat import NotebookNode
from nbgrader.preprocessors import ClearHiddenTests

#: nbgrader's preprocessors log every restored cell as a warning; we report those ourselves
NBGRADER_LOG = logging.getLogger("kodefag.grader.nbgrader")
NBGRADER_LOG.setLevel(logging.ERROR)


def grade_id(cell) -> str | None:
    """The cell's nbgrader id, tolerating whatever a pupil's editor left in the metadata."""
    metadata = cell.get("metadata")
    nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    value = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
    return value if isinstance(value, str) else None


def allowed_sources(cell: NotebookNode) -> set[str]:
    """A locked cell's source as the teacher wrote it and as pupils received it."""
    released = copy.deepcopy(cell)
    released, _ = ClearHiddenTests(log=NBGRADER_LOG).preprocess_cell(released, {}, 0)
    return {cell.source.strip(), released.source.strip()}


def kodefag_resources(resources: dict) -> dict:
    """Our part of nbconvert's resources: the trusted cells, the limits and the pupil's messages."""
    return resources.setdefault("kodefag", {"stored": {}, "messages": []})
