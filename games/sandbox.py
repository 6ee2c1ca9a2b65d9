"""The one place where games code starts a process that runs pupils' code.

Uses the grader's sandbox (:mod:`kodefag.grader.sandbox`) when it exists; until
then (and where it is not available) a child process with resource limits, its
own session (process group) and a kill of the whole group when it ends or
overruns. Callers use :func:`run` (wait for the result) or :func:`spawn` (the
notebook player, which talks to the game while it runs).
"""
import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass

MEMORY_BYTES = 1024 * 2**20
"""Address-space limit: pygame + numpy map ~220 MB; a game gets the rest."""
FILE_BYTES = 16 * 2**20
OUTPUT_BYTES = 4 * 2**20


@dataclass
class Completed:
    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool


def child_environment():
    """A small, clean environment: no secrets of the caller leak into pupils' code."""
    keep = ("PATH", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
        HOME=os.environ.get("TMPDIR", "/tmp"),
    )
    return env


def _limit(cpu_seconds):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_BYTES, FILE_BYTES))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if cpu_seconds:
            cpu = int(cpu_seconds) + 1
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))

    return apply


def python_command(module):
    """argv running module; -P keeps the game's folder (cwd) off sys.path, so a
    pupil's file called json.py or pygame.py cannot replace a real module."""
    return [sys.executable, "-P", "-X", "utf8", "-m", module]


def run(argv, stdin=b"", *, timeout, cwd=None):
    """Run argv with limits; kill its whole process group after timeout seconds."""
    process = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=child_environment(),
        start_new_session=True,
        preexec_fn=_limit(timeout),
    )
    timed_out = False
    try:
        stdout, stderr = process.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        kill_group(process)
        stdout, stderr = process.communicate()
    finally:
        kill_group(process)
    return Completed(process.returncode, stdout[:OUTPUT_BYTES], stderr[-OUTPUT_BYTES:], timed_out)


def spawn(argv, *, cwd=None, cpu_seconds=None):
    """Start argv with limits for a conversation over stdin/stdout (the player)."""
    return subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=child_environment(),
        start_new_session=True,
        preexec_fn=_limit(cpu_seconds),
    )


def kill_group(process):
    """Kill the process and everything it started (its session's process group)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
