"""The generic sandbox API other components use for pupil programs."""
import os
import sys
import time

import pytest

from kodefag.grader.sandbox import JobFolder, SandboxUnavailable, run_sandboxed


def run(code, folder, **limits):
    return run_sandboxed([sys.executable, "-c", code], workdir=folder, **limits)


def test_refuses_to_run_without_bubblewrap(grading_env, monkeypatch, tmp_path):
    monkeypatch.setenv("KODEFAG_BWRAP", "/nonexistent/bwrap")
    with pytest.raises(SandboxUnavailable, match="refusing to run pupil code"):
        run_sandboxed(["true"], workdir=tmp_path)


def test_runs_as_unprivileged_user_with_only_its_folder(grading_env):
    with JobFolder() as folder:
        (folder / "data.txt").write_text("hej")
        code = (
            "import os\n"
            "print(os.getuid(), open('data.txt').read(), os.path.exists('/work/main/var'), "
            "os.path.exists('/work/main/notebooks'), os.path.exists('/etc/shadow'), os.environ['HOME'])\n"
            "open('ud.txt', 'w').write('skrevet')"
        )
        result = run(code, folder)
        assert result.returncode == 0, result.stderr
        uid, text, var, notebooks, shadow, home = result.stdout.decode().split()
        if os.geteuid() == 0:
            assert int(uid) != 0
        assert (text, var, notebooks, shadow, home) == ("hej", "False", "False", "False", "/home/elev")
        assert (folder / "ud.txt").read_text() == "skrevet"


def test_wall_time_limit_kills_everything(grading_env):
    with JobFolder() as folder:
        started = time.monotonic()
        result = run("import os, time\nos.fork()\ntime.sleep(30)", folder, wall_seconds=1)
        assert result.timed_out and time.monotonic() - started < 5


def test_output_is_capped_in_bytes(grading_env):
    with JobFolder() as folder:
        result = run("print('x' * 5_000_000)", folder, max_output_bytes=1000)
        assert len(result.stdout) == 1000 and result.output_truncated


def test_memory_and_network_are_limited(grading_env):
    with JobFolder() as folder:
        code = (
            "import socket\n"
            "try:\n    bytearray(4 * 1024 ** 3); print('memory')\nexcept MemoryError:\n    print('no-memory')\n"
            "try:\n    socket.create_connection(('127.0.0.1', 6379), timeout=1); print('net')\n"
            "except OSError:\n    print('no-net')"
        )
        result = run(code, folder, memory_bytes=512 * 1024 * 1024)
        assert result.stdout.decode().split() == ["no-memory", "no-net"]
