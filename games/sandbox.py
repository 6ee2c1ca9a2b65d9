"""The one place where games code starts a process that runs pupils' code.

Grading and ``kodefag pgzero run`` use :func:`run`: the grader's bubblewrap
sandbox (:mod:`kodefag.grader.sandbox`). The notebook player uses :func:`spawn`:
the game runs inside the pupil's own server (their own code, their own rights),
so a child process with resource limits in its own session is enough - it keeps
an endless loop or a memory hog from taking the kernel down.
"""
import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

GAMES_DIR = Path(__file__).resolve().parent
"""kodefag.games itself, mounted read-only into the sandbox (the child imports it)."""
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


def run(argv, stdin=b"", *, timeout, workdir, own_code=False):
    """Run argv sandboxed with workdir as its only writable folder; kill it all after timeout.

    Uses the grader's bubblewrap sandbox (kodefag.grader.sandbox: own uid, no
    network, read-only system) when that module exists; raises its
    SandboxUnavailable when bubblewrap is missing. Without the module (a
    games-only checkout), or with own_code=True (a pupil checking their own game
    inside their own server, where they run it anyway), the runner is rlimits
    and a process group.
    """
    try:
        from kodefag.grader import sandbox as grader_sandbox
    except ImportError:
        grader_sandbox = None
    if grader_sandbox is None or own_code:
        return _run_limited(argv, stdin, timeout=timeout, cwd=workdir)
    result = grader_sandbox.run_sandboxed(
        argv,
        workdir=Path(workdir),
        stdin=stdin,
        cpu_seconds=int(timeout) + 1,
        wall_seconds=timeout,
        memory_bytes=MEMORY_BYTES,
        max_file_bytes=FILE_BYTES,
        max_output_bytes=OUTPUT_BYTES,
        ro_binds=(GAMES_DIR,),
    )
    return Completed(result.returncode, result.stdout, result.stderr, result.timed_out)


def _run_limited(argv, stdin, *, timeout, cwd):
    """Fallback: rlimits, own session, whole process group killed after timeout."""
    process = spawn(argv, cwd=cwd, cpu_seconds=timeout)
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
