"""Grade one pupil notebook with nbgrader's autograde pipeline, pupil code sandboxed.

Stock ``nbgrader autograde`` keeps a course folder and a gradebook the pupil's
kernel can read and write. Here the pieces are split by trust:

1. The SOURCE notebook goes through what ``generate_assignment`` makes of it
   (:data:`~kodefag.grader.preprocessors.SOURCE_CELLS`): the trusted copy of every
   nbgrader cell, hidden tests included, held in this process's memory (cached per
   source file content).
2. The pupil's notebook goes through :data:`~kodefag.grader.preprocessors.AUTOGRADE`,
   nbgrader's steps plus ours, one transformation each: metadata and deleted tests
   repaired, sanitized, executed with the kernel in the sandbox
   (:class:`~kodefag.grader.preprocessors.GuardedExecute`, the only step that runs
   pupil code), output limited, scored by nbgrader's rules.
3. The result is built from those scores, outside the sandbox. No gradebook file is
   written per hand-in (a course's gradebook is written by :mod:`.course`).
"""
from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import logging
import os
import sys
import warnings
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from sqlalchemy.exc import SAWarning
from nbgrader import api as nbgrader_api
from nbgrader import utils as nbgrader_utils
from nbgrader.api import Gradebook

from kodefag.python_errors import error_class, explain
from kodefag.sandbox import require_bwrap

from .preprocessors import (AUTOGRADE, KODEFAG_ERRORS, SOURCE_CELLS, STORE_SOURCE, GradingError, apply,
                            start_fork_server, start_warm_kernel, stop_warm_kernel)

LOG = logging.getLogger(__name__)
#: the grader's message for an exercise the pupil has not written yet (Tjek says the same)
NOT_WRITTEN = "Du mangler at skrive din kode."
# nbgrader 0.9.6 with SQLAlchemy 2.1 warns about its own session use on every submission
warnings.filterwarnings("ignore", category=SAWarning, module=r"nbgrader\.")
NOTEBOOK_ID = "notebook"
ASSIGNMENT_ID = "opgave"
STUDENT_ID = "elev"
MAX_MESSAGE_CHARS = 300
__all__ = ["GradingError", "NotebookError", "grade", "grade_notebook", "read_notebook", "start_fork_server",
           "start_warm_kernel", "stop_warm_kernel", "warm_up"]


class NotebookError(ValueError):
    """The source or submission is not a readable notebook (an operator-level error)."""


def read_notebook(path: Path) -> NotebookNode:
    """Read and validate a notebook file, or raise NotebookError with a clear reason."""
    path = Path(path)
    if not path.is_file():
        raise NotebookError(f"{path}: file not found")
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as error:  # nbformat raises many kinds: JSON, schema, unicode
        raise NotebookError(f"{path}: not a Jupyter notebook ({error.__class__.__name__}: {error})") from None
    if not isinstance(nb.get("cells"), list):
        raise NotebookError(f"{path}: not a Jupyter notebook (no cells)")
    for cell in nb.cells:
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            raise NotebookError(f"{path}: not a Jupyter notebook (a cell without a valid cell_type)")
        if not isinstance(cell.get("source", ""), str):
            raise NotebookError(f"{path}: not a Jupyter notebook (a cell's source is not text)")
    return nb


def grade_notebook(source: Path, submission: Path, *, cell_timeout: float, notebook_timeout: float) -> dict:
    """Grade ``submission`` against the nbgrader SOURCE notebook ``source``.

    Returns ``{"score", "max_score", "cells": [...], "messages": [...]}`` with
    Danish messages for the pupil. Raises NotebookError for unreadable files and
    GradingError when the sandbox itself fails - never because of pupil code.
    """
    return grade(source, submission, cell_timeout=cell_timeout, notebook_timeout=notebook_timeout)[0]


def grade(source: Path, submission: Path, *, cell_timeout: float,
          notebook_timeout: float) -> tuple[dict, NotebookNode]:
    """Like :func:`grade_notebook`, also returning the graded (autograded) notebook."""
    require_bwrap()  # refuse before reading anything when pupil code cannot be sandboxed
    stored, kernelspec = source_cells(source)
    pupil_nb = read_notebook(submission)
    resources = _resources()
    resources["kodefag"] = {"stored": copy.deepcopy(stored), "kernelspec": kernelspec,
                            "limits": (cell_timeout, notebook_timeout), "messages": [], "grades": {}}
    nb, resources = apply(AUTOGRADE, pupil_nb, resources)
    ours = resources["kodefag"]
    return collect_result(nb, stored, ours["grades"], ours["messages"]), nb


#: sha256 of a source notebook file -> (trusted cells by grade_id, kernelspec); one per process
_SOURCE_CACHE: dict[str, tuple[dict, dict | None]] = {}


def source_cells(source: Path) -> tuple[dict[str, NotebookNode], dict | None]:
    """The trusted cells ``generate_assignment`` makes of ``source`` and its kernelspec (cached).

    Keyed by the file's content, so an edited source is read again. The caller must
    not change the cells it gets (``grade`` works on a copy).
    """
    source = Path(source)
    try:
        key = hashlib.sha256(source.read_bytes()).hexdigest()
    except OSError:
        key = None
    if key is None or key not in _SOURCE_CACHE:
        source_nb = read_notebook(source)  # NotebookError for a missing or broken source
        nb, _ = apply(SOURCE_CELLS, copy.deepcopy(source_nb), _resources())
        _SOURCE_CACHE[key] = (trusted_cells(nb), source_nb.metadata.get("kernelspec"))
    return _SOURCE_CACHE[key]


def alembic_head() -> str:
    """nbgrader's gradebook schema version, read in-process from its migration scripts."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(Path(nbgrader_api.__file__).parent / "alembic"))
    return ScriptDirectory.from_config(config).get_current_head()


def cache_alembic_version() -> None:
    """nbgrader runs the ``alembic heads`` command (seconds) for every new gradebook.

    The answer never changes for an installed nbgrader: compute it once, in-process.
    """
    if not hasattr(nbgrader_api.get_alembic_version, "cache_info"):
        nbgrader_api.get_alembic_version = functools.lru_cache(maxsize=1)(alembic_head)


cache_alembic_version()  # every gradebook this process opens, including the course's


def warm_up() -> None:
    """Learn nbgrader's schema version and start the kernel template once, before a worker forks its processes.

    Every forked worker inherits both, instead of paying seconds on its first job and
    a template of its own.
    """
    cache_alembic_version()
    with venv_on_path():
        nbgrader_api.get_alembic_version()
    start_fork_server()


@contextlib.contextmanager
def venv_on_path():
    """nbgrader's Gradebook runs the ``alembic`` command: make sure ours is found."""
    old = os.environ.get("PATH", "")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{old}"
    try:
        yield
    finally:
        os.environ["PATH"] = old


def _resources() -> dict:
    return {"nbgrader": {"notebook": NOTEBOOK_ID, "assignment": ASSIGNMENT_ID, "student": STUDENT_ID}}


def store_source(source_nb: NotebookNode, resources: dict) -> dict[str, NotebookNode]:
    """What ``generate_assignment`` stores into a course gradebook: locked cells with hidden tests, checksums.

    Returns the stored cells by grade_id (the trusted copy of every nbgrader cell).
    """
    db_url = resources["nbgrader"]["db_url"]
    with Gradebook(db_url) as gradebook:
        gradebook.update_or_create_assignment(resources["nbgrader"]["assignment"])
    nb, resources = apply(STORE_SOURCE, copy.deepcopy(source_nb), resources)
    return trusted_cells(nb)


def trusted_cells(nb: NotebookNode) -> dict[str, NotebookNode]:
    """The cells of a processed source notebook that carry an nbgrader id, by id, in order."""
    return {
        cell.metadata.nbgrader["grade_id"]: cell
        for cell in nb.cells
        if "nbgrader" in cell.metadata and "grade_id" in cell.metadata.nbgrader
    }


def collect_result(nb: NotebookNode, stored: dict, grades: dict, messages: list[str]) -> dict:
    """The result dict: nbgrader's automatic score of every graded source cell, Danish reasons."""
    cells = []
    outputs_by_id = {
        cell.metadata.nbgrader["grade_id"]: cell
        for cell in nb.cells
        if nbgrader_utils.is_grade(cell)
    }
    for grade_id, source_cell in stored.items():
        if not nbgrader_utils.is_grade(source_cell):
            continue
        score = grades.get(grade_id)  # None: needs a teacher (as nbgrader's gradebook says)
        score = None if score is None else float(score)
        max_score = float(source_cell.metadata.nbgrader.get("points", 0))
        status = _status(score, max_score)
        cells.append({"grade_id": grade_id, "score": score, "max_score": max_score, "status": status})
        if status in ("failed", "partial") and grade_id in outputs_by_id:
            message = _failure_message(outputs_by_id[grade_id])
            if message:
                messages.append(f"{grade_id}: {message}")
    return {
        "score": sum(cell["score"] or 0 for cell in cells),
        "max_score": sum(cell["max_score"] for cell in cells),
        "cells": cells,
        "messages": messages,
    }


def _status(score, max_score) -> str:
    if score is None:
        return "manual"
    if score >= max_score:
        return "passed"
    if score <= 0:
        return "failed"
    return "partial"


def _failure_message(cell: NotebookNode) -> str | None:
    """A short Danish reason why a test cell failed, from its error output."""
    for output in cell.get("outputs", []):
        if output.output_type != "error":
            continue
        ename, evalue = output.get("ename", ""), str(output.get("evalue", ""))
        if ename in KODEFAG_ERRORS:
            return None  # already explained in the messages
        if ename == "AssertionError" and evalue:
            return _short(evalue)
        if ename == "AssertionError":
            return "En test fejlede."
        if ename == "NotImplementedError":  # the release's stub, untouched
            return NOT_WRITTEN
        if ename == "NameError":
            return _short(f"Testen kunne ikke finde et navn ({evalue}). Har du skrevet og kørt din kode?")
        kind = error_class(ename)
        if kind is None:  # an error class of the pupil's own or of a library
            return _short(f"Din kode gav en fejl ({ename}).")
        return _short(explain(kind, evalue))  # the same Danish sentence as in the pupil's kernel
    return None


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 3] + "..."
