"""nbgrader's autograde pipeline as preprocessor classes, one transformation each, in order.

Like nbgrader's own converters, grading is a list of preprocessors applied to the
notebook in turn (``nb, resources = step.preprocess(nb, resources)``). nbgrader's
steps are used as they are; ours add what grading pupils' notebooks needs:

- :class:`RestoreMetadata` - the teacher's nbgrader metadata back on every cell;
- :class:`RestoreDeletedTests` - stripped or deleted test cells graded anyway;
- :class:`GuardedExecute` - the kernel in the sandbox, the kernel guard before each test;
- :class:`StderrIsNotAnError` - warnings on stderr do not zero an answer;
- :class:`OverwriteCellsFromStored`, :class:`OverwriteKernelspecFromStored`,
  :class:`SaveAutoGradesInMemory`, :class:`CheckCellMetadataOnce` - nbgrader's steps as they are, with the trusted
  cells and the scores in memory instead of a gradebook file per hand-in.

``resources["kodefag"]`` carries the trusted source cells (``stored``), the time
limits (``limits``: seconds per cell, per notebook), the Danish ``messages`` for
the pupil that the steps add and the ``grades`` (grade_id -> automatic score).
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
    SaveCells,
)

from .cells import NBGRADER_LOG, kodefag_resources
from .guarded_execute import (KODEFAG_ERRORS, GradingError, GuardedExecute, start_fork_server, start_warm_kernel,
                              stop_warm_kernel)
from .in_memory import (CheckCellMetadataOnce, OverwriteCellsFromStored, OverwriteKernelspecFromStored,
                        SaveAutoGradesInMemory)
from .restore_metadata import RestoreMetadata
from .restore_tests import RestoreDeletedTests
from .stderr import StderrIsNotAnError


#: what ``generate_assignment`` makes of a source notebook's cells: the trusted copy (outside the sandbox)
SOURCE_CELLS = (LockCells, ClearSolutions, ClearOutput, CheckCellMetadata, ComputeChecksums)
#: ... and stores into a course gradebook
STORE_SOURCE = (*SOURCE_CELLS, SaveCells)

#: ``autograde`` for one pupil's notebook: repair, sanitize, run (sandboxed), score
AUTOGRADE = (
    RestoreMetadata,
    RestoreDeletedTests,
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspecFromStored,
    OverwriteCellsFromStored,
    CheckCellMetadataOnce,
    GuardedExecute,
    IgnorePattern,
    LimitOutput,
    StderrIsNotAnError,
    SaveAutoGradesInMemory,
    CheckCellMetadataOnce,
)


def apply(steps, nb, resources):
    """Run ``nb`` through ``steps`` (preprocessor classes), each a fresh instance."""
    for step in steps:
        nb, resources = step(log=NBGRADER_LOG).preprocess(nb, resources)
    return nb, resources


__all__ = [
    "AUTOGRADE", "SOURCE_CELLS", "STORE_SOURCE", "KODEFAG_ERRORS", "CheckCellMetadataOnce", "GradingError",
    "GuardedExecute", "OverwriteCellsFromStored", "OverwriteKernelspecFromStored", "RestoreDeletedTests",
    "RestoreMetadata", "SaveAutoGradesInMemory", "StderrIsNotAnError",
    "apply", "kodefag_resources", "start_fork_server", "start_warm_kernel", "stop_warm_kernel",
]
