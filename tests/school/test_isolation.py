"""Pupil A's kernel against pupil B (same class) and pupil C (another class) on the school tier.

Everything here runs as code in A's real kernel, exactly as a curious pupil would type
it into a notebook cell. Each probe prints the name of the exception it met (or "ok"),
and a positive control shows the probe would have found the target.
"""
import contextlib
import json
import pwd
import textwrap
from pathlib import Path

import psutil
import pytest

from kodefag.hub.isolation import (SERVER_PORT_SPAN, cgroup_prefix, hidden_files, hidden_programs,
                                   server_ports, system_username)
from kodefag.hub.origins import user_origin
from kodefag.sandbox import CGROUP_ROOT
from kodefag.settings import REPO_ROOT
from tests.kernelclient import KernelClient

from .conftest import MEMORY_MIB, PUPIL_A, PUPIL_B, PUPIL_C

OTHERS = {"same class": PUPIL_B, "other class": PUPIL_C}

PROBE = textwrap.dedent('''
    import json, os
    def probe(action):
        try:
            action()
            return "ok"
        except Exception as error:
            return type(error).__name__
''')


def kernel(platform, username: str) -> KernelClient:
    settings = platform.settings
    return KernelClient(settings.public_base_url, user_origin(settings, username), username,
                        platform.client.token(username))


@pytest.fixture(scope="module")
def kernels(pupils_running):
    """One running kernel per pupil, started once for the module (as each pupil's notebook would)."""
    with contextlib.ExitStack() as stack:
        clients = {pupil: stack.enter_context(kernel(pupils_running, pupil)) for pupil in (PUPIL_A, PUPIL_B, PUPIL_C)}
        for client in clients.values():
            client.run(PROBE)
        yield clients


@pytest.fixture(scope="module")
def kernel_a(kernels):
    return kernels[PUPIL_A]


def probe(client: KernelClient, action: str) -> str:
    """Run ``action`` (a lambda body) in the kernel; the exception name it raised, or "ok"."""
    result = client.run(f"print(probe(lambda: {action}))")
    assert result["status"] == "ok", result
    return result["stdout"].strip()


def home_of(platform, username: str) -> Path:
    return platform.settings.var_dir / "homes" / username


@pytest.fixture(scope="module")
def marked_homes(pupils_running, kernels):
    """B and C each keep a file in their home (written by their own kernels): the targets."""
    for pupil in OTHERS.values():
        assert kernels[pupil].run("open('hemmelig.txt', 'w').write('kun min')")["status"] == "ok"
        assert (home_of(pupils_running, pupil) / "hemmelig.txt").read_text() == "kun min"
    return pupils_running


def test_servers_never_run_as_root_and_each_pupil_is_someone_else(kernel_a, pupils_running):
    uids = kernel_a.run("print(os.getuid(), os.geteuid())")["stdout"].split()
    accounts = {pupil: pwd.getpwnam(system_username(pupil)).pw_uid for pupil in (PUPIL_A, PUPIL_B, PUPIL_C)}
    assert uids == [str(accounts[PUPIL_A])] * 2 and accounts[PUPIL_A] != 0
    assert len(set(accounts.values())) == 3
    assert kernel_a.run("print(os.environ['HOME'])")["stdout"].strip() == f"/home/{system_username(PUPIL_A)}"
    for pupil in (PUPIL_A, PUPIL_B, PUPIL_C):
        mode = home_of(pupils_running, pupil).stat().st_mode & 0o777
        assert mode == 0o700


@pytest.mark.parametrize("relation", OTHERS)
def test_another_pupils_home_is_out_of_reach(kernel_a, marked_homes, relation):
    other = OTHERS[relation]
    home = home_of(marked_homes, other)
    inside = f"/home/{system_username(other)}"
    # where the file lives on the machine, and where A's own home sits inside the sandbox
    for folder in (str(home), inside):
        assert probe(kernel_a, f"open({folder + '/hemmelig.txt'!r}).read()") == "FileNotFoundError"
        assert probe(kernel_a, f"os.listdir({folder!r})") == "FileNotFoundError"
        assert probe(kernel_a, f"open({folder + '/fra-a.txt'!r}, 'w').write('x')") == "FileNotFoundError"
    assert not (home / "fra-a.txt").exists()
    # the positive control: A's own home works
    assert probe(kernel_a, "open('mit.txt', 'w').write('x')") == "ok"


def test_var_is_out_of_reach(kernel_a, pupils_running):
    var = pupils_running.settings.var_dir
    targets = {
        "portal database": pupils_running.settings.portal_data_dir / "portal.sqlite",
        "job queue": pupils_running.settings.queue_file,
        "hub database": var / "jupyterhub.sqlite",
        "hub cookie secret": var / "secrets" / "jupyterhub_cookie_secret",
        "proxy token": var / "secrets" / "proxy_auth_token",
        "portal's hub token": var / "secrets" / "portal_hub_token",
        "course sources": var / "courses" / "5a" / "source" / "g5-lister-og-loekker" / "g5-lister-og-loekker.ipynb",
    }
    for name, path in targets.items():
        assert path.exists(), f"{name}: the target must exist for the probe to mean anything"
        assert probe(kernel_a, f"open({str(path)!r}, 'rb').read(10)") == "FileNotFoundError", name
    for folder in (var, var / "secrets", var / "portal", var / "courses", var / "submissions", var / "homes"):
        assert probe(kernel_a, f"os.listdir({str(folder)!r})") == "FileNotFoundError", folder
        assert probe(kernel_a, f"open({str(folder / 'fra-a.txt')!r}, 'w')") == "FileNotFoundError", folder


def test_reference_solutions_in_the_code_are_unreadable(kernel_a):
    solution = hidden_files()[0]
    assert probe(kernel_a, f"open({str(solution)!r}).read()") == "PermissionError"
    # the teachers' notebook sources (with solutions) are not there at all
    notebooks = REPO_ROOT / "notebooks"
    assert probe(kernel_a, f"os.listdir({str(notebooks)!r})") == "FileNotFoundError"
    # the code the server needs is there, read-only
    assert probe(kernel_a, "__import__('kodefag.games.player')") == "ok"
    assert probe(kernel_a, f"open({str(REPO_ROOT / 'kodefag' / 'x.py')!r}, 'w')") == "OSError"  # read-only


def test_nodejs_is_not_in_a_pupils_view(kernel_a):
    """JupyterLab would run it at every server start (hub/isolation.py, NODE_PROGRAMS); pupils have no use for it."""
    assert hidden_programs(), "Node.js is a dependency of the platform (the proxy, the lab extension)"
    found = kernel_a.run("import shutil; print(shutil.which('node'), shutil.which('nodejs'))")["stdout"]
    assert found.split() == ["None", "None"]


@pytest.mark.parametrize("relation", OTHERS)
def test_other_kernels_environment_and_hub_token_are_out_of_reach(kernel_a, kernels, relation):
    other = OTHERS[relation]
    assert kernels[other].run("1")["status"] == "ok"  # the other pupil's kernel is running
    other_pid = None
    for process in psutil.process_iter(["environ", "cmdline"]):
        try:
            env = process.info["environ"] or {}
            if env.get("JUPYTERHUB_USER") == other and "kodefag.hub.pupil_kernel" in process.info["cmdline"]:
                other_pid = process.pid
        except psutil.Error:
            continue
    assert other_pid is not None
    token = psutil.Process(other_pid).environ()["JUPYTERHUB_API_TOKEN"]  # what A must not get
    # A sees only its own processes: none of them carries B's or C's token
    seen = kernel_a.run(textwrap.dedent('''
        found = []
        for pid in os.listdir('/proc'):
            if pid.isdigit():
                try:
                    found.append(open(f'/proc/{pid}/environ', 'rb').read().decode(errors='replace'))
                except OSError:
                    pass
        print(json.dumps(found))
    '''))
    environments = json.loads(seen["stdout"])
    assert environments, "A sees its own processes"
    assert all(token not in env for env in environments)
    assert all(f"JUPYTERHUB_USER={other}" not in env for env in environments)
    assert probe(kernel_a, f"open('/proc/{other_pid}/environ').read()") == "FileNotFoundError"


def test_tmp_is_private(kernel_a, kernels):
    assert probe(kernel_a, "open('/tmp/a-hemmelig', 'w').write('a')") == "ok"
    assert probe(kernel_a, "open('/tmp/a-hemmelig').read()") == "ok"
    assert probe(kernels[PUPIL_B], "open('/tmp/a-hemmelig').read()") == "FileNotFoundError"


def test_kernels_listen_on_unix_sockets_in_the_private_tmp(kernel_a, kernels):
    """A kernel's channels are Unix sockets in the pupil's own /tmp, not TCP ports on the loopback
    every pupil shares (where they could take the port the hub picked for a server still starting)."""
    info = json.loads(kernel_a.run("from ipykernel.connect import get_connection_info; print(get_connection_info())")["stdout"])
    assert info["transport"] == "ipc" and info["ip"].startswith("/tmp/jupyter/kernel-")
    shell_socket = f"{info['ip']}-{info['shell_port']}"
    assert probe(kernel_a, f"os.stat({shell_socket!r})") == "ok"
    assert probe(kernels[PUPIL_B], f"os.stat({shell_socket!r})") == "FileNotFoundError"


def test_servers_listen_where_no_random_port_is_given(kernels, pupils_running):
    """Each server's port lies below the ports the system and ZeroMQ hand out at random; no other
    TCP port a pupil's processes listen on (ipykernel's pipe for subprocess output) falls there."""
    ports = server_ports()
    if not ports:
        pytest.skip("this machine hands out every port at random (ip_local_port_range starts low)")
    assert len(ports) == SERVER_PORT_SPAN
    hub_api = f"http://127.0.0.1:{pupils_running.settings.hub_api_port}/"  # this hub's (other tests run hubs too)
    for pupil in (PUPIL_A, PUPIL_B, PUPIL_C):
        server, others = set(), set()
        for process in psutil.process_iter(["environ", "cmdline"]):
            try:
                environment = process.info["environ"] or {}
                if environment.get("JUPYTERHUB_USER") != pupil or not environment.get("JUPYTERHUB_API_URL", "").startswith(hub_api):
                    continue
                listening = {c.laddr.port for c in process.net_connections("tcp") if c.status == psutil.CONN_LISTEN}
            except psutil.Error:
                continue
            is_server = any("jupyterhub-singleuser" in part for part in process.info["cmdline"])
            (server if is_server else others).update(listening)
        assert len(server) == 1 and server <= set(ports), (pupil, server)
        assert not others & set(ports), (pupil, others)


def cgroup_value(pupil: str, platform, controller: str, key: str) -> str:
    folder = CGROUP_ROOT / controller / "kodefag" / cgroup_prefix(platform.settings) / system_username(pupil)
    return (folder / key).read_text().strip()


def test_limits_are_set_per_pupil(pupils_running):
    for pupil in (PUPIL_A, PUPIL_B, PUPIL_C):
        assert int(cgroup_value(pupil, pupils_running, "memory", "memory.limit_in_bytes")) == MEMORY_MIB * 1024 ** 2
        assert cgroup_value(pupil, pupils_running, "pids", "pids.max") == "256"
        assert cgroup_value(pupil, pupils_running, "cpu", "cpu.cfs_quota_us") == "100000"  # one core at most
        assert cgroup_value(pupil, pupils_running, "cpu", "cpu.shares") == "1024"  # equal shares


MEMORY_HOG = f'''
import subprocess, sys
hog = subprocess.run([sys.executable, "-c", "b = bytearray({2 * MEMORY_MIB} * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"])
print(hog.returncode)
'''


def test_memory_limit_stops_the_hog_and_leaves_others_alone(kernel_a, kernels, pupils_running):
    assert kernel_a.run(MEMORY_HOG)["stdout"].strip() == "-9"  # killed by the cgroup's OOM killer
    # A's kernel and server survive; B can use memory at the same time
    assert probe(kernel_a, "len(bytearray(50 * 1024 * 1024))") == "ok"
    result = kernels[PUPIL_B].run("b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); "
                                  "print(len(b)); del b")
    assert result["stdout"].strip() == str(200 * 1024 * 1024)
    assert int(cgroup_value(PUPIL_B, pupils_running, "memory", "memory.failcnt")) == 0


PROCESS_BOMB = '''
import subprocess
children = []
try:
    for _ in range(400):
        children.append(subprocess.Popen(["sleep", "120"]))
    outcome = "no limit"
except OSError as error:
    outcome = type(error).__name__
finally:
    for child in children:
        child.kill()
        child.wait()
print(outcome, len(children))
'''


def test_process_limit_stops_the_bomb_and_leaves_others_alone(kernel_a, kernels):
    outcome, started = kernel_a.run(PROCESS_BOMB)["stdout"].split()
    assert outcome == "BlockingIOError" and 100 < int(started) < 256
    result = kernels[PUPIL_C].run("import subprocess; ps = [subprocess.Popen(['true']) for _ in range(50)]; "
                                  "print(sum(p.wait() == 0 for p in ps))")
    assert result["stdout"].strip() == "50"
    assert probe(kernel_a, "1 + 1") == "ok"  # A's kernel lives on
