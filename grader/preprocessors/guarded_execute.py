"""GuardedExecute: nbgrader's Execute step with the kernel in the sandbox and the kernel guard.

Only this step runs pupil code. The kernel is started through :mod:`kodefag.sandbox`
(policy GRADING: bubblewrap, a uid of the pool, cgroups) and talks over unix sockets
in the job folder; the notebook file, the gradebook and the hidden tests never enter
the sandbox, and each test cell's code is sent only when it is its turn. Before every
test cell the kernel's hijackable state is restored (:mod:`kodefag.grader.kernel_guard`).
A cell that runs too long or kills its kernel gets an error and a fresh kernel (the
earlier successful cells are replayed), so one bad cell costs only its own points.
"""
from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import math
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import nbformat
import psutil
import zmq
import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.connect import channel_socket_types
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbformat import NotebookNode
from nbgrader import utils as nbgrader_utils
from nbgrader.preprocessors import Execute

from kodefag.fork_sandbox import ForkServer, ForkServerError, spawn_request
from kodefag.sandbox import (
    SANDBOX_HOME,
    JobFolder,
    Limits,
    SandboxUnavailable,
    job_cgroups,
    job_processes,
    kill_job,
    lock_workdir,
    prepare_workdir,
    reserve_uid,
    sandbox_available,
    sandbox_command,
)

from .cells import kodefag_resources

LOG = logging.getLogger(__name__)
#: output kept per cell and per notebook, in bytes (stock nbgrader only counts lines)
MAX_CELL_OUTPUT_BYTES = 64 * 1024
MAX_NOTEBOOK_OUTPUT_BYTES = 1024 * 1024
KERNEL_MEMORY_BYTES = 2 * 1024 * 1024 * 1024
#: largest single message accepted from a kernel (the 50 MB line of the research table fits)
MAX_KERNEL_MESSAGE_BYTES = 100 * 1024 * 1024
KERNEL_STARTUP_SECONDS = 30
#: after this long a cell runs at the lowest CPU priority (see _yield_cpu_after)
LONG_CELL_SECONDS = 1.0

#: kodefag.grader itself, bound read-only into the sandbox: kernels import the
#: kernel guard and the checks library (kodefag.grader.checks) from it
GRADER_DIR = Path(__file__).resolve().parent.parent
GUARD_MODULE = "kodefag.grader.kernel_guard"
#: ipykernel's launcher without the debugger (see kodefag.grader.kernel_launcher)
LAUNCHER_MODULE = "kodefag.grader.kernel_launcher"
#: the template grading kernels are forked from (see kodefag.fork_sandbox)
TEMPLATE_MODULE = "kodefag.grader.fork_template"
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]
INSTALL_EXPRESSION = f"__import__({GUARD_MODULE!r}, fromlist=['install']).install()"
RESTORE_EXPRESSION = f"__import__({GUARD_MODULE!r}, fromlist=['restore']).restore()"
#: error names this step puts into cells itself (the pupil's messages explain them)
KODEFAG_ERRORS = {"Tidsgraense", "KernelDoede", "IkkeKoert", "TestIkkeSikker"}


class GradingError(RuntimeError):
    """Grading could not run at all (sandbox or kernel failure), not the pupil's fault."""


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
    """A kernel manager whose kernel runs in the sandbox, talking over unix sockets.

    With a fork server (root and bubblewrap) the kernel is forked from the template,
    already past ipykernel's imports; otherwise bubblewrap starts a fresh Python.
    """

    def __init__(self, *, workdir: Path, uid: int | None, limits: Limits, groups: list[Path] = (), **kwargs):
        name = f".kernel-{uuid.uuid4().hex[:8]}"  # fresh socket names for every restart
        # one ZeroMQ context per process (pyzmq makes a new one after a fork): a context of
        # their own per kernel and per client cost two I/O threads started and ended per hand-in
        super().__init__(kernel_name="python3", transport="ipc", ip=str(workdir / name),
                         client_factory=SandboxedKernelClient, context=zmq.asyncio.Context.instance(), **kwargs)
        self.sandbox_workdir = workdir
        self.sandbox_uid = uid
        self.sandbox_limits = limits
        self.sandbox_groups = list(groups)
        self.fork_server = fork_server() if uid is not None else None
        self.connection_file = str(workdir / f"{name}.json")

    def client(self, **kwargs) -> SandboxedKernelClient:
        return super().client(context=self.context, **kwargs)

    async def _async_pre_start_kernel(self, **kw):
        if self.fork_server is not None and self.provisioner is None:
            self.kernel_id = self.kernel_id or str(uuid.uuid4())
            self.provisioner = ForkedProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        arguments = ["-f", self.connection_file, *KERNEL_ARGUMENTS, *(extra_arguments or [])]
        if self.fork_server is not None:
            return arguments  # the forked kernel's own argv
        return sandbox_command([sys.executable, "-m", LAUNCHER_MODULE, *arguments], workdir=self.sandbox_workdir,
                               uid=self.sandbox_uid, limits=self.sandbox_limits, chdir=SANDBOX_HOME,
                               ro_binds=(GRADER_DIR,))

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if self.sandbox_uid is not None:
            os.chown(self.connection_file, self.sandbox_uid, self.sandbox_uid)


class ForkedProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, the kernel forked from the template instead of Popen."""

    async def launch_kernel(self, cmd: list[str], **kwargs) -> dict:
        km = self.parent
        request = spawn_request(workdir=km.sandbox_workdir, uid=km.sandbox_uid, limits=km.sandbox_limits,
                                argv=cmd, env=None, chdir=SANDBOX_HOME)
        with contextlib.ExitStack() as stack:
            stdout, stderr = (_output_fd(kwargs.get(name), stack) for name in ("stdout", "stderr"))
            self.process = km.fork_server.spawn(request, workdir=km.sandbox_workdir, groups=km.sandbox_groups,
                                                stdout=stdout, stderr=stderr)
        self.pid, self.pgid, self.cwd = self.process.pid, None, km.sandbox_workdir
        return self.connection_info


def _output_fd(target, stack: contextlib.ExitStack) -> int:
    """A file descriptor for a Popen-style stdout/stderr argument (DEVNULL, a file, a descriptor)."""
    if target is None or target == subprocess.DEVNULL:
        return stack.enter_context(open(os.devnull, "wb")).fileno()
    return target if isinstance(target, int) else target.fileno()


#: this process's fork server: [] not tried yet, [None] none here, [server]
_fork_server: list = []


def fork_server() -> ForkServer | None:
    """The template grading kernels of this process are forked from, started on first use.

    Only as root (children drop to the uid pool) with bubblewrap; otherwise, or if it
    will not start, None and kernels start as fresh sandboxed processes. Forked grading
    workers share their parent's (:func:`start_fork_server` before they fork).
    """
    start_fork_server(wait=False)
    server = _fork_server[0]
    if server is None:
        return None
    try:
        server.wait_ready()
    except (SandboxUnavailable, OSError):
        LOG.warning("no kernel template: kernels start the slow way", exc_info=True)
        _fork_server[0] = None
        return None
    if not server.alive():
        LOG.warning("the kernel template ended; starting another")
        _fork_server.clear()
        return fork_server()
    return server


def start_fork_server(wait: bool = True) -> None:
    """Start this process's kernel template now (before forking grading workers that share it).

    ``wait=False`` lets the template import while the caller prepares other things;
    :func:`fork_server` (or another call with ``wait=True``) waits until it is ready.
    """
    if not _fork_server:
        server = None
        if os.geteuid() == 0 and sandbox_available():
            try:
                server = ForkServer([sys.executable, "-m", TEMPLATE_MODULE], ro_binds=(GRADER_DIR,),
                                    tmp_bytes=Limits().tmpfs_bytes)
            except (SandboxUnavailable, OSError):
                LOG.warning("no kernel template: kernels start the slow way", exc_info=True)
        _fork_server.append(server)
    if wait:
        fork_server()


class GuardedExecute(Execute):
    """nbgrader's Execute preprocessor, cell by cell, with a sandboxed kernel.

    Differences from stock: a cell that times out or kills the kernel is marked as
    an error and a fresh kernel continues (earlier good cells replayed); a notebook
    time limit; output capped in bytes; kernel state restored before test cells.
    """

    def __init__(self, **kwargs):
        super().__init__(interrupt_on_timeout=False, startup_timeout=KERNEL_STARTUP_SECONDS, **kwargs)

    def preprocess(self, nb, resources, km=None):
        """Run the notebook with the limits in ``resources["kodefag"]["limits"]``; messages go there too."""
        ours = kodefag_resources(resources)
        self.cell_timeout, self.notebook_timeout = ours["limits"]
        self.timeout = max(1, math.ceil(self.cell_timeout))  # nbclient's timeout is an integer trait
        self.messages = ours["messages"]
        self.limits = Limits(
            cpu_seconds=int(self.notebook_timeout) + 10,
            memory_bytes=KERNEL_MEMORY_BYTES,
            max_processes=64,
        )
        # restored cells come back from OverwriteCells as plain dicts
        return self.run(nbformat.from_dict(nb)), resources

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
        with contextlib.ExitStack() as stack:
            warm = _take_warm_kernel(self.notebook_timeout)
            if warm is not None:  # started ahead while the worker was idle; nobody has used it
                stack.enter_context(warm.held)
                self.uid, self.workdir, self.kernel_log = warm.uid, warm.workdir, warm.kernel_log
                self.km, self.kc, self.limits, self.groups = warm.km, warm.kc, warm.limits, warm.groups
            else:
                self._hold_job_resources(stack)
            try:
                run_sync(self._run_cells)()
            finally:
                if self.uid is not None:
                    kill_job(self.uid, self.groups)
        return self.nb

    def _hold_job_resources(self, stack: contextlib.ExitStack) -> None:
        """A uid of the pool (and its cgroups), a job folder and a log file, released when ``stack`` closes."""
        self.uid = stack.enter_context(reserve_uid())
        # the same groups sandbox_command puts the kernel in: finding its processes reads just these
        self.groups = job_cgroups(self.uid, self.limits) if self.uid is not None else []
        self.workdir = stack.enter_context(JobFolder())
        self.kernel_log = stack.enter_context(tempfile.TemporaryFile())
        self.km = self.kc = None

    async def _run_cells(self) -> None:
        if self.km is not None and not await self.kc.is_alive():
            await self._stop_kernel()  # a warm kernel that died while it waited
        if self.km is None:
            await self._start_kernel()
        # the notebook's time starts with a live kernel: a busy worker's slow start is not the pupil's
        deadline = time.monotonic() + self.notebook_timeout
        succeeded: list[int] = []
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
        limit = max(1, math.ceil(min(self.cell_timeout, remaining)))
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
        for pid in job_processes(self.uid, self.groups):
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
        self.km = SandboxedKernelManager(workdir=self.workdir, uid=self.uid, limits=self.limits, groups=self.groups)
        try:
            try:
                await self.async_start_new_kernel(stdout=subprocess.DEVNULL, stderr=self.kernel_log)
            except ForkServerError:  # the template could not: a fresh Python in bubblewrap, as without one
                LOG.warning("forked kernel failed, starting one the slow way", exc_info=True)
                await self._stop_kernel()
                prepare_workdir(self.workdir, self.uid)
                self.km = SandboxedKernelManager(workdir=self.workdir, uid=self.uid, limits=self.limits,
                                                 groups=self.groups)
                self.km.fork_server = None
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
            kill_job(self.uid, self.groups)

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
        """Processes pupil code started (not the kernel) could tamper with it during a test.

        The sandbox's PID 1 and the kernel are pids 1 and 2 of the job's PID namespace
        (bubblewrap's init and its program, or the forked job's init and kernel); pupil
        code cannot take those numbers while they live.
        """
        if self.uid is None or self.km is None:
            return
        for pid in job_processes(self.uid, self.groups):
            if _pid_inside(pid) not in (1, 2):
                with contextlib.suppress(psutil.Error):
                    psutil.Process(pid).kill()


def _pid_inside(pid: int) -> int | None:
    """A process's pid in its innermost PID namespace (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("NSpid:"):
                    return int(line.split()[-1])
    except OSError:
        return None
    return None


#: the kernel started ahead in this worker process (at most one; each serves one notebook)
_warm: list[GuardedExecute] = []
#: a warm kernel's CPU limit is set before its notebook is known: enough for the longest limit an activity sets
WARM_NOTEBOOK_SECONDS = 300


def start_warm_kernel() -> None:
    """Start the next notebook's sandboxed kernel now, while this worker has nothing to do.

    Starting Python with ipykernel in the sandbox is most of a short grading's time. A
    worker that would otherwise wait starts it ahead, so the next pupil's result does
    not wait for it. The kernel is fresh - no pupil code has run in it - and serves
    exactly one notebook: it is never reused across pupils.
    """
    if _warm or not sandbox_available():
        return  # without a sandbox the next job is refused anyway, and says why
    warm = GuardedExecute()
    warm.cell_timeout = KERNEL_STARTUP_SECONDS
    warm.limits = Limits(cpu_seconds=WARM_NOTEBOOK_SECONDS + 10, memory_bytes=KERNEL_MEMORY_BYTES, max_processes=64)
    warm.held = contextlib.ExitStack()
    try:
        warm._hold_job_resources(warm.held)
        run_sync(warm._start_kernel)()
    except Exception:  # the next job starts its own kernel, as without a warm one
        LOG.warning("could not start a warm kernel", exc_info=True)
        _close_warm(warm)
        return
    _warm.append(warm)


def stop_warm_kernel() -> None:
    """Stop the warm kernel, if any (a worker shutting down)."""
    while _warm:
        _close_warm(_warm.pop())


def _take_warm_kernel(notebook_timeout: float) -> GuardedExecute | None:
    if not _warm:
        return None
    warm = _warm.pop()
    if notebook_timeout > WARM_NOTEBOOK_SECONDS:
        _close_warm(warm)
        return None
    return warm


def _close_warm(warm: GuardedExecute) -> None:
    try:
        run_sync(warm._stop_kernel)()
    finally:
        warm.held.close()


def _has_error(cell: NotebookNode, ename: str) -> bool:
    return any(output.get("ename") == ename for output in cell.get("outputs", []))


def _message_bytes(content: dict) -> int:
    if "text" in content:
        return len(content["text"].encode(errors="ignore"))
    return len(json.dumps(content.get("data", {})).encode()) + len(json.dumps(content.get("traceback", [])).encode())
