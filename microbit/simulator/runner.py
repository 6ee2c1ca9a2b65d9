"""The one place the simulator starts a process for pupil code.

Pupil programs run in a separate process through the one sandbox interface
(:mod:`kodefag.sandbox`): ``Policy.GRADING`` (bubblewrap, no network, own uid)
when the platform runs them - grading, and simulations the portal queues - and
``Policy.OWN_CODE`` (same limits, own session) for ``%%microbit`` in the
pupil's own kernel, which runs their code anyway. There is no silent fallback:
without bubblewrap a GRADING run refuses (SandboxUnavailable).
"""
from __future__ import annotations

import json
import logging
import sys
import tempfile
from pathlib import Path

from kodefag.sandbox import Limits, Policy, run

log = logging.getLogger(__name__)

#: -s -P instead of -I: -I would also ignore PYTHONHASHSEED, and set order must not vary between runs
CHILD = ["-s", "-P", "-m", "kodefag.microbit.simulator.child"]
LIMITS = Limits(memory_bytes=1024 * 1024 * 1024, max_file_bytes=1024 * 1024, max_open_files=64)
MAX_OUTPUT_BYTES = 8 * 1024 * 1024
#: kodefag.microbit itself, bound read-only into the sandbox (the child imports it)
MICROBIT_DIR = Path(__file__).resolve().parent.parent
#: seconds for starting Python on a busy machine, beyond the simulation's own limit
START_SECONDS = 3
#: how a SIGKILL from outside shows: directly (own code) or through bubblewrap (128 + 9)
KILLED = ("crashed: exit -9", "crashed: exit 137")


def run_job(job: dict, wall_seconds: float, policy: Policy) -> tuple[dict | None, str]:
    """Run a simulation job in a limited child process under ``policy``.

    Returns (result, problem): the result dict, or None with a short English
    reason ("timeout", "crashed: ...", "output too large").
    """
    payload = json.dumps(job).encode("utf-8")
    for attempt in range(2):
        stdout, problem = _run_once(payload, wall_seconds + START_SECONDS, policy)
        if problem not in KILLED:
            break
        # SIGKILL from outside (another job's cleanup, the OOM killer): one more try
        log.warning("microbit simulator was killed (attempt %d)", attempt + 1)
    if problem:
        return None, problem
    try:
        return json.loads(stdout.decode("utf-8")), ""
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, "unreadable output"


def _run_once(payload: bytes, wall_seconds: float, policy: Policy) -> tuple[bytes, str]:
    with tempfile.TemporaryDirectory(prefix="kodefag-mb-") as tmp:
        result = run([sys.executable, *CHILD], policy=policy, workdir=Path(tmp),
                     limits=LIMITS.with_cpu_for(wall_seconds), wall_seconds=wall_seconds,
                     max_output_bytes=MAX_OUTPUT_BYTES, stdin=payload, ro_binds=(MICROBIT_DIR,),
                     env={"PYTHONHASHSEED": "0"})
    if result.timed_out:
        return b"", "timeout"
    if result.output_truncated:
        return b"", "output too large"
    if result.returncode != 0:
        log.warning("microbit simulator exited %s: %s", result.returncode, result.stderr[-2000:])
        return b"", f"crashed: exit {result.returncode}"
    return result.stdout, ""
