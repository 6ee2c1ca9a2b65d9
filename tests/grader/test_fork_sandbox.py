"""Hostile cases for kernels forked from the template (kodefag.fork_sandbox).

The template has imported ipykernel as root and forks one child per hand-in; the child
confines itself in our own code instead of bubblewrap's. These tests attack that
confinement from inside real forked kernels: what a child can see, signal, reach and
keep, as tests/grader/test_hostile.py does for whole gradings.
"""
import contextlib
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil
import pytest

from kodefag import fork_sandbox
from kodefag.grader.preprocessors import guarded_execute
from kodefag.sandbox import (UID_POOL_SIZE, UID_POOL_START, JobFolder, Limits, SandboxUnavailable, job_cgroups,
                             kill_job, lock_workdir, prepare_workdir, reserve_uid)
from kodefag.settings import REPO_ROOT
from tests.event_loop import run_coroutine

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the fork server runs kernels as pool uids: root only")
LIMITS = Limits(cpu_seconds=40, memory_bytes=guarded_execute.KERNEL_MEMORY_BYTES, max_processes=64)


class Kernel:
    """A forked kernel of one job: its uid, folder, cgroups, manager and client."""

    def __init__(self, stack: contextlib.ExitStack):
        self.uid = stack.enter_context(reserve_uid())
        self.groups = job_cgroups(self.uid, LIMITS)
        self.workdir = stack.enter_context(JobFolder())
        self.log = stack.enter_context(tempfile.TemporaryFile())
        prepare_workdir(self.workdir, self.uid)
        self.km = guarded_execute.SandboxedKernelManager(workdir=self.workdir, uid=self.uid, limits=LIMITS,
                                                          groups=self.groups)
        assert self.km.fork_server is not None, "as root with bubblewrap there must be a fork server"
        self.kc = None

    async def start(self):
        await self.km.start_kernel(stdout=subprocess.DEVNULL, stderr=self.log)
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=30)
        lock_workdir(self.workdir, self.uid)

    async def run(self, code: str, timeout: float = 20) -> str:
        """Run ``code``; what it printed (an error's name and value too)."""
        msg_id = self.kc.execute(code)
        printed = []
        while True:
            msg = await self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            content = msg["content"]
            if msg["msg_type"] == "stream":
                printed.append(content["text"])
            elif msg["msg_type"] == "error":
                printed.append(f"{content['ename']}: {content['evalue']}\n")
            elif msg["msg_type"] == "status" and content["execution_state"] == "idle":
                return "".join(printed)

    async def value(self, code: str):
        """The JSON value ``code`` prints as its last line."""
        return json.loads((await self.run(code)).strip().splitlines()[-1])

    async def stop(self):
        if self.kc is not None:
            self.kc.stop_channels()
        with contextlib.suppress(Exception):
            await self.km.shutdown_kernel(now=True)
        kill_job(self.uid, self.groups)


@contextlib.asynccontextmanager
async def kernels(count: int = 1):
    with contextlib.ExitStack() as stack:
        started = [Kernel(stack) for _ in range(count)]
        try:
            for kernel in started:
                await kernel.start()
            yield started
        finally:
            for kernel in started:
                await kernel.stop()


def run(coroutine_function):
    return run_coroutine(coroutine_function())


def test_a_kernel_is_forked_from_the_template_and_runs_as_its_pool_uid():
    async def check():
        async with kernels() as (kernel,):
            inside = await kernel.value("import os, json; print(json.dumps([os.getpid(), os.getppid(), os.getuid(), "
                                        "os.geteuid(), os.getgid(), os.getgroups()]))")
            assert inside == [2, 1, kernel.uid, kernel.uid, kernel.uid, []]
            server = guarded_execute.fork_server()
            pid = kernel.km.provisioner.pid  # PID 1 of the job, seen from here
            assert pid in server.kernel_pids()
            assert psutil.Process(server.template_pid).uids().real == 0  # the template is root ...
            job = psutil.Process(pid)
            assert all(process.uids().real == kernel.uid  # ... no process pupil code runs in is
                       for process in [job, *job.children(recursive=True)])
        left = [psutil.Process(pid) for pid in guarded_execute.fork_server().kernel_pids()]
        _, alive = psutil.wait_procs(left, timeout=10)  # the job's root waiter ends right after its PID 1
        assert alive == []  # nothing of the job is left
    run(check)


def test_no_capabilities_no_new_privileges_and_the_rlimits():
    async def check():
        async with kernels() as (kernel,):
            status = await kernel.value(
                "import json\nprint(json.dumps(dict(line.split(':\\t', 1) for line in open('/proc/self/status')"
                ".read().splitlines() if ':\\t' in line)))")
            for key in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
                assert int(status[key], 16) == 0, key
            assert status["NoNewPrivs"] == "1"
            assert status["Uid"].split() == [str(kernel.uid)] * 4 and status["Groups"].strip() == ""
            limits = await kernel.value("import resource, json\nprint(json.dumps({w: resource.getrlimit(w)[0] "
                                        "for w in range(16)}))")
            for which, _, value in fork_sandbox.rlimits(LIMITS, LIMITS.max_processes):
                assert limits[str(which)] == value
            escalate = await kernel.run("import os\ntry:\n    os.setuid(0)\nexcept OSError as e:\n    print('nej', e.errno)")
            assert escalate.startswith("nej")
    run(check)


def test_the_job_cgroups_hold_every_process_of_the_kernel():
    async def check():
        async with kernels() as (kernel,):
            assert kernel.groups, "this machine has memory and pids cgroups"
            await kernel.run("import subprocess\nchild = subprocess.Popen(['sleep', '30'])")
            pids = set(psutil.Process(kernel.km.provisioner.pid).children(recursive=True))
            assert len(pids) >= 2  # the kernel and its sleep
            for folder in kernel.groups:
                members = {int(pid) for pid in (folder / "cgroup.procs").read_text().split()}
                assert {process.pid for process in pids} <= members
            # the limits themselves are the job's (test_hostile.py exceeds them through whole gradings)
            assert set(kernel.groups) == set(job_cgroups(kernel.uid, LIMITS))
    run(check)


def test_children_cannot_see_or_reach_each_other():
    async def check():
        async with kernels(2) as (first, second):
            await first.run(
                "import os, socket\n"
                "open('/tmp/forste.txt', 'w').write('x')\nopen(os.path.expanduser('~/forste.txt'), 'w').write('x')\n"
                "open('/dev/shm/forste', 'w').write('x')\nterminal = os.openpty()\n"
                "abstract = socket.socket(socket.AF_UNIX)\nabstract.bind('\\0kodefag-forste')\nabstract.listen()\n"
                "tcp = socket.socket()\ntcp.bind(('127.0.0.1', 47123))\ntcp.listen()")
            probe = await second.value(
                "import os, socket, json\nfound = {}\n"
                "found['files'] = [p for p in ['/tmp/forste.txt', os.path.expanduser('~/forste.txt'), "
                f"'/dev/shm/forste', {str(first.workdir)!r}] if os.path.exists(p)]\n"
                "pids = [int(n) for n in os.listdir('/proc') if n.isdigit()]\n"
                "found['uids'] = sorted({os.stat(f'/proc/{p}').st_uid for p in pids})\n"                "found['terminals'] = sorted(os.listdir('/dev/pts'))\n"
                "def reach(address, family):\n"
                "    s = socket.socket(family)\n"
                "    try:\n        s.connect(address)\n        return True\n"
                "    except OSError:\n        return False\n"
                "found['abstract'] = reach('\\0kodefag-forste', socket.AF_UNIX)\n"
                "found['tcp'] = reach(('127.0.0.1', 47123), socket.AF_INET)\n"
                "print(json.dumps(found))")
            assert probe == {"files": [], "uids": [second.uid], "terminals": ["ptmx"], "abstract": False,
                             "tcp": False}
            # the first kernel's own loopback works (as under bubblewrap): it is just not shared
            own = await first.run("import socket\nsocket.create_connection(('127.0.0.1', 47123)).close()\nprint('ok')")
            assert own.strip() == "ok"
    run(check)


def test_signals_reach_only_the_own_job():
    async def check():
        async with kernels(2) as (first, second):
            # kill(-1) sends to every process the sender may signal but itself and its PID 1
            killed = await first.run("import os, signal, subprocess\nchild = subprocess.Popen(['sleep', '30'])\n"
                                     "os.kill(-1, signal.SIGKILL)\nprint('efter', child.wait())")
            assert killed == "efter -9\n"  # its own child got it ...
            assert await second.run("print('lever')") == "lever\n"  # ... the other pupil's kernel did not
            server = guarded_execute.fork_server()
            assert server.process.poll() is None and psutil.pid_exists(server.template_pid)
    run(check)


def test_the_view_of_the_machine_has_no_var_secrets_network_or_template(grading_env):
    secret = grading_env / "secrets" / "nogle.txt"
    secret.parent.mkdir()
    secret.write_text("HEMMELIG")
    async def check():
        async with kernels() as (kernel,):
            probe = await kernel.value(
                "import os, json, socket\n"
                f"paths = [{str(secret)!r}, {str(grading_env)!r}, {str(REPO_ROOT / 'var')!r}, '/etc/passwd', "
                "'/sys/fs/cgroup', '/run', '/var']\n"
                "found = {'paths': [p for p in paths if os.path.exists(p)]}\n"
                "found['interfaces'] = [name for _, name in socket.if_nameindex()]\n"
                "def reach(address):\n"
                "    try:\n        socket.create_connection(address, timeout=1).close()\n        return True\n"
                "    except OSError:\n        return False\n"
                "found['redis'] = reach(('127.0.0.1', 6379))\nfound['outside'] = reach(('1.1.1.1', 53))\n"
                "found['fds'] = []\n"
                "for name in os.listdir('/proc/self/fd'):\n"
                "    try:\n        s = socket.socket(fileno=int(name))\n"
                "    except OSError:\n        continue\n"
                "    if s.type == socket.SOCK_SEQPACKET:\n        found['fds'].append(int(name))\n"
                "    s.detach()\n"
                "found['hostname'] = socket.gethostname()\n"
                "print(json.dumps(found))")
            assert probe == {"paths": [], "interfaces": ["lo"], "redis": False, "outside": False, "fds": [],
                             "hostname": "sandkasse"}
    run(check)


def test_writes_stay_in_the_jobs_own_tmpfs_and_folder():
    async def check():
        async with kernels() as (kernel,):
            probe = await kernel.value(
                "import os, json\nfound = []\n"
                f"for path in ['/usr/snyd', '/snyd', '/home/snyd', {str(REPO_ROOT / 'grader' / 'snyd')!r}, "
                "'/dev/snyd']:\n"
                "    try:\n        open(path, 'w').write('x')\n        found.append(path)\n"
                "    except OSError:\n        pass\n"
                "print(json.dumps(found))")
            assert probe == []
            assert not (REPO_ROOT / "grader" / "snyd").exists()
    run(check)


def test_code_under_tmp_stays_in_view_and_read_only(monkeypatch):
    """A checkout or virtualenv under /tmp (a fresh clone there, say) is bound into the template;
    the child's own fresh /tmp must not hide it, and the pupil still cannot change it."""
    code = Path(tempfile.mkdtemp(dir="/tmp", prefix="kode under tmp "))  # mountinfo escapes the spaces
    try:
        os.chmod(code, 0o755)
        (code / "modul.txt").write_text("fra koden")
        server = fork_sandbox.ForkServer([sys.executable, "-m", guarded_execute.TEMPLATE_MODULE],
                                         ro_binds=(guarded_execute.GRADER_DIR, code), tmp_bytes=LIMITS.tmpfs_bytes)
        monkeypatch.setattr(guarded_execute, "_fork_server", [server])

        async def check():
            async with kernels() as (kernel,):
                probe = await kernel.value(
                    "import json\nwrote = True\n"
                    f"try:\n    open({str(code / 'snyd')!r}, 'w')\nexcept OSError:\n    wrote = False\n"
                    f"print(json.dumps([open({str(code / 'modul.txt')!r}).read(), wrote]))")
                assert probe == ["fra koden", False]
        try:
            run(check)
        finally:
            server.stop()
    finally:
        shutil.rmtree(code)


def test_the_template_refuses_to_run_outside_its_sandbox():
    outside = subprocess.run([sys.executable, "-m", guarded_execute.TEMPLATE_MODULE, "0"], capture_output=True,
                             text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert outside.returncode != 0
    assert "refuses to run outside its sandbox" in outside.stderr


def test_without_bubblewrap_there_is_no_template(monkeypatch):
    monkeypatch.setenv("KODEFAG_BWRAP", "/usr/bin/ingen-bwrap")
    with pytest.raises(SandboxUnavailable):
        fork_sandbox.ForkServer([sys.executable, "-m", guarded_execute.TEMPLATE_MODULE], ro_binds=(),
                                tmp_bytes=LIMITS.tmpfs_bytes)


def test_a_kernel_never_gets_a_uid_outside_the_pool():
    async def check():
        async with kernels() as (kernel,):
            assert UID_POOL_START <= kernel.uid < UID_POOL_START + UID_POOL_SIZE
            assert psutil.Process(kernel.km.provisioner.pid).uids().real == kernel.uid
    run(check)
