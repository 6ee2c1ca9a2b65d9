"""Grade one pupil notebook with nbgrader's autograde pipeline, pupil code sandboxed.

Stock ``nbgrader autograde`` keeps a course folder and a gradebook the pupil's
kernel can read and write. Here the pieces are split by trust:

1. The SOURCE notebook goes through what ``generate_assignment`` stores
   (:data:`~kodefag.grader.preprocessors.STORE_SOURCE`) into a throw-away gradebook
   in a private temp folder: hidden tests included, cached per source per process.
2. The pupil's notebook goes through :data:`~kodefag.grader.preprocessors.AUTOGRADE`,
   nbgrader's steps plus ours, one transformation each: metadata and deleted tests
   repaired, sanitized, executed with the kernel in the sandbox
   (:class:`~kodefag.grader.preprocessors.GuardedExecute`, the only step that runs
   pupil code), output limited, grades saved into the private gradebook.
3. The result is read back from that gradebook, outside the sandbox.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import logging
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from sqlalchemy.exc import SAWarning
from nbgrader import api as nbgrader_api
from nbgrader import utils as nbgrader_utils
from nbgrader.api import Gradebook, MissingEntry

from kodefag.sandbox import require_bwrap

from .preprocessors import (AUTOGRADE, KODEFAG_ERRORS, STORE_SOURCE, GradingError, apply, start_warm_kernel,
                            stop_warm_kernel)

LOG = logging.getLogger(__name__)
#: the grader's message for an exercise the pupil has not written yet (Tjek says the same)
NOT_WRITTEN = "Du mangler at skrive din kode."
# nbgrader 0.9.6 with SQLAlchemy 2.1 warns about its own session use on every submission
warnings.filterwarnings("ignore", category=SAWarning, module=r"nbgrader\.")
NOTEBOOK_ID = "notebook"
ASSIGNMENT_ID = "opgave"
STUDENT_ID = "elev"
MAX_MESSAGE_CHARS = 300
__all__ = ["GradingError", "NotebookError", "grade", "grade_notebook", "read_notebook", "start_warm_kernel",
           "stop_warm_kernel", "warm_up"]


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
    source_nb = read_notebook(source)
    pupil_nb = read_notebook(submission)
    with tempfile.TemporaryDirectory(prefix="kodefag-gradebook-") as private:
        template, stored = source_gradebook(source_nb)
        gradebook_path = Path(private) / "gradebook.db"
        shutil.copyfile(template, gradebook_path)
        resources = _resources(f"sqlite:///{gradebook_path}")
        resources["kodefag"] = {"stored": stored, "limits": (cell_timeout, notebook_timeout), "messages": []}
        add_submission(resources)
        nb, resources = apply(AUTOGRADE, pupil_nb, resources)
        return collect_result(nb, stored, resources, resources["kodefag"]["messages"]), nb


#: source notebook hash -> (gradebook template file, stored cells); one per process
_SOURCE_CACHE: dict[str, tuple[Path, dict]] = {}
_CACHE_DIR: list[Path] = []


def source_gradebook(source_nb: NotebookNode) -> tuple[Path, dict]:
    """A gradebook holding what generate_assignment stores for this source (cached).

    Creating an nbgrader gradebook costs a second (it runs ``alembic heads``), so
    each process builds one per source notebook and copies the file per job.
    """
    key = hashlib.sha256(nbformat.writes(source_nb).encode()).hexdigest()
    if key not in _SOURCE_CACHE or not _SOURCE_CACHE[key][0].exists():
        if not _CACHE_DIR or not _CACHE_DIR[0].is_dir():
            _CACHE_DIR[:] = [Path(tempfile.mkdtemp(prefix="kodefag-sources-"))]
        path = _CACHE_DIR[0] / f"{key}.db"
        path.unlink(missing_ok=True)
        cache_alembic_version()
        with venv_on_path():
            stored = store_source(source_nb, _resources(f"sqlite:///{path}"))
        _SOURCE_CACHE[key] = (path, stored)
    path, stored = _SOURCE_CACHE[key]
    return path, copy.deepcopy(stored)


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
    """Learn nbgrader's schema version once, before a worker forks its processes.

    Every forked worker inherits it, instead of paying seconds on its first job.
    """
    cache_alembic_version()
    with venv_on_path():
        nbgrader_api.get_alembic_version()


@contextlib.contextmanager
def venv_on_path():
    """nbgrader's Gradebook runs the ``alembic`` command: make sure ours is found."""
    old = os.environ.get("PATH", "")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{old}"
    try:
        yield
    finally:
        os.environ["PATH"] = old


def add_submission(resources: dict) -> None:
    """Register the (anonymous) pupil's submission, as autograde's init_assignment does."""
    with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
        gradebook.update_or_create_student(STUDENT_ID)
        gradebook.add_submission(ASSIGNMENT_ID, STUDENT_ID)


def _resources(db_url: str) -> dict:
    return {
        "nbgrader": {
            "notebook": NOTEBOOK_ID,
            "assignment": ASSIGNMENT_ID,
            "student": STUDENT_ID,
            "db_url": db_url,
        }
    }


def store_source(source_nb: NotebookNode, resources: dict) -> dict[str, NotebookNode]:
    """What ``generate_assignment`` stores: locked cells with hidden tests, checksums.

    Returns the stored cells by grade_id (the trusted copy of every nbgrader cell).
    """
    db_url = resources["nbgrader"]["db_url"]
    with Gradebook(db_url) as gradebook:
        gradebook.update_or_create_assignment(resources["nbgrader"]["assignment"])
    nb, resources = apply(STORE_SOURCE, copy.deepcopy(source_nb), resources)
    return {
        cell.metadata.nbgrader["grade_id"]: cell
        for cell in nb.cells
        if "nbgrader" in cell.metadata and "grade_id" in cell.metadata.nbgrader
    }


def collect_result(nb: NotebookNode, stored: dict, resources: dict, messages: list[str]) -> dict:
    """Read the grades back from the private gradebook into the result dict."""
    cells = []
    outputs_by_id = {
        cell.metadata.nbgrader["grade_id"]: cell
        for cell in nb.cells
        if nbgrader_utils.is_grade(cell)
    }
    with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
        for grade_id, source_cell in stored.items():
            if not nbgrader_utils.is_grade(source_cell):
                continue
            try:
                grade = gradebook.find_grade(grade_id, NOTEBOOK_ID, ASSIGNMENT_ID, STUDENT_ID)
                score, max_score = grade.auto_score, float(grade.max_score)
            except MissingEntry:
                score, max_score = 0.0, float(source_cell.metadata.nbgrader.get("points", 0))
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
        if ename == "MemoryError":
            return "Din kode brugte for meget hukommelse."
        return _short(f"Din kode gav fejlen {ename}: {evalue}")
    return None


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 3] + "..."
