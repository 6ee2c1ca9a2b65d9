"""The one place the simulator starts a process for pupil code.

Pupil programs run in a separate process with limits: through the grader's
sandbox (:mod:`kodefag.grader.sandbox`: bubblewrap, no network, own uid,
rlimits) when it is available, otherwise through a small fallback with
rlimits, a fresh session and a kill of the whole process group.
"""
from __future__ import annotations

import json
import logging
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

#: -s -P instead of -I: -I would also ignore PYTHONHASHSEED, and set order must not vary between runs
CHILD = ["-s", "-P", "-m", "kodefag.microbit.simulator.child"]
MEMORY_BYTES = 1024 * 1024 * 1024
MAX_OUTPUT_BYTES = 8 * 1024 * 1024


class RunnerError(RuntimeError):
    """The simulator process could not be run or gave no answer (English, for operator logs)."""


def run_job(job: dict, wall_seconds: float, isolation: str = "sandbox") -> tuple[dict | None, str]:
    """Run a simulation job in a limited child process.

    ``isolation="sandbox"`` uses the grader's sandbox when this machine has it;
    ``"process"`` always uses the plain limited child (the pupil's own notebook
    kernel, which runs their code anyway). Returns (result, problem): the result
    dict, or None with a short English reason ("timeout", "crashed: ...").
    """
    payload = json.dumps(job).encode("utf-8")
    cpu_seconds = int(wall_seconds) + 2
    sandbox = _grader_sandbox() if isolation == "sandbox" else None
    for attempt in range(2):
        if sandbox is not None:
            stdout, problem = _run_in_grader_sandbox(sandbox, payload, wall_seconds, cpu_seconds)
        else:
            stdout, problem = _run_fallback(payload, wall_seconds, cpu_seconds)
        if problem != "crashed: exit 137":
            break
        # SIGKILL from outside (another job's cleanup, the OOM killer): one more try
        log.warning("microbit simulator was killed (attempt %d)", attempt + 1)
    if problem:
        return None, problem
    try:
        return json.loads(stdout.decode("utf-8")), ""
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, "unreadable output"


def _grader_sandbox():
    if os.environ.get("KODEFAG_MICROBIT_SANDBOX", "auto") == "fallback":
        return None
    try:
        from kodefag.grader import sandbox
        sandbox.require_bwrap()
    except Exception:  # not built yet, or no bubblewrap on this machine
        return None
    return sandbox


def _package_dirs() -> list[Path]:
    import kodefag.microbit

    return [Path(kodefag.microbit.__file__).resolve().parent]


def _run_in_grader_sandbox(sandbox, payload: bytes, wall_seconds: float, cpu_seconds: int):
    with tempfile.TemporaryDirectory(prefix="kodefag-mb-") as tmp:
        result = sandbox.run_sandboxed(
            [sys.executable, *CHILD], workdir=Path(tmp), cpu_seconds=cpu_seconds, wall_seconds=wall_seconds + 3,
            memory_bytes=MEMORY_BYTES, max_output_bytes=MAX_OUTPUT_BYTES, stdin=payload,
            ro_binds=tuple(_package_dirs()), env={"PYTHONHASHSEED": "0"},
        )
    if result.timed_out:
        return b"", "timeout"
    if result.returncode != 0:
        log.warning("microbit simulator exited %s: %s", result.returncode, result.stderr[-2000:])
        return b"", f"crashed: exit {result.returncode}"
    return result.stdout, ""


def _limit_child(cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024 * 1024, 1024 * 1024))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _run_fallback(payload: bytes, wall_seconds: float, cpu_seconds: int):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryDirectory(prefix="kodefag-mb-") as tmp, tempfile.TemporaryFile() as out, \
            tempfile.TemporaryFile() as err:
        env["HOME"] = tmp
        process = subprocess.Popen([sys.executable, *CHILD], stdin=subprocess.PIPE, stdout=out, stderr=err,
                                   cwd=tmp, env=env, start_new_session=True,
                                   preexec_fn=lambda: _limit_child(cpu_seconds))
        try:
            process.communicate(payload, timeout=wall_seconds + 3)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
        if timed_out:
            return b"", "timeout"
        if process.returncode != 0:
            err.seek(0)
            log.warning("microbit simulator exited %s: %s", process.returncode, err.read()[-2000:])
            return b"", f"crashed: exit {process.returncode}"
        out.seek(0)
        data = out.read(MAX_OUTPUT_BYTES + 1)
        if len(data) > MAX_OUTPUT_BYTES:
            return b"", "output too large"
        return data, ""
