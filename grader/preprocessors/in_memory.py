"""nbgrader's gradebook steps with the trusted cells held in memory instead of a database.

Stock ``autograde`` reads the teacher's cells from its SQLite gradebook
(:class:`OverwriteCells`) and writes each score back into it
(:class:`SaveAutoGrades`, and :class:`OverwriteKernelspec` reads the kernelspec): dozens of SQL round-trips and a gradebook file per
hand-in, a third of what grading one costs the grader process. The grader
already holds the trusted copy of every nbgrader cell
(``resources["kodefag"]["stored"]``, what ``generate_assignment`` stores), so
these subclasses keep nbgrader's own logic and only swap where the cells come
from and where the scores go (``resources["kodefag"]["grades"]``). The course
gradebook teachers open is still written, by :mod:`kodefag.grader.course`.
"""
from __future__ import annotations

from dataclasses import dataclass

import copy

import jsonschema
from nbgrader import utils as nbgrader_utils
from nbgrader.api import MissingEntry
from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata, OverwriteCells, OverwriteKernelspec, SaveAutoGrades
from traitlets import Bool

from .cells import kodefag_resources


@dataclass(frozen=True)
class StoredCell:
    """What nbgrader's SaveCells records for a source or graded cell (the fields its steps read)."""

    name: str
    cell_type: str
    locked: bool
    source: str
    checksum: str | None
    max_score: float


class StoredNotebook:
    """The part of nbgrader's Gradebook that OverwriteCells asks, answered from the trusted cells."""

    def __init__(self, stored: dict):
        cells = {}
        for grade_id, cell in stored.items():
            if not any(check(cell) for check in (nbgrader_utils.is_grade, nbgrader_utils.is_solution,
                                                 nbgrader_utils.is_locked, nbgrader_utils.is_task)):
                continue  # SaveCells records only these
            nbgrader = cell.metadata.nbgrader
            cells[grade_id] = StoredCell(
                name=grade_id, cell_type=cell.cell_type, locked=nbgrader_utils.is_locked(cell), source=cell.source,
                checksum=nbgrader.get("checksum"),
                max_score=float(nbgrader["points"]) if "points" in nbgrader else 0.0,
            )
        flagged = {name: stored[name] for name in cells}
        self.source_cells = list(cells.values())  # in notebook order, as SaveCells inserted them
        self.grade_cells = [cells[n] for n, c in flagged.items() if nbgrader_utils.is_grade(c)]
        self.solution_cells = [cells[n] for n, c in flagged.items() if nbgrader_utils.is_solution(c)]
        self.task_cells = [cells[n] for n, c in flagged.items() if nbgrader_utils.is_task(c)]
        self._by_name = cells
        self._graded = {cell.name for cell in self.grade_cells + self.task_cells}

    def find_notebook(self, notebook_id, assignment_id) -> "StoredNotebook":
        return self

    def find_source_cell(self, grade_id, notebook_id, assignment_id) -> StoredCell:
        if grade_id not in self._by_name:
            raise MissingEntry()
        return self._by_name[grade_id]

    def find_graded_cell(self, grade_id, notebook_id, assignment_id) -> StoredCell:
        if grade_id not in self._graded:
            raise MissingEntry()
        return self._by_name[grade_id]


class OverwriteCellsFromStored(OverwriteCells):
    """nbgrader's OverwriteCells (``add_missing_cells`` on), reading the trusted cells from memory.

    ``add_missing_cells`` is a safety net behind RestoreDeletedTests.
    """

    add_missing_cells = Bool(True)

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.gradebook = StoredNotebook(kodefag_resources(resources)["stored"])
        nb, resources = super(OverwriteCells, self).preprocess(nb, resources)
        nb, resources = self.add_missing_grade_cells(nb, resources)
        return self.add_missing_task_cells(nb, resources)


class OverwriteKernelspecFromStored(OverwriteKernelspec):
    """nbgrader's OverwriteKernelspec: the source notebook's kernelspec (``resources["kodefag"]["kernelspec"]``)."""

    def preprocess(self, nb, resources):
        kernelspec = kodefag_resources(resources).get("kernelspec")
        if kernelspec:
            nb.metadata["kernelspec"] = copy.deepcopy(kernelspec)
        return nb, resources


class SaveAutoGradesInMemory(SaveAutoGrades):
    """nbgrader's SaveAutoGrades, scores into ``resources["kodefag"]["grades"]`` (grade_id -> auto score).

    The score is nbgrader's own (:func:`nbgrader.utils.determine_grade`); comments
    ("No response.") are not used by kodefag and are not computed.
    """

    def preprocess(self, nb, resources):
        self.grades = kodefag_resources(resources).setdefault("grades", {})
        return super(SaveAutoGrades, self).preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        if nbgrader_utils.is_grade(cell):
            self.grades[cell.metadata.nbgrader["grade_id"]], _ = nbgrader_utils.determine_grade(cell, self.log)
        return cell, resources


class _SchemaCheckedOnce(BaseMetadataValidator):
    """nbgrader validates its own JSON schema again for every cell; check it once, then validate cells."""

    #: schema version -> jsonschema validator, built once per process
    _validators: dict = {}

    def validate_cell(self, cell) -> None:
        meta = cell.metadata.get("nbgrader")
        if not isinstance(meta, dict) or meta.get("schema_version", 0) != self.schema_version:
            return super().validate_cell(cell)  # nbgrader's own errors for old or new schemas
        validator = self._validators.get(self.schema_version)
        if validator is None:
            cls = jsonschema.validators.validator_for(self.schema)
            cls.check_schema(self.schema)
            validator = self._validators[self.schema_version] = cls(self.schema)
        error = jsonschema.exceptions.best_match(validator.iter_errors(meta))
        if error is not None:
            raise error


class FastMetadataValidator(MetadataValidator, _SchemaCheckedOnce):
    """nbgrader's metadata validator (its rules unchanged), its schema compiled once per process."""


class CheckCellMetadataOnce(CheckCellMetadata):
    """nbgrader's CheckCellMetadata with :class:`FastMetadataValidator`."""

    def preprocess(self, nb, resources):
        try:
            FastMetadataValidator().validate_nb(nb)
        except jsonschema.ValidationError:
            return super().preprocess(nb, resources)  # nbgrader's own logging and error
        return nb, resources
