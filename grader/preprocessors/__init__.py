"""nbgrader's autograde pipeline as preprocessor classes, one transformation each, in order.

Like nbgrader's own converters, grading is a list of preprocessors applied to the
notebook in turn (``nb, resources = step.preprocess(nb, resources)``). nbgrader's
steps are used as they are; ours add what grading pupils' notebooks needs:

- :class:`RestoreMetadata` - the teacher's nbgrader metadata back on every cell;
- :class:`RestoreDeletedTests` - stripped or deleted test cells graded anyway;
- :class:`GuardedExecute` - the kernel in the sandbox, the kernel guard before each test;
- :class:`StderrIsNotAnError` - warnings on stderr do not zero an answer.

``resources["kodefag"]`` carries the trusted source cells (``stored``), the time
limits (``limits``: seconds per cell, per notebook) and the Danish ``messages`` for
the pupil that the steps add.
"""
from __future__ import annotations

from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearOutput,
    ClearSolutions,
    ComputeChecksums,
    DeduplicateIds,
    IgnorePattern,
    LimitOutput,
    LockCells,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
    SaveCells,
)
from traitlets import Bool

from .cells import NBGRADER_LOG, kodefag_resources
from .guarded_execute import KODEFAG_ERRORS, GradingError, GuardedExecute, start_warm_kernel, stop_warm_kernel
from .restore_metadata import RestoreMetadata
from .restore_tests import RestoreDeletedTests
from .stderr import StderrIsNotAnError


class OverwriteCellsAddingMissing(OverwriteCells):
    """nbgrader's OverwriteCells with ``add_missing_cells`` on (a safety net behind RestoreDeletedTests)."""

    add_missing_cells = Bool(True)


#: what ``generate_assignment`` stores for a source notebook (outside the sandbox)
STORE_SOURCE = (LockCells, ClearSolutions, ClearOutput, CheckCellMetadata, ComputeChecksums, SaveCells)

#: ``autograde`` for one pupil's notebook: repair, sanitize, run (sandboxed), score
AUTOGRADE = (
    RestoreMetadata,
    RestoreDeletedTests,
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCellsAddingMissing,
    CheckCellMetadata,
    GuardedExecute,
    IgnorePattern,
    LimitOutput,
    StderrIsNotAnError,
    SaveAutoGrades,
    CheckCellMetadata,
)


def apply(steps, nb, resources):
    """Run ``nb`` through ``steps`` (preprocessor classes), each a fresh instance."""
    for step in steps:
        nb, resources = step(log=NBGRADER_LOG).preprocess(nb, resources)
    return nb, resources


__all__ = [
    "AUTOGRADE", "STORE_SOURCE", "KODEFAG_ERRORS", "GradingError", "GuardedExecute",
    "OverwriteCellsAddingMissing", "RestoreDeletedTests", "RestoreMetadata", "StderrIsNotAnError",
    "apply", "kodefag_resources", "start_warm_kernel", "stop_warm_kernel",
]
