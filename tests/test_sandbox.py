"""The one sandbox interface (kodefag.sandbox): both policies, their limits, the refusal."""
import os
import subprocess
import sys
import time

import psutil
import pytest

from kodefag.sandbox import (JobFolder, Limits, Policy, Prestarted, SandboxUnavailable, group_pids, job_cgroups,
                             job_processes, kill_group, kill_job, prepare_workdir, processes_of, reserve_uid, run,
                             sandbox_command, spawn)
from kodefag.settings import REPO_ROOT, get_settings


def python(code, folder, policy=Policy.GRADING, limits=Limits(), **options):
    return run([sys.executable, "-c", code], policy=policy, workdir=folder, limits=limits, **options)


@pytest.fixture
def no_bwrap(monkeypatch):
    monkeypatch.setenv("KODEFAG_BWRAP", "/nonexistent/bwrap")


def test_grading_refuses_to_run_without_bubblewrap(no_bwrap, tmp_path):
    with pytest.raises(SandboxUnavailable, match="refusing to run pupil code"):
        run(["true"], policy=Policy.GRADING, workdir=tmp_path)


def test_own_code_needs_no_bubblewrap(no_bwrap, tmp_path):
    result = python("print('hej')", tmp_path, policy=Policy.OWN_CODE)
    assert (result.returncode, result.stdout) == (0, b"hej\n")


def test_grading_runs_unprivileged_and_sees_only_its_folder():
    """The checkout (hidden tests, solutions), var/ (databases, secrets) and /etc/shadow are invisible."""
    var_dir = get_settings().var_dir
    var_dir.mkdir(parents=True, exist_ok=True)
    assert REPO_ROOT.joinpath("notebooks").is_dir() and var_dir.is_dir()  # they exist outside
    with JobFolder() as folder:
        (folder / "data.txt").write_text("hej")
        code = (
            "import os, sys\n"
            f"print(os.getuid(), open('data.txt').read(), os.path.exists({str(REPO_ROOT / 'notebooks')!r}), "
            f"os.path.exists({str(var_dir)!r}), os.path.exists('/etc/shadow'), os.environ['HOME'])\n"
            "open('ud.txt', 'w').write('skrevet')"
        )
        result = python(code, folder)
        assert result.returncode == 0, result.stderr
        uid, text, notebooks, var, shadow, home = result.stdout.decode().split()
        assert (text, notebooks, var, shadow, home) == ("hej", "False", "False", "False", "/home/elev")
        assert (folder / "ud.txt").read_text() == "skrevet"
        if os.geteuid() == 0:
            assert int(uid) != 0


@pytest.mark.parametrize("policy", list(Policy))
def test_wall_time_limit_kills_every_process(policy, tmp_path):
    flag = tmp_path / "flag"
    code = f"import os, time\nif os.fork() == 0:\n    time.sleep(3)\n    open({str(flag)!r}, 'w').write('x')\ntime.sleep(30)"
    started = time.monotonic()
    result = python(code, tmp_path, policy=policy, wall_seconds=1)
    assert result.timed_out and time.monotonic() - started < 5
    time.sleep(3.5)  # the forked child would have written the flag by now had it survived
    assert not flag.exists()


@pytest.mark.parametrize("policy", list(Policy))
def test_output_is_capped_in_bytes(policy, tmp_path):
    result = python("print('x' * 5_000_000)", tmp_path, policy=policy, max_output_bytes=1000)
    assert len(result.stdout) == 1000 and result.output_truncated


@pytest.mark.parametrize("policy", list(Policy))
def test_the_same_memory_and_cpu_limits_apply(policy, tmp_path):
    code = (
        "try:\n    bytearray(2 * 1024 ** 3); print('memory', flush=True)\nexcept MemoryError:\n    print('no-memory', flush=True)\n"
        "while True:\n    pass"
    )
    result = python(code, tmp_path, policy=policy, limits=Limits(memory_bytes=512 * 1024 ** 2, cpu_seconds=1),
                    wall_seconds=20)
    assert result.stdout.decode().split() == ["no-memory"]
    assert not result.timed_out and result.returncode != 0  # killed by the CPU limit, not the clock


def test_grading_has_no_network(tmp_path):
    code = ("import socket\ntry:\n    socket.create_connection(('127.0.0.1', 6379), timeout=1); print('net')\n"
            "except OSError:\n    print('no-net')")
    assert python(code, tmp_path).stdout.decode().split() == ["no-net"]


def test_own_code_gets_a_clean_environment(tmp_path, monkeypatch):
    """The pupil's server holds their hub token; the program started for them does not inherit it."""
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "hemmelig")
    result = python("import os; print(os.environ.get('JUPYTERHUB_API_TOKEN'))", tmp_path, policy=Policy.OWN_CODE)
    assert result.stdout.decode().strip() == "None"


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_spawned_own_code_is_killed_with_its_children(tmp_path):
    program = "import os, time\nos.fork()\nprint(os.getpid(), flush=True)\ntime.sleep(60)"
    process = spawn([sys.executable, "-c", program], cwd=tmp_path)
    pids = [int(process.stdout.readline()), int(process.stdout.readline())]
    assert all(_running(pid) for pid in pids)
    kill_group(process)
    deadline = time.monotonic() + 5  # SIGKILL is delivered asynchronously; wait for it to land
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in pids)


@pytest.mark.parametrize("command", [
    ["microbit", "grade", "mb-terning", "microbit/lessons/mb-terning/solution.py"],
    ["microbit", "run", "microbit/lessons/mb-terning/solution.py", "--seconds", "1"],
    ["pgzero", "grade", "games/projects/spil-fang-aeblet", "games/projects/spil-fang-aeblet/solution.py"],
    ["pgzero", "run", "games/projects/spil-fang-aeblet/solution.py", "--frames", "5"],
])
def test_commands_that_run_pupil_code_refuse_without_bubblewrap(command):
    """No grade, no score and no traceback: exit 2 and the one thing the operator must fix."""
    result = subprocess.run([sys.executable, "-m", "kodefag.cli", *command], cwd=REPO_ROOT, capture_output=True,
                            text=True, env={**os.environ, "KODEFAG_BWRAP": "/nonexistent/bwrap"}, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "bubblewrap" in result.stderr and "Traceback" not in result.stderr
    assert "point" not in result.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="a job gets a uid and cgroups of its own only as root")
def test_a_jobs_processes_are_found_and_killed_through_its_cgroup():
    """Grading finds a job's processes in its cgroup: a detached child too, root's bubblewrap not."""
    limits = Limits()
    code = "import os, time\nif os.fork() == 0:\n    os.setsid()\ntime.sleep(60)"
    with reserve_uid() as uid, JobFolder() as folder:
        groups = job_cgroups(uid, limits)
        if not groups:
            pytest.skip("this machine has no memory and pids cgroups")
        prepare_workdir(folder, uid)
        bwrap = subprocess.Popen(sandbox_command([sys.executable, "-c", code], workdir=folder, uid=uid, limits=limits))
        deadline = time.monotonic() + 30
        while len(processes_of(uid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sorted(job_processes(uid, groups)) == sorted(processes_of(uid)) and len(processes_of(uid)) == 2
        assert bwrap.pid in group_pids(groups) and bwrap.pid not in job_processes(uid, groups)
        kill_job(uid, groups)
        bwrap.wait(timeout=10)
        deadline = time.monotonic() + 10
        while processes_of(uid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes_of(uid) == []



@pytest.mark.skipif(os.geteuid() != 0, reason="a job gets a uid and cgroups of its own only as root")
def test_releasing_a_uid_ends_every_process_of_its_job():
    """reserve_uid ends a job's leftovers through the uid's cgroup: a detached child in its own session too."""
    code = "import os, time\nif os.fork() == 0:\n    os.setsid()\ntime.sleep(60)"
    with reserve_uid() as uid, JobFolder() as folder:
        if not job_cgroups(uid, Limits()):
            pytest.skip("this machine has no memory and pids cgroups")
        prepare_workdir(folder, uid)
        bwrap = subprocess.Popen(sandbox_command([sys.executable, "-c", code], workdir=folder, uid=uid,
                                                 limits=Limits()))
        deadline = time.monotonic() + 30
        while len(processes_of(uid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(processes_of(uid)) == 2
    bwrap.wait(timeout=10)
    deadline = time.monotonic() + 10
    while processes_of(uid) and time.monotonic() < deadline:  # SIGKILLed processes take a moment to go
        time.sleep(0.05)
    assert processes_of(uid) == []  # the whole machine, looked at process by process

#: a pre-started program: says it is ready, waits for its job on stdin, answers with its uid and the job
READY_THEN_ANSWER = (
    "import os, sys\n"
    "fd = int(os.environ.pop('KODEFAG_READY_FD')); os.write(fd, b'1'); os.close(fd)\n"
    "job = sys.stdin.read()\n"
    "print(os.getuid(), job)\n"
)


@pytest.mark.parametrize("policy", list(Policy))
def test_a_prestarted_program_serves_exactly_one_job(policy):
    with Prestarted([sys.executable, "-c", READY_THEN_ANSWER], policy=policy) as program:
        assert program.wait_ready(30) and program.alive()
        folder = program.workdir
        result = program.run(b"elev-1", wall_seconds=30)
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode().split()[1] == "elev-1"
        assert not program.alive() and program.process.returncode is not None  # ended with its job
        with pytest.raises(RuntimeError, match="exactly one job"):
            program.run(b"elev-2", wall_seconds=30)
    assert not folder.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="a job gets a uid of its own only as root")
def test_a_prestarted_program_waits_as_a_pool_uid_not_root():
    with Prestarted([sys.executable, "-c", READY_THEN_ANSWER], policy=Policy.GRADING) as program:
        assert program.wait_ready(30)
        assert program.uid is not None and program.uid != 0
        assert processes_of(program.uid)  # the waiting program already runs as that uid
        result = program.run(b"job", wall_seconds=30)
        assert int(result.stdout.split()[0]) == program.uid
    assert not processes_of(program.uid)  # nothing of it is left once it is closed


def test_a_prestarted_program_refuses_without_bubblewrap(no_bwrap):
    with pytest.raises(SandboxUnavailable, match="refusing to run pupil code"):
        Prestarted([sys.executable, "-c", READY_THEN_ANSWER], policy=Policy.GRADING)


def test_a_job_cannot_see_or_touch_the_next_jobs_waiting_program():
    """Pupil code in one job finds neither the folder nor the process of the program waiting for the next."""
    next_program = READY_THEN_ANSWER + "# naeste-elevs-program\n"
    with Prestarted([sys.executable, "-c", next_program], policy=Policy.GRADING) as waiting, \
            Prestarted([sys.executable, "-c", READY_THEN_ANSWER + "exec(job)"], policy=Policy.GRADING) as pupil:
        assert waiting.wait_ready(30) and pupil.wait_ready(30)
        (waiting.workdir / "hemmelig.txt").write_text("en anden elevs fil")
        attack = (
            "import os, signal\n"
            f"print('folder', os.path.exists({str(waiting.workdir)!r}))\n"
            f"print('pid', os.path.exists('/proc/{waiting.process.pid}'))\n"
            "mine = [p for p in os.listdir('/proc') if p.isdigit()]\n"
            "print('cmdlines', sum(b'naeste-elevs-program' in open(f'/proc/{p}/cmdline', 'rb').read() for p in mine))\n"
            f"try:\n    os.kill({waiting.process.pid}, signal.SIGKILL)\nexcept OSError:\n    pass\n"
        )
        result = pupil.run(attack.encode(), wall_seconds=30)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.decode().splitlines()[-3:]  # after the echoed job
        assert lines == ["folder False", "pid False", "cmdlines 0"]
        assert waiting.alive()
        answer = waiting.run(b"naeste-elev", wall_seconds=30)
        assert answer.stdout.decode().split()[1] == "naeste-elev"
