"""Grade one pupil notebook with nbgrader's autograde pipeline, pupil code sandboxed.

Stock ``nbgrader autograde`` keeps a course folder and a gradebook the pupil's
kernel can read and write. Here the pieces are split by trust:

1. OUTSIDE the sandbox (this process): the SOURCE notebook goes through the
   ``generate_assignment`` steps that matter for grading (LockCells,
   ClearSolutions, ComputeChecksums, SaveCells) into a throw-away gradebook in a
   private temp folder - exactly what nbgrader would have stored for the assignment,
   hidden tests included. The pupil's notebook then goes through autograde's
   sanitize steps (ClearOutput, DeduplicateIds, OverwriteKernelspec,
   OverwriteCells with ``add_missing_cells`` on, CheckCellMetadata), after we have
   replaced every cell's nbgrader metadata by the source's (pupils can edit
   metadata).
2. INSIDE the sandbox: only the kernel. nbgrader's ``Execute`` preprocessor (an
   nbclient) runs here and talks to a kernel started through
   :mod:`kodefag.sandbox` (policy GRADING) over unix sockets in the job folder. The notebook
   file, the gradebook and the hidden tests never enter the sandbox; each test
   cell's code is sent only when it is its turn. Before every test cell the kernel's
   hijackable state is restored (:mod:`kodefag.grader.kernel_guard`). A cell that
   runs too long or kills its kernel gets an error and a fresh kernel (the earlier
   successful cells are replayed), so one bad cell costs only its own points.
3. OUTSIDE again: LimitOutput, stderr made harmless (library warnings must not zero
   a correct answer; only errors count), SaveAutoGrades into the private gradebook,
   then the result is read back from it.
"""
from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path

import nbformat
import psutil
import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.connect import channel_socket_types
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbformat import NotebookNode
from sqlalchemy.exc import SAWarning
from nbgrader import api as nbgrader_api
from nbgrader import utils as nbgrader_utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearHiddenTests,
    ClearOutput,
    ClearSolutions,
    ComputeChecksums,
    DeduplicateIds,
    Execute,
    IgnorePattern,
    LimitOutput,
    LockCells,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
    SaveCells,
)

from kodefag.sandbox import (
    SANDBOX_HOME,
    require_bwrap,
    JobFolder,
    Limits,
    kill_uid,
    lock_workdir,
    prepare_workdir,
    processes_of,
    reserve_uid,
    sandbox_command,
)

LOG = logging.getLogger(__name__)
#: nbgrader's preprocessors log every restored cell as a warning; we report those ourselves
NBGRADER_LOG = logging.getLogger("kodefag.grader.nbgrader")
NBGRADER_LOG.setLevel(logging.ERROR)
# nbgrader 0.9.6 with SQLAlchemy 2.1 warns about its own session use on every submission
warnings.filterwarnings("ignore", category=SAWarning, module=r"nbgrader\.")
NOTEBOOK_ID = "notebook"
ASSIGNMENT_ID = "opgave"
STUDENT_ID = "elev"
#: output kept per cell and per notebook, in bytes (stock nbgrader only counts lines)
MAX_CELL_OUTPUT_BYTES = 64 * 1024
MAX_NOTEBOOK_OUTPUT_BYTES = 1024 * 1024
KERNEL_MEMORY_BYTES = 2 * 1024 * 1024 * 1024
#: largest single message accepted from a kernel (the 50 MB line of the research table fits)
MAX_KERNEL_MESSAGE_BYTES = 100 * 1024 * 1024
KERNEL_STARTUP_SECONDS = 30
MAX_MESSAGE_CHARS = 300
#: after this long a cell runs at the lowest CPU priority (see _yield_cpu_after)
LONG_CELL_SECONDS = 1.0

#: kodefag.grader itself, bound read-only into the sandbox: kernels import the
#: kernel guard and the checks library (kodefag.grader.checks) from it
GRADER_DIR = Path(__file__).resolve().parent
GUARD_MODULE = "kodefag.grader.kernel_guard"
INSTALL_EXPRESSION = f"__import__({GUARD_MODULE!r}, fromlist=['install']).install()"
RESTORE_EXPRESSION = f"__import__({GUARD_MODULE!r}, fromlist=['restore']).restore()"


class NotebookError(ValueError):
    """The source or submission is not a readable notebook (an operator-level error)."""


class GradingError(RuntimeError):
    """Grading could not run at all (sandbox or kernel failure), not the pupil's fault."""


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
        add_submission(resources)
        messages = restore_metadata(pupil_nb, stored)
        nb = sanitize(pupil_nb, resources)
        runner = SandboxedExecute(cell_timeout=cell_timeout, notebook_timeout=notebook_timeout)
        nb = runner.run(nb)
        messages += runner.messages
        nb = finish(nb, resources)
        return collect_result(nb, stored, resources, messages), nb


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
    nb = copy.deepcopy(source_nb)
    for preprocessor in (LockCells(log=NBGRADER_LOG), ClearSolutions(log=NBGRADER_LOG), ClearOutput(log=NBGRADER_LOG), CheckCellMetadata(log=NBGRADER_LOG), ComputeChecksums(log=NBGRADER_LOG), SaveCells(log=NBGRADER_LOG)):
        nb, resources = preprocessor.preprocess(nb, resources)
    return {
        cell.metadata.nbgrader["grade_id"]: cell
        for cell in nb.cells
        if "nbgrader" in cell.metadata and "grade_id" in cell.metadata.nbgrader
    }


def restore_metadata(nb: NotebookNode, stored: dict[str, NotebookNode]) -> list[str]:
    """Replace pupil-editable nbgrader metadata by the source's; report restored tests.

    Unknown grade ids lose their nbgrader metadata, so a pupil cannot invent a
    graded cell or change points. Of duplicated ids the last cell counts (a copy
    pasted higher up would run before the pupil's code). A test cell whose
    metadata was stripped is recognised by its text; a deleted one is put back.
    Locked cells whose source changed are reported here and put back by OverwriteCells.
    """
    messages = []
    last = {_grade_id(cell): index for index, cell in enumerate(nb.cells) if _grade_id(cell) in stored}
    for index, cell in enumerate(nb.cells):
        grade_id = _grade_id(cell)
        if grade_id in stored and last[grade_id] == index:
            cell.metadata["nbgrader"] = copy.deepcopy(stored[grade_id].metadata.nbgrader)
            trusted = stored[grade_id]
            if trusted.metadata.nbgrader.get("grade") and trusted.metadata.nbgrader.get("locked"):
                if cell.get("source", "").strip() not in _allowed_sources(trusted):
                    messages.append(f"Test-cellen '{grade_id}' var ændret og er sat tilbage, som din lærer lavede den.")
        elif isinstance(cell.get("metadata"), dict):
            cell.metadata.pop("nbgrader", None)
        else:
            cell["metadata"] = nbformat.NotebookNode()
    for grade_id, trusted in stored.items():
        if grade_id in last or not trusted.metadata.nbgrader.get("grade"):
            continue
        if not _retag_stripped(nb, trusted):
            _insert_missing(nb, stored, grade_id)
            messages.append(f"Test-cellen '{grade_id}' manglede og er sat ind igen.")
    return messages


def _retag_stripped(nb: NotebookNode, trusted: NotebookNode) -> bool:
    """Give a test cell whose nbgrader metadata was stripped its identity back (same text)."""
    allowed = _allowed_sources(trusted)
    for cell in reversed(nb.cells):  # the last copy counts, as for duplicated ids
        if "nbgrader" not in cell.metadata and cell.get("source", "").strip() in allowed:
            cell.metadata["nbgrader"] = copy.deepcopy(trusted.metadata.nbgrader)
            return True
    return False


def _insert_missing(nb: NotebookNode, stored: dict[str, NotebookNode], grade_id: str) -> None:
    """Put a deleted graded cell back after the nearest earlier source cell still present.

    nbgrader's own add_missing_cells fails (KeyError) when the cell before the deleted
    one was deleted too, e.g. a pupil who removed both an answer and its test.
    """
    order = list(stored)
    present = {_grade_id(cell): index for index, cell in enumerate(nb.cells)}
    position = 0
    for earlier in reversed(order[: order.index(grade_id)]):
        if earlier in present:
            position = present[earlier] + 1
            break
    cell = copy.deepcopy(stored[grade_id])
    if "id" in cell:
        cell["id"] = uuid.uuid4().hex[:12]
    nb.cells.insert(position, cell)


def _grade_id(cell) -> str | None:
    """The cell's nbgrader id, tolerating whatever a pupil's editor left in the metadata."""
    metadata = cell.get("metadata")
    nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    grade_id = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
    return grade_id if isinstance(grade_id, str) else None


def _allowed_sources(cell: NotebookNode) -> set[str]:
    """A locked cell's source as the teacher wrote it and as pupils received it."""
    released = copy.deepcopy(cell)
    released, _ = ClearHiddenTests(log=NBGRADER_LOG).preprocess_cell(released, {}, 0)
    return {cell.source.strip(), released.source.strip()}


def sanitize(nb: NotebookNode, resources: dict) -> NotebookNode:
    """autograde's sanitize steps, with deleted test cells added back."""
    overwrite = OverwriteCells(add_missing_cells=True, log=NBGRADER_LOG)
    for preprocessor in (ClearOutput(log=NBGRADER_LOG), DeduplicateIds(log=NBGRADER_LOG), OverwriteKernelspec(log=NBGRADER_LOG), overwrite, CheckCellMetadata(log=NBGRADER_LOG)):
        nb, resources = preprocessor.preprocess(nb, resources)
    return nbformat.from_dict(nb)  # restored cells come back as plain dicts


def finish(nb: NotebookNode, resources: dict) -> NotebookNode:
    """autograde's steps after execution, then the grades go into the private gradebook."""
    for preprocessor in (IgnorePattern(log=NBGRADER_LOG), LimitOutput(log=NBGRADER_LOG), StderrIsNotAnError(log=NBGRADER_LOG), SaveAutoGrades(log=NBGRADER_LOG), CheckCellMetadata(log=NBGRADER_LOG)):
        nb, resources = preprocessor.preprocess(nb, resources)
    return nb


class StderrIsNotAnError(ClearOutput):
    """Keep stderr text but stop it from zeroing a test cell.

    nbgrader's ``determine_grade`` gives 0 to any test cell with stderr output, so a
    library's DeprecationWarning would fail a correct answer. Only real errors
    (exceptions, timeouts) should count; stderr becomes a labelled stdout stream.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        if nbgrader_utils.is_grade(cell) and cell.cell_type == "code":
            for output in cell.outputs:
                if output.output_type == "stream" and output.name == "stderr":
                    output.name = "stdout"
        return cell, resources


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
        if ename == "NameError":
            return _short(f"Testen kunne ikke finde et navn ({evalue}). Har du skrevet og kørt din kode?")
        if ename == "MemoryError":
            return "Din kode brugte for meget hukommelse."
        return _short(f"Din kode gav fejlen {ename}: {evalue}")
    return None


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 3] + "..."


#: error names the runner puts into cells itself (the message list explains them)
KODEFAG_ERRORS = {"Tidsgraense", "KernelDoede", "IkkeKoert", "TestIkkeSikker"}


class SandboxedKernelClient(AsyncKernelClient):
    """A kernel client that refuses single messages over MAX_KERNEL_MESSAGE_BYTES.

    Output is capped per cell anyway, but a 1 GB print would first be received and
    decoded in the grader's own memory; ZeroMQ drops such a message instead.
    """

    def _create_connected_socket(self, channel, identity=None):
        socket = self.context.socket(channel_socket_types[channel])
        socket.linger = 1000
        socket.setsockopt(zmq.MAXMSGSIZE, MAX_KERNEL_MESSAGE_BYTES)
        if identity:
            socket.identity = identity
        socket.connect(self._make_url(channel))
        return socket


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs in the sandbox, talking over unix sockets."""

    def __init__(self, *, workdir: Path, uid: int | None, limits: Limits, **kwargs):
        name = f".kernel-{uuid.uuid4().hex[:8]}"  # fresh socket names for every restart
        super().__init__(kernel_name="python3", transport="ipc", ip=str(workdir / name),
                         client_class="kodefag.grader.engine.SandboxedKernelClient", **kwargs)
        self.sandbox_workdir = workdir
        self.sandbox_uid = uid
        self.sandbox_limits = limits
        self.connection_file = str(workdir / f"{name}.json")

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", self.connection_file]
        argv += list(extra_arguments or [])
        return sandbox_command(argv, workdir=self.sandbox_workdir, uid=self.sandbox_uid, limits=self.sandbox_limits,
                               chdir=SANDBOX_HOME, ro_binds=(GRADER_DIR,))

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if self.sandbox_uid is not None:
            os.chown(self.connection_file, self.sandbox_uid, self.sandbox_uid)


class SandboxedExecute(Execute):
    """nbgrader's Execute preprocessor, cell by cell, with a sandboxed kernel.

    Differences from stock: a cell that times out or kills the kernel is marked as
    an error and a fresh kernel continues (earlier good cells replayed); a notebook
    time limit; output capped in bytes; kernel state restored before test cells.
    """

    def __init__(self, *, cell_timeout: float, notebook_timeout: float, **kwargs):
        super().__init__(timeout=cell_timeout, interrupt_on_timeout=False, startup_timeout=KERNEL_STARTUP_SECONDS, **kwargs)
        self.cell_timeout = cell_timeout
        self.notebook_timeout = notebook_timeout
        self.messages: list[str] = []
        self.limits = Limits(
            cpu_seconds=int(notebook_timeout) + 10,
            memory_bytes=KERNEL_MEMORY_BYTES,
            max_processes=64,
        )

    # --- output limits -------------------------------------------------
    def output(self, outs, msg, display_id, cell_index):
        """Keep at most MAX_CELL_OUTPUT_BYTES per cell / MAX_NOTEBOOK_OUTPUT_BYTES in all."""
        content = msg.get("content", {})
        size = _message_bytes(content)
        cell_room = MAX_CELL_OUTPUT_BYTES - self._cell_bytes.get(cell_index, 0)
        room = min(cell_room, MAX_NOTEBOOK_OUTPUT_BYTES - self._total_bytes)
        if size > room:
            if cell_index not in self._cut_cells:
                self._cut_cells.add(cell_index)
                self.messages.append(
                    f"Din kode skrev for meget ud i celle {cell_index + 1}; "
                    f"kun de første {MAX_CELL_OUTPUT_BYTES // 1024} kB er gemt."
                )
                if msg["msg_type"] == "stream" and room > 0:
                    msg = copy.deepcopy(msg)
                    msg["content"]["text"] = msg["content"]["text"].encode()[:room].decode(errors="ignore")
                    size = room
                else:
                    return None
            else:
                return None
        self._cell_bytes[cell_index] = self._cell_bytes.get(cell_index, 0) + size
        self._total_bytes += size
        return super().output(outs, msg, display_id, cell_index)

    # --- running -------------------------------------------------------
    def run(self, nb: NotebookNode) -> NotebookNode:
        """Execute every code cell of ``nb`` in a sandboxed kernel; returns ``nb``."""
        self.nb = nb
        self.resources = {"metadata": {}}
        self.reset_execution_trackers()
        self._cell_bytes: dict[int, int] = {}
        self._cut_cells: set[int] = set()
        self._total_bytes = 0
        self._niced = False
        self._restart_failed = False
        with reserve_uid() as uid, JobFolder() as workdir, tempfile.TemporaryFile() as kernel_log:
            self.kernel_log = kernel_log
            self.uid, self.workdir = uid, workdir
            try:
                run_sync(self._run_cells)()
            finally:
                if uid is not None:
                    kill_uid(uid)
        return self.nb

    async def _run_cells(self) -> None:
        deadline = time.monotonic() + self.notebook_timeout
        succeeded: list[int] = []
        await self._start_kernel()
        try:
            for index, cell in enumerate(self.nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                remaining = deadline - time.monotonic()
                if remaining < 0.5:
                    self._mark(cell, "IkkeKoert", f"Notesbogen blev ikke færdig inden for {self.notebook_timeout:g} sekunder.")
                    continue
                if self.km is None and not self._restart_failed:  # lazily: only if a cell still needs one
                    await self._restart(succeeded, deadline)
                    remaining = deadline - time.monotonic()
                if await self._run_one(index, cell, remaining) and not nbgrader_utils.is_grade(cell):
                    succeeded.append(index)
        finally:
            await self._stop_kernel()
        if any(_has_error(cell, "IkkeKoert") for cell in self.nb.cells):
            self.messages.append(
                f"Notesbogen blev ikke færdig inden for {self.notebook_timeout:g} sekunder; "
                "de sidste celler blev ikke kørt."
            )

    async def _run_one(self, index: int, cell: NotebookNode, remaining: float) -> bool:
        """Run one cell; False if it failed in a way that needs a new kernel."""
        if self.km is None:
            self._mark(cell, "IkkeKoert", "Cellen blev ikke kørt, fordi Python ikke kunne startes igen.")
            return False
        limit = max(1, int(min(self.cell_timeout, remaining)))
        self.timeout = limit
        if nbgrader_utils.is_grade(cell) and not await self._restore_kernel_state(limit):
            self._mark(cell, "TestIkkeSikker", "Testen kunne ikke køres sikkert.")
            self.messages.append(
                f"Testen i celle {index + 1} kunne ikke køres sikkert, fordi din kode ændrede selve Python "
                "eller startede tråde, der blev ved med at køre."
            )
            await self._stop_kernel()
            return False
        yielder = asyncio.ensure_future(self._yield_cpu_after(LONG_CELL_SECONDS))
        try:
            await self.async_execute_cell(cell, index, store_history=True)
            return True
        except CellTimeoutError:
            self._mark(cell, "Tidsgraense", f"Koden stoppede ikke inden for {limit} sekunder.")
            self.messages.append(f"Din kode stoppede ikke inden for {limit} sekunder i celle {index + 1}.")
        except DeadKernelError:
            self._mark(cell, "KernelDoede", "Python stoppede under denne celle.")
            self.messages.append(
                f"Din kode stoppede Python i celle {index + 1} (fx med exit() eller for meget hukommelse). "
                "Resten af notesbogen blev kørt videre uden den celle."
            )
        finally:
            yielder.cancel()
            if self._niced:
                self._set_priority(0)
        await self._stop_kernel()
        return False

    async def _yield_cpu_after(self, seconds: float) -> None:
        """A cell still running after ``seconds`` is probably a loop: let other pupils' grading go first.

        The cell keeps its wall-clock limit; it just gets the CPU only when no
        other job needs it, so two infinite loops do not slow a whole class down.
        """
        await asyncio.sleep(seconds)
        self._set_priority(19)
        self._niced = True

    def _set_priority(self, niceness: int) -> None:
        self._niced = False
        if self.uid is None:
            return
        for pid in processes_of(self.uid):
            try:
                psutil.Process(pid).nice(niceness)
            except psutil.Error:
                pass

    def _mark(self, cell: NotebookNode, ename: str, evalue: str) -> None:
        cell.setdefault("outputs", []).append(
            nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])
        )

    async def _start_kernel(self) -> None:
        prepare_workdir(self.workdir, self.uid)  # the kernel creates its sockets here ...
        self.km = SandboxedKernelManager(workdir=self.workdir, uid=self.uid, limits=self.limits)
        try:
            await self.async_start_new_kernel(stdout=subprocess.DEVNULL, stderr=self.kernel_log)
            await self.async_start_new_kernel_client()
            lock_workdir(self.workdir, self.uid)  # ... and pupil code cannot add files to the host disk
        except Exception as error:
            await self._stop_kernel()
            raise GradingError(f"sandboxed kernel did not start: {error}\n{self._log_tail()}") from error
        if await self._user_expression(INSTALL_EXPRESSION, self.cell_timeout) != "'installed'":
            await self._stop_kernel()
            raise GradingError("sandboxed kernel did not accept the kernel guard")

    def _log_tail(self) -> str:
        """The last lines the kernel printed (for operator logs)."""
        self.kernel_log.seek(0)
        return self.kernel_log.read()[-3000:].decode(errors="replace")

    async def _stop_kernel(self) -> None:
        if self.km is not None:
            try:
                await self.km.shutdown_kernel(now=True)
            except Exception:  # already dead: nothing to stop
                pass
            if self.kc is not None:
                self.kc.stop_channels()
            self.km = self.kc = None
        if self.uid is not None:
            kill_uid(self.uid)

    async def _restart(self, succeeded: list[int], deadline: float) -> None:
        """A fresh kernel that has run the earlier good cells again (silently)."""
        try:
            await self._start_kernel()
        except GradingError as error:
            LOG.warning("kernel restart failed: %s", error)
            self._restart_failed = True
            return
        for index in succeeded:
            remaining = deadline - time.monotonic()
            if remaining < 0.5:
                return
            msg_id = self.kc.execute(self.nb.cells[index].source, silent=True, store_history=False)
            if not await self._reply_ok(msg_id, min(self.cell_timeout, remaining)):
                await self._stop_kernel()
                try:
                    await self._start_kernel()
                except GradingError:
                    self._restart_failed = True
                return

    async def _reply_ok(self, msg_id: str, timeout: float) -> bool:
        reply = await self._wait_reply(msg_id, timeout)
        return reply is not None and reply["content"].get("status") == "ok"

    async def _wait_reply(self, msg_id: str, timeout: float):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                msg = await self.kc.get_shell_msg(timeout=max(0.05, end - time.monotonic()))
            except Exception:  # queue.Empty or a dead channel
                if not await self.kc.is_alive():
                    return None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
        return None

    async def _user_expression(self, expression: str, timeout: float):
        """Evaluate ``expression`` in the kernel, past all input transformers."""
        msg_id = self.kc.execute("", silent=True, store_history=False, user_expressions={"r": expression})
        reply = await self._wait_reply(msg_id, timeout)
        if reply is None:
            return None
        result = reply["content"].get("user_expressions", {}).get("r", {})
        if result.get("status") != "ok":
            return None
        return result.get("data", {}).get("text/plain")

    async def _restore_kernel_state(self, timeout: float) -> bool:
        """Before a test: stop the pupil's extra processes, then restore the kernel itself."""
        self._kill_pupil_processes()
        return await self._user_expression(RESTORE_EXPRESSION, timeout) == "'restored'"

    def _kill_pupil_processes(self) -> None:
        """Processes pupil code started (not the kernel) could tamper with it during a test."""
        if self.uid is None or self.km is None:
            return
        for pid in processes_of(self.uid):
            try:
                process = psutil.Process(pid)
                if self.km.connection_file not in process.cmdline():
                    process.kill()
            except psutil.Error:
                pass


def _has_error(cell: NotebookNode, ename: str) -> bool:
    return any(output.get("ename") == ename for output in cell.get("outputs", []))


def _message_bytes(content: dict) -> int:
    if "text" in content:
        return len(content["text"].encode(errors="ignore"))
    return len(json.dumps(content.get("data", {})).encode()) + len(json.dumps(content.get("traceback", [])).encode())
