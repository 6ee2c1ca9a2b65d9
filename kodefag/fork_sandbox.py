"""Policy GRADING without paying for Python's start: sandboxed processes forked from a template.

A grading kernel spends most of its CPU importing ipykernel and IPython (about 0.35 s
of a hand-in's 0.6 s). A *template* process imports them once and then only forks:
every child becomes one kernel for one hand-in, so "one kernel, one pupil" holds
and no kernel is ever reused. The template never runs pupil code and holds no secret
(it is a fresh Python started with a clean environment; its memory is imported modules).

Two layers confine a child, so a mistake in one is not an escape:

1. The template itself runs under bubblewrap (:func:`template_command`): its own PID,
   network, IPC and UTS namespaces, and the same read-only view of the machine as a
   grading job (``/usr``, the Python installation, kodefag) - no ``var/``, no course
   folders, no hand-ins, no ``/sys``, no ``/etc`` but the loader's cache. It keeps root
   with just the capabilities it needs to confine its children (:data:`TEMPLATE_CAPS`).
2. Each child (:func:`confine`), before anything of the pupil's runs, joins its job's
   cgroups, unshares fresh mount, PID, network, IPC, UTS and cgroup namespaces, gets
   fresh tmpfs ``/tmp``, ``/dev/shm`` and ``HOME``, its own ``/dev/pts``, its own job folder (passed as a file
   descriptor, the only host folder it sees) and its own ``/proc``, then as PID 1 of its
   namespace drops to its pool uid: no groups, every capability set empty (bounding and
   ambient too), no new privileges, the job's rlimits, a session of its own. It checks
   the result in ``/proc/self/status`` and exits rather than run with any of it missing.

The grading process talks to the template over a socket pair nothing else holds; each
request carries the child's descriptors (job folder, cgroups, output, a reply socket)
and the reply is a pidfd of the child. Children close every other descriptor first.
Without bubblewrap, or not as root (no uid pool), there is no fork server and kernels
start through :func:`kodefag.sandbox.sandbox_command` as before.
"""
from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import re
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

import psutil

from kodefag.sandbox import (SANDBOX_HOME, SandboxUnavailable, _bind_args, _python_paths, _system_view,
                             require_bwrap, rlimits, sandbox_env)

#: what the template keeps of root's capabilities: mounts and namespaces, the uid
#: drop, emptying the bounding set, the children's loopback
TEMPLATE_CAPS = ("CAP_SYS_ADMIN", "CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP", "CAP_NET_ADMIN")
#: how long a child may take to confine itself and report
SPAWN_SECONDS = 10

CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS = 0x00020000, 0x02000000, 0x04000000
CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWNET = 0x08000000, 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 8, 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 1, 24, 38, 47, 4
SIOCSIFFLAGS, IFF_UP, IFF_LOOPBACK, IFF_RUNNING = 0x8914, 0x1, 0x8, 0x40
CAPABILITY_VERSION_3 = 0x20080522
#: x86-64 and aarch64 share these (the new mount API): a detached copy of a folder, attached elsewhere
SYS_OPEN_TREE, SYS_MOVE_MOUNT = 428, 429
OPEN_TREE_CLONE, AT_FDCWD, MOVE_MOUNT_F_EMPTY_PATH = 1, -100, 4


class ForkServerError(RuntimeError):
    """The template could not start a child (the caller starts the kernel the slow way)."""


# --- the grading process's side ---------------------------------------------------------


def template_command(argv: list[str], *, ro_binds: tuple, tmp_bytes: int) -> list[str]:
    """bubblewrap's command line for the template: a grading job's view, root with TEMPLATE_CAPS."""
    command = [require_bwrap(), "--die-with-parent", "--new-session", "--hostname", "sandkasse",
               "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts"]
    command += _system_view(tmp_bytes)
    command += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                "--ro-bind-try", "/etc/localtime", "/etc/localtime",
                "--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
                "--perms", "0755", "--dir", SANDBOX_HOME]
    binds = [("--ro-bind", path) for path in _python_paths()]
    binds += [("--ro-bind", Path(path)) for path in ro_binds]
    command += _bind_args(binds)
    command += ["--chdir", "/", "--clearenv"]
    for key, value in sandbox_env(Path(SANDBOX_HOME)).items():
        command += ["--setenv", key, value]
    for cap in TEMPLATE_CAPS:
        command += ["--cap-add", cap]
    return command + ["--", *argv]


class ForkedProcess:
    """A forked job as a :class:`subprocess.Popen` look-alike, through pidfds.

    The job is the template's child (root, waiting) and its PID 1 (the pupil's uid, the
    kernel under it). Both are watched and signalled through pidfds (no pid reuse race);
    the job has ended when both have. Their exit status is not ours to collect (None
    while it runs, -9 after).
    """

    stdin = stdout = stderr = None

    def __init__(self, init_pidfd: int, waiter_pidfd: int):
        self.pidfds = [init_pidfd, waiter_pidfd]
        self.pid = _pid_of(init_pidfd)
        self.returncode = None

    def poll(self):
        if self.returncode is None and len(select.select(self.pidfds, [], [], 0)[0]) == len(self.pidfds):
            self.returncode = -signal.SIGKILL
            for fd in self.pidfds:
                os.close(fd)
        return self.returncode

    def wait(self, timeout=None):
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            left = None if end is None else end - time.monotonic()
            if left is not None and left <= 0:
                raise subprocess.TimeoutExpired("forked kernel", timeout)
            for fd in self.pidfds:
                select.select([fd], [], [], left)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        """To PID 1 (the job's init passes nothing on, as bubblewrap's; SIGKILL ends the job)."""
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(self.pidfds[0], signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _pid_of(pidfd: int) -> int:
    """The pid (in our namespace) a pidfd stands for."""
    for line in Path(f"/proc/self/fdinfo/{pidfd}").read_text().splitlines():
        if line.startswith("Pid:"):
            return int(line.split()[1])
    raise ForkServerError("not a pidfd")


class ForkServer:
    """A running template and the socket to ask it for children."""

    def __init__(self, template_argv: list[str], *, ro_binds: tuple, tmp_bytes: int):
        self.owner = os.getpid()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        command = template_command([*template_argv, str(theirs.fileno())], ro_binds=ro_binds, tmp_bytes=tmp_bytes)
        self.process = subprocess.Popen(command, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                                        start_new_session=True)
        theirs.close()
        self.control = ours
        self.template_pid = None
        self._template_argv = template_argv
        self._ready = False

    def wait_ready(self) -> None:
        """Wait until the template has imported everything (it starts while the caller works on)."""
        if self._ready:
            return
        self.control.settimeout(60)
        try:
            ready = self.control.recv(64)
        except OSError:
            ready = b""
        self.control.settimeout(None)
        if ready != b"ready":
            self.stop()
            raise SandboxUnavailable(f"the kernel template did not start ({ready.decode(errors='replace')})")
        self._ready = True
        self.template_pid = self._find_template(self._template_argv)

    def _find_template(self, template_argv: list[str]) -> int | None:
        """The template's pid here: bubblewrap's program under its init process."""
        with contextlib.suppress(psutil.Error):
            for child in psutil.Process(self.process.pid).children(recursive=True):
                if child.cmdline()[:len(template_argv)] == template_argv:
                    return child.pid
        return None

    def spawn(self, request: dict, *, workdir: Path, groups: list[Path], stdout: int, stderr: int) -> ForkedProcess:
        """Ask for one confined child; returns it once it is confined (or raises ForkServerError)."""
        reply, reply_theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        fds = [reply_theirs.fileno(), stdout, stderr, detached_bind(workdir)]
        fds += [os.open(folder / "cgroup.procs", os.O_WRONLY) for folder in groups]
        try:
            socket.send_fds(self.control, [json.dumps(request).encode()], fds)
        except OSError as error:
            raise ForkServerError(f"kernel template gone: {error}") from error
        finally:
            reply_theirs.close()
            for fd in fds[3:]:
                os.close(fd)
        with reply:
            reply.settimeout(SPAWN_SECONDS)
            try:
                message, pidfds, _, _ = socket.recv_fds(reply, 4096, 2)
            except (OSError, socket.timeout) as error:
                raise ForkServerError(f"no answer from the kernel template: {error}") from error
        if message != b"ok" or len(pidfds) != 2:
            for fd in pidfds:
                os.close(fd)
            raise ForkServerError(f"the kernel template could not confine a child: {message.decode(errors='replace')}")
        return ForkedProcess(*pidfds)

    def alive(self) -> bool:
        """Whether the template still runs (in any process: forked workers share their parent's)."""
        try:
            return psutil.Process(self.process.pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    def kernel_pids(self) -> list[int]:
        """Every process under the template (its children and theirs): none between two jobs."""
        if self.template_pid is None:
            return []
        with contextlib.suppress(psutil.Error):
            return [child.pid for child in psutil.Process(self.template_pid).children(recursive=True)]
        return []

    def stop(self) -> None:
        """End the template (its children end with it: they die with their parent)."""
        if os.getpid() != self.owner:
            return  # a forked worker shares its parent's template; the parent ends it
        self.control.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


def spawn_request(*, workdir: Path, uid: int, limits, argv: list[str], env: dict, chdir: str) -> dict:
    """What a child needs to know besides its descriptors (nothing of it is secret)."""
    return {
        "workdir": str(Path(workdir).resolve()),
        "uid": uid,
        "rlimits": [[which, value] for which, _, value in rlimits(limits, limits.max_processes)],
        "tmpfs_bytes": limits.tmpfs_bytes,
        "home": SANDBOX_HOME,
        "chdir": chdir,
        "env": sandbox_env(Path(chdir), env),
        "argv": argv,
    }


_libc = ctypes.CDLL(None, use_errno=True)


def detached_bind(folder: Path) -> int:
    """A file descriptor holding a detached bind mount of ``folder`` (open_tree).

    A mount namespace cannot bind a folder of another one, but it can attach a
    detached mount it is given: the child gets exactly this one folder of the host.
    """
    fd = _libc.syscall(SYS_OPEN_TREE, AT_FDCWD, str(folder).encode(), OPEN_TREE_CLONE | os.O_CLOEXEC)
    if fd < 0:
        error = ctypes.get_errno()
        raise ForkServerError(f"open_tree {folder}: {os.strerror(error)}")
    return fd


# --- the template's side (inside bubblewrap) ------------------------------------------------


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    encode = lambda text: None if text is None else text.encode()  # noqa: E731
    _check(_libc.mount(encode(source), encode(target), encode(fstype), ctypes.c_ulong(flags), encode(data)),
           f"mount {target}")


def _prctl(option: int, arg: int, arg3: int = 0) -> None:
    _check(_libc.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(arg3), ctypes.c_ulong(0), ctypes.c_ulong(0)),
           f"prctl {option}")


def refuse_unless_sandboxed() -> None:
    """The template runs only inside bubblewrap: its own PID namespace, no network but loopback."""
    interfaces = {name for _, name in socket.if_nameindex()}
    if os.getpid() > 3 or interfaces - {"lo"}:
        raise SandboxUnavailable("the kernel template refuses to run outside its sandbox")


def confine(request: dict, workdir_fd: int, cgroup_fds: list[int]) -> None:
    """In the template's child (still root): join the job's cgroups and build its namespaces.

    After this the process is in fresh mount, network, IPC, UTS and cgroup namespaces;
    its next child is PID 1 of a fresh PID namespace and must call :func:`drop_to_pupil`.
    """
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    for fd in cgroup_fds:
        os.write(fd, b"0")  # "0" is the writer itself
        os.close(fd)
    _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP),
           "unshare")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing mounted here reaches the template
    code_in_tmp = [(path, path.is_dir(), detached_bind(path)) for path in _mounts_under(Path("/tmp"))]
    size = request["tmpfs_bytes"]
    for target, mode in (("/tmp", "1777"), ("/dev/shm", "1777"), (request["home"], "0777")):
        _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode={mode}")
    for path, is_folder, fd in code_in_tmp:
        _attach(fd, path, is_folder)
    # terminals of its own (bubblewrap's /dev/ptmx points into /dev/pts)
    _mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=620")
    workdir = Path(request["workdir"])
    if Path("/tmp") not in workdir.parents:
        raise ForkServerError(f"job folder {workdir} is not under /tmp")
    _make_parents(workdir)
    workdir.mkdir(mode=0o755)
    _move_mount(workdir_fd, workdir)
    _mount(None, str(workdir), None, MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NODEV)
    os.close(workdir_fd)
    socket.sethostname("sandkasse")
    _loopback_up()


def _mounts_under(folder: Path) -> list[Path]:
    """What bubblewrap bound below ``folder`` for the template (the code, when the checkout or the
    virtualenv lives under /tmp), parents first, from this mount namespace's mountinfo."""
    with open("/proc/self/mountinfo", encoding="utf-8") as mountinfo:
        points = [Path(_unescape(line.split()[4])) for line in mountinfo]
    return sorted({point for point in points if folder in point.parents})


def _unescape(field: str) -> str:
    """mountinfo writes a space, tab, newline or backslash in a path as an octal escape (\\040)."""
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match.group(1), 8)), field)


def _attach(fd: int, path: Path, is_folder: bool) -> None:
    """Put a detached mount back at ``path`` in the fresh /tmp, and close its descriptor."""
    _make_parents(path)
    if is_folder:
        path.mkdir(mode=0o755, exist_ok=True)
    else:
        path.touch(mode=0o644, exist_ok=True)
    _move_mount(fd, path)
    os.close(fd)


def _make_parents(path: Path) -> None:
    """Folders above ``path`` that the pupil's uid can pass through (0755)."""
    for parent in reversed(path.parents):
        if not parent.exists():
            parent.mkdir(mode=0o755)
            os.chmod(parent, 0o755)


def _move_mount(fd: int, path: Path) -> None:
    _check(_libc.syscall(SYS_MOVE_MOUNT, fd, b"", AT_FDCWD, str(path).encode(), MOVE_MOUNT_F_EMPTY_PATH),
           f"move_mount {path}")


def _loopback_up() -> None:
    """Loopback up, as bubblewrap leaves it in a fresh network namespace (nothing else is there)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        fcntl.ioctl(probe, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", IFF_UP | IFF_LOOPBACK | IFF_RUNNING))


def drop_to_pupil(request: dict) -> None:
    """As PID 1 of the fresh PID namespace: own /proc, then the pupil's uid with nothing else.

    Exits (never returns) if any part did not hold.
    """
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for which, value in request["rlimits"]:
        resource.setrlimit(which, (value, value))
    os.setsid()
    last_cap = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for cap in range(last_cap + 1):
        _prctl(PR_CAPBSET_DROP, cap)
    _prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    uid = request["uid"]
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    _clear_capabilities()
    _prctl(PR_SET_NO_NEW_PRIVS, 1)
    _verify(uid)


def _clear_capabilities() -> None:
    """Empty the effective, permitted and inheritable sets (the uid change empties only two)."""
    header = (ctypes.c_uint32 * 2)(CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()
    _check(_libc.capset(header, data), "capset")


def _verify(uid: int) -> None:
    """Read back what the kernel says about this process; anything not dropped is fatal."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    for key in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        if int(status[key], 16) != 0:
            raise ForkServerError(f"{key} not empty")
    for key in ("Uid", "Gid"):
        if set(status[key].split()) != {str(uid)}:
            raise ForkServerError(f"{key} is not {uid}")
    if status["Groups"].split() or status["NoNewPrivs"].strip() != "1":
        raise ForkServerError("groups or no_new_privs not as required")


def send_reply(reply: socket.socket, message: bytes, fds: list[int] = ()) -> None:
    with contextlib.suppress(OSError):
        socket.send_fds(reply, [message], list(fds))


def receive(control: socket.socket):
    """One request: (dict, reply socket, stdout, stderr, job folder fd, cgroup fds), None at the end."""
    message, fds, _, _ = socket.recv_fds(control, 65536, 32)
    if not message:
        return None
    reply, stdout, stderr, workdir_fd, *cgroup_fds = fds
    return json.loads(message), socket.socket(fileno=reply), stdout, stderr, workdir_fd, cgroup_fds


def close_other_fds(keep: tuple[int, ...]) -> None:
    """Close every descriptor but ``keep`` (the template's socket, other jobs' leftovers)."""
    fds = sorted(int(name) for name in os.listdir("/proc/self/fd"))
    for fd in fds:
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)
