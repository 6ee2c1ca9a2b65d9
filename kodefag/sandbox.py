"""The one way to run pupil code: every grader and every runner goes through here.

Two policies, chosen explicitly by the caller (never by what happens to be
installed):

``Policy.GRADING`` - pupil code run by the platform on the platform's machine
(grading workers, simulations and game runs the portal queues, ``kodefag ...
grade``). It runs under bubblewrap (``bwrap``) with every namespace unshared: no
network (only a down loopback), its own PID namespace (when the sandbox ends, the
kernel kills every process in it, including detached ones) and its own mounts.
It sees only the Python installation (read-only), the ``kodefag`` floor package
and the packages the caller binds (read-only), its own job folder (read-write)
and fresh tmpfs ``/tmp`` and ``HOME``: no ``var/`` (gradebooks, portal database),
no course folders, no hidden tests, no other submissions. As root it runs as an
unprivileged uid taken from a small pool, one uid per running job (so the process
limit of one job cannot starve another and a job cannot signal another job's
processes), inside per-job memory and pids cgroups where the machine has them.
Without bubblewrap it refuses (:class:`SandboxUnavailable`): pupil code is never
graded unsandboxed.
Grading kernels as root are the one exception to "bubblewrap starts it": they are
forked from a kernel template that bubblewrap started, and each child builds this same
sandbox itself (:mod:`kodefag.fork_sandbox`), because importing ipykernel per kernel was
most of a hand-in's CPU.

``Policy.OWN_CODE`` - the pupil's own code run for the pupil inside their own
Jupyter server (the game player, "Tjek" of their own game, ``%%microbit``). That
server already runs the pupil's code with the pupil's rights, so the sandbox
adds no isolation, only protection of the pupil's session from their own
mistakes: the same resource limits, a session of its own, and the whole process
group killed at the end, so an endless loop or a memory hog cannot take the
kernel down.

Both policies apply the same :class:`Limits`, as rlimits (``prlimit`` under
bubblewrap, ``setrlimit`` for own code), plus a wall-clock limit and capped output.
:func:`run` starts a program with its job; :class:`Prestarted` starts it ahead of a
job it does not know yet (an idle worker's next game child), under the same policy,
for exactly one job.
"""
from __future__ import annotations

import contextlib
import enum
import errno
import fcntl
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import psutil

BWRAP = "/usr/bin/bwrap"
#: the ``kodefag`` package itself (settings, kinds, this module), bound read-only
FLOOR_PACKAGE = Path(__file__).resolve().parent
#: first uid of the pool of unprivileged users sandboxed jobs run as
UID_POOL_START = 61000
UID_POOL_SIZE = 64
#: HOME inside the sandbox (a fresh tmpfs every time)
SANDBOX_HOME = "/home/elev"


class SandboxUnavailable(RuntimeError):
    """The machine cannot sandbox pupil code; an operator must fix it."""


class Policy(enum.Enum):
    """How much a run of pupil code is isolated (see the module docstring)."""

    GRADING = "grading"
    OWN_CODE = "own_code"


@dataclass(frozen=True)
class Limits:
    """Resource limits for one run of pupil code (per process where the kernel says so)."""

    cpu_seconds: int = 60
    memory_bytes: int = 1024 * 1024 * 1024
    max_processes: int = 64
    max_file_bytes: int = 16 * 1024 * 1024
    max_open_files: int = 256
    tmpfs_bytes: int = 64 * 1024 * 1024

    def with_cpu_for(self, wall_seconds: float) -> "Limits":
        """The same limits with CPU time just above a wall-clock limit."""
        return replace(self, cpu_seconds=int(wall_seconds) + 2)


def rlimits(limits: Limits, nproc: int | None) -> list[tuple[int, str, int]]:
    """The resource limits both policies apply: (RLIMIT_*, prlimit option, value).

    ``nproc`` is None where the process limit cannot be per job (own code runs
    under the pupil's own uid beside their server: a limit there would count the
    server's threads too).
    """
    table = [
        (resource.RLIMIT_CPU, "cpu", limits.cpu_seconds),
        (resource.RLIMIT_AS, "as", limits.memory_bytes),
        (resource.RLIMIT_FSIZE, "fsize", limits.max_file_bytes),
        (resource.RLIMIT_NOFILE, "nofile", limits.max_open_files),
        (resource.RLIMIT_CORE, "core", 0),
    ]
    if nproc is not None:
        table.append((resource.RLIMIT_NPROC, "nproc", nproc))
    return table


@dataclass
class SandboxResult:
    """What a sandboxed program did."""

    returncode: int | None
    stdout: bytes
    stderr: bytes
    timed_out: bool = False
    output_truncated: bool = False
    wall_seconds: float = 0.0


def require_bwrap() -> str:
    """Return the bubblewrap path or fail with an operator error (never run unsandboxed)."""
    path = os.environ.get("KODEFAG_BWRAP", BWRAP)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise SandboxUnavailable(
            f"bubblewrap ({path}) is not installed: refusing to run pupil code without a "
            "sandbox. Install the Debian package 'bubblewrap'."
        )
    return path


def sandbox_available() -> bool:
    """Whether :func:`require_bwrap` would pass (for work that is only worth doing with a sandbox)."""
    try:
        require_bwrap()
    except SandboxUnavailable:
        return False
    return True


def _lock_dir() -> Path:
    """Machine-wide (uids are machine-wide): every kodefag process shares these locks."""
    base = Path("/run/lock") if Path("/run/lock").is_dir() else Path(tempfile.gettempdir())
    directory = base / "kodefag-sandbox"
    directory.mkdir(mode=0o700, exist_ok=True)
    return directory


@contextlib.contextmanager
def reserve_uid():
    """Reserve an unprivileged uid for one job (file lock), or None when not root.

    On exit every process still owned by that uid is killed, so nothing a job
    started can outlive it, whatever the namespaces did (:func:`end_uid_processes`).
    """
    if os.geteuid() != 0:
        yield None  # developer machine: bwrap's user namespace is the only separation
        return
    directory = _lock_dir()
    for offset in range(UID_POOL_SIZE):
        uid = UID_POOL_START + offset
        handle = open(directory / f"uid-{uid}.lock", "w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        try:
            end_uid_processes(uid)  # leftovers of a crashed worker
            yield uid
        finally:
            end_uid_processes(uid)
            handle.close()
        return
    raise SandboxUnavailable(f"all {UID_POOL_SIZE} sandbox uids are busy")


def end_uid_processes(uid: int) -> None:
    """SIGKILL every process of a pool ``uid``.

    Every sandbox that runs as a pool uid starts inside that uid's job cgroup, and a
    sandboxed process cannot leave it (the cgroup files are root's and not in its
    view): where that group exists its members are all of the uid's processes, found
    with one file read. Elsewhere every process of the machine is looked at
    (:func:`kill_uid`, tens of milliseconds on a busy machine, twice per job).
    """
    groups = [folder for folder in group_folders(f"uid-{uid}")
              if folder.is_dir() and (cgroup_v2() or folder.relative_to(CGROUP_ROOT).parts[0] == "pids")]
    if groups:
        kill_group_members(groups)
    else:
        kill_uid(uid)


def kill_uid(uid: int) -> None:
    """SIGKILL every process whose real uid is ``uid``."""
    for process in psutil.process_iter(["uids"]):
        try:
            if process.info["uids"] and process.info["uids"].real == uid:
                process.kill()
        except psutil.Error:
            pass


def processes_of(uid: int) -> list[int]:
    """PIDs of live processes owned by ``uid`` (used by tests and the reaper)."""
    found = []
    for process in psutil.process_iter(["uids", "status"]):
        info = process.info
        if info["uids"] and info["uids"].real == uid and info["status"] != psutil.STATUS_ZOMBIE:
            found.append(process.pid)
    return found


CGROUP_ROOT = Path("/sys/fs/cgroup")


@dataclass(frozen=True)
class GroupLimits:
    """Limits for all processes of one cgroup together (a grading job, a pupil's server)."""

    memory_bytes: int
    max_processes: int
    #: relative CPU share under contention (100 = one normal share; cgroup v2 weight scale)
    cpu_weight: int | None = None
    #: hard cap in cores (1.0 = one core), None for no cap
    cpu_cores: float | None = None


#: the cgroup v1 controllers kodefag limits (v2: the same, in one folder)
V1_CONTROLLERS = ("memory", "pids", "cpu")


def cgroup_v2(root: Path = CGROUP_ROOT) -> bool:
    """True where /sys/fs/cgroup is the unified (v2) hierarchy."""
    return (root / "cgroup.controllers").exists()


def group_folders(name: str, root: Path = CGROUP_ROOT) -> list[Path]:
    """The folders of the cgroup ``kodefag/<name>`` (whether they exist or not), without touching them."""
    if cgroup_v2(root):
        return [root / "kodefag" / name]
    return [root / controller / "kodefag" / name for controller in V1_CONTROLLERS]


def remove_group(name: str, root: Path = CGROUP_ROOT) -> list[Path]:
    """End every process of the cgroup ``kodefag/<name>`` and remove its folders; returns those removed.

    A cgroup folder goes with rmdir once it holds no process (its files are the kernel's).
    """
    folders = [folder for folder in group_folders(name, root) if folder.is_dir()]
    removed = []
    for _attempt in range(50):
        kill_group_members(folders)
        for folder in folders:
            try:
                folder.rmdir()
                removed.append(folder)
            except FileNotFoundError:
                pass
            except OSError as error:
                if error.errno != errno.EBUSY:  # busy: a process still on its way out
                    raise
        folders = [folder for folder in folders if folder.is_dir()]
        if not folders:
            return removed
        time.sleep(0.1)  # SIGKILLed processes leave the group when the kernel has reaped them
    raise OSError(f"cgroup {name} still busy: {', '.join(map(str, folders))}")


#: cgroup v1's largest cpu.shares, v2's largest cpu.weight
MAX_V1_SHARES, MAX_V2_WEIGHT = 262144, 10000


def _running_groups(folder: Path, depth: int) -> int:
    """How many cgroups down to ``depth`` levels below ``folder`` hold a process themselves."""
    try:
        children = [child for child in folder.iterdir() if child.is_dir()]
    except OSError:
        return 0
    running = sum(1 for child in children if group_pids([child]))
    if depth > 1:
        running += sum(_running_groups(child, depth - 1) for child in children)
    return running


def weigh_parent(parent: str, starting: bool, root: Path = CGROUP_ROOT) -> int:
    """Give the cgroup ``kodefag/<parent>`` (and ``kodefag/``) one ordinary share per member
    group that runs a process (``starting``: plus the one starting now).

    A cgroup competes with the machine's other processes as *one* entity of its parent: all
    pupils' servers together would weigh as much as a single process of the hub (v1: a root
    task), and a class at the bell would starve whenever anything else runs. Weighted by its
    running members, each pupil weighs what one process does (as on stock JupyterHub),
    and the pupils share that equally among themselves. Returns the weight of ``parent``
    (v1 shares, v2 weight); call it when a member starts and when one stopped.
    """
    v2 = cgroup_v2(root)
    top = root / "kodefag" if v2 else root / "cpu" / "kodefag"
    key, unit, most = ("cpu.weight", 100, MAX_V2_WEIGHT) if v2 else ("cpu.shares", 1024, MAX_V1_SHARES)
    weights = {}
    for folder, depth in ((top / parent, 1), (top, 2)):
        running = _running_groups(folder, depth) + (1 if starting else 0)
        weights[folder] = min(most, unit * max(1, running))
        with contextlib.suppress(OSError):
            if folder.is_dir():
                (folder / key).write_text(str(weights[folder]))
    return weights[top / parent]


def limit_group(name: str, limits: GroupLimits, root: Path = CGROUP_ROOT) -> list[Path]:
    """Create (or reuse) the cgroup ``kodefag/<name>`` and set its limits; return its folders.

    rlimits are per process; cgroups cap everything a job or a server starts,
    together. cgroup v1 has one folder per controller (memory, pids, cpu); v2 one
    folder. A controller the machine lacks is left out of the returned list, so
    callers can refuse when one they rely on is missing (:func:`missing_controllers`).
    ``root`` is /sys/fs/cgroup but for tests of the hierarchy this machine lacks.
    """
    if cgroup_v2(root):
        return _limit_group_v2(name, limits, root)
    values = {
        "memory": {"memory.limit_in_bytes": limits.memory_bytes},
        "pids": {"pids.max": limits.max_processes},
    }
    if limits.cpu_weight is not None or limits.cpu_cores is not None:
        cpu = {}
        if limits.cpu_weight is not None:
            cpu["cpu.shares"] = max(2, limits.cpu_weight * 1024 // 100)
        cpu["cpu.cfs_quota_us"] = int(limits.cpu_cores * 100_000) if limits.cpu_cores else -1
        values["cpu"] = cpu
    folders = []
    for controller, settings in values.items():
        folder = root / controller / "kodefag" / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for key, value in settings.items():
                (folder / key).write_text(str(value))
        except OSError:
            continue  # no such controller here
        folders.append(folder)
    return folders


def _limit_group_v2(name: str, limits: GroupLimits, root: Path) -> list[Path]:
    """The same in the unified hierarchy: controllers enabled on the way down, one folder."""
    folder = root / "kodefag" / name
    try:
        parent = root
        for part in folder.relative_to(root).parts:
            for controller in V1_CONTROLLERS:
                with contextlib.suppress(OSError):
                    (parent / "cgroup.subtree_control").write_text(f"+{controller}")
            parent = parent / part
            parent.mkdir(exist_ok=True)
        (folder / "memory.max").write_text(str(limits.memory_bytes))
        (folder / "pids.max").write_text(str(limits.max_processes))
    except OSError:
        return []
    optional = {"memory.swap.max": "0"}  # not every kernel accounts swap; the cpu controller may be off
    if limits.cpu_weight is not None:
        optional["cpu.weight"] = str(limits.cpu_weight)
    if limits.cpu_weight is not None or limits.cpu_cores is not None:
        optional["cpu.max"] = f"{int(limits.cpu_cores * 100_000) if limits.cpu_cores else 'max'} 100000"
    for key, value in optional.items():
        with contextlib.suppress(OSError):
            (folder / key).write_text(value)
    return [folder]


def missing_controllers(folders: list[Path], needed=("memory", "pids")) -> list[str]:
    """The controllers of ``needed`` that :func:`limit_group` could not set up."""
    if cgroup_v2():
        return [] if folders else list(needed)
    present = {folder.relative_to(CGROUP_ROOT).parts[0] for folder in folders}
    return [controller for controller in needed if controller not in present]


def group_pids(folders: list[Path]) -> set[int]:
    """Every process in these cgroups."""
    pids = set()
    for folder in folders:
        try:
            pids.update(int(line) for line in (folder / "cgroup.procs").read_text().split())
        except OSError:
            continue
    return pids


def kill_group_members(folders: list[Path]) -> None:
    """SIGKILL every process in these cgroups (the sure end of a job or a server)."""
    for pid in group_pids(folders):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def job_cgroups(uid: int, limits: Limits) -> list[Path]:
    """The memory and pids cgroups of one job of the uid pool, if available.

    rlimits are per process; a job that forks 60 children of 2 GB each would still
    exhaust the machine. The cgroup caps the whole job. One group per uid of the
    pool, reused; limits are set again for every job.
    """
    return limit_group(f"uid-{uid}", GroupLimits(memory_bytes=limits.memory_bytes + 256 * 1024 * 1024,
                                                 max_processes=limits.max_processes + 16))


def job_processes(uid: int, folders: list[Path]) -> list[int]:
    """PIDs of live processes of ``uid`` in a job's cgroups (``folders`` from :func:`job_cgroups`).

    Reading the job's cgroup is a few file reads; scanning every process of the
    machine (:func:`processes_of`) costs more the busier the machine is, and a
    grading does it several times. A sandboxed process cannot leave its cgroup
    (the cgroup files are root's and not in the sandbox), so the group holds all of
    the job's processes; the uid check leaves out root's bubblewrap. Without
    cgroups this is :func:`processes_of`.
    """
    if not folders:
        return processes_of(uid)
    found = []
    for pid in group_pids(folders):
        with contextlib.suppress(psutil.Error):
            process = psutil.Process(pid)
            if process.uids().real == uid and process.status() != psutil.STATUS_ZOMBIE:
                found.append(pid)
    return found


def kill_job(uid: int, folders: list[Path]) -> None:
    """SIGKILL every process of ``uid`` in a job's cgroups (all of the uid's without cgroups).

    :func:`reserve_uid` still scans the whole machine when a job starts and ends.
    """
    if not folders:
        kill_uid(uid)
        return
    for pid in job_processes(uid, folders):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _enter_cgroups(folders: list[Path]) -> list[str]:
    """A shell prefix that moves itself into the job's cgroups, then execs the rest."""
    if not folders:
        return []
    moves = "; ".join(f"echo $$ > {folder / 'cgroup.procs'}" for folder in folders)
    return ["/bin/sh", "-c", f'{moves}; exec "$@"', "sh"]


def _python_paths() -> list[Path]:
    """The interpreter, the venv and the floor package: all a Python program needs to start.

    Callers bind their own package (the checks library, the game child, the
    micro:bit simulator) with ``ro_binds``."""
    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(os.path.realpath(sys.executable)).parent.parent}
    paths.add(FLOOR_PACKAGE)
    return sorted(path for path in paths if path.exists() and str(path) not in ("/usr", "/"))


def _bind_args(binds: list[tuple[str, Path]]) -> list[str]:
    """bwrap bind options, creating traversable (0755) parent folders first.

    bwrap would otherwise create missing parents with the source's restrictive
    modes (e.g. /root is 0700), which the unprivileged sandbox user cannot enter.
    """
    parents: list[str] = []
    for _, path in binds:
        for parent in reversed(path.parents):
            text = str(parent)
            if text not in ("/", "/tmp", "/usr") and text not in parents:
                parents.append(text)
    args: list[str] = []
    for parent in parents:
        args += ["--perms", "0755", "--dir", parent]
    for option, path in binds:
        args += [option, str(path), str(path)]
    return args


def sandbox_env(workdir: Path, extra: dict | None = None) -> dict[str, str]:
    """The clean environment a sandboxed program gets."""
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": SANDBOX_HOME,
        "IPYTHONDIR": f"{SANDBOX_HOME}/.ipython",
        "JUPYTER_CONFIG_DIR": f"{SANDBOX_HOME}/.jupyter",
        "JUPYTER_DATA_DIR": f"{SANDBOX_HOME}/.local/share/jupyter",
        "JUPYTER_RUNTIME_DIR": f"{SANDBOX_HOME}/.local/share/jupyter/runtime",
        "MPLCONFIGDIR": f"{SANDBOX_HOME}/.matplotlib",
        "MPLBACKEND": "Agg",
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "TMPDIR": "/tmp",
        "PWD": str(workdir),
    }
    env.update(extra or {})
    return env


def _system_view(tmp_bytes: int) -> list[str]:
    """What every sandbox sees of the machine: /usr read-only and its own /proc, /dev and /tmp.

    ``/proc`` belongs to the sandbox's own PID namespace: other processes of the
    machine (their command lines, their environment with tokens) are not there.
    """
    return [
        "--ro-bind", "/usr", "/usr",
        "--symlink", "usr/bin", "/bin",
        "--symlink", "usr/lib", "/lib",
        "--symlink", "usr/lib64", "/lib64",
        "--symlink", "usr/sbin", "/sbin",
        "--proc", "/proc",
        "--dev", "/dev",
        "--size", str(tmp_bytes), "--perms", "1777", "--tmpfs", "/tmp",
        "--size", str(tmp_bytes), "--perms", "1777", "--tmpfs", "/dev/shm",
    ]


def sandbox_command(
    argv: list[str],
    *,
    workdir: Path,
    uid: int | None,
    limits: Limits,
    env: dict | None = None,
    ro_binds: tuple = (),
    chdir: str | None = None,
) -> list[str]:
    """The full command line running ``argv`` sandboxed (limits, uid, bwrap).

    ``chdir`` is the working directory inside (default: ``workdir``); kernels use
    the size-limited tmpfs HOME so pupil files cannot fill the host's disk.
    """
    bwrap = require_bwrap()
    workdir = Path(workdir).resolve()
    command = _enter_cgroups(job_cgroups(uid, limits)) if uid is not None else []
    command += [bwrap, "--die-with-parent", "--new-session", "--hostname", "sandkasse"]
    if uid is None:
        command += ["--unshare-all"]  # unprivileged bwrap: a user namespace does the rest
    else:
        # bwrap runs as root to set up the mounts, then drops to the job's uid below
        command += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    command += _system_view(limits.tmpfs_bytes)
    command += [
        "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
        "--ro-bind-try", "/etc/localtime", "/etc/localtime",
        "--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
        "--size", str(limits.tmpfs_bytes), "--perms", "0777", "--tmpfs", SANDBOX_HOME,
    ]
    binds = [("--ro-bind", path) for path in _python_paths()]
    binds += [("--ro-bind", Path(path)) for path in ro_binds]
    binds.append(("--bind", workdir))
    command += _bind_args(binds)
    command += ["--chdir", chdir or str(workdir), "--clearenv"]
    for key, value in sandbox_env(Path(chdir or workdir), env).items():
        command += ["--setenv", key, value]
    command += ["--"]
    if uid is not None:
        command += [
            "/usr/bin/setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
            "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
        ]
    command += ["/usr/bin/prlimit"]
    command += [f"--{option}={value}" for _, option, value in rlimits(limits, _nproc_limit(uid, limits.max_processes))]
    command += ["--", *argv]
    return command


def server_command(
    argv: list[str],
    *,
    uid: int,
    gid: int,
    home: Path,
    home_inside: str,
    groups: list[Path],
    max_processes: int,
    ro_binds: tuple = (),
    hidden: tuple = (),
    tmp_bytes: int = 256 * 1024 * 1024,
) -> list[str]:
    """The command line running a pupil's own Jupyter server (and so every kernel) confined.

    Unlike a grading job the server keeps the machine's network (the hub's proxy
    must reach it and it must reach the hub and the portal) and its environment
    (the hub passes the server's token there, never on the command line). It sees
    /usr and /etc read-only, the Python installation and ``ro_binds`` read-only,
    its own home read-write at ``home_inside``, private /tmp and /dev/shm, and its
    own PID namespace: no other pupil's home, no ``var/`` (databases, queue,
    secrets, course folders, hand-ins), no other process's /proc. Files in
    ``hidden`` (reference solutions inside bound code folders) cannot be read.
    ``groups`` (from :func:`limit_group`) cap memory, processes and CPU; bwrap
    runs as root to build the view, then drops to ``uid`` for good.
    """
    bwrap = require_bwrap()
    command = _enter_cgroups(groups)
    command += [bwrap, "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--hostname", "kodefag"]
    command += _system_view(tmp_bytes)
    command += ["--ro-bind", "/etc", "/etc"]
    binds = [("--ro-bind", path) for path in _python_paths()]
    binds += [("--ro-bind", Path(path)) for path in ro_binds]
    command += _bind_args(binds)
    command += ["--perms", "0755", "--dir", str(Path(home_inside).parent), "--bind", str(home), home_inside]
    for path in hidden:
        command += ["--ro-bind", "/dev/null", str(path)]
    command += ["--chdir", home_inside, "--setenv", "HOME", home_inside, "--setenv", "TMPDIR", "/tmp"]
    command += ["--", "/usr/bin/setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
                "/usr/bin/prlimit", f"--nproc={max_processes}", "--core=0", "--", *argv]
    return command


def _nproc_limit(uid: int | None, max_processes: int) -> int:
    """RLIMIT_NPROC counts every process and thread of the real uid.

    With a uid of its own (root mode) that is just the job. Without one (developer
    machine), the job shares the user's count, so allow for what already runs.
    """
    if uid is not None:
        return max_processes
    own = os.getuid()
    running = 0
    for process in psutil.process_iter(["uids", "num_threads"]):
        uids = process.info["uids"]
        if uids and uids.real == own:
            running += process.info["num_threads"] or 1
    return running + max_processes


def prepare_workdir(workdir: Path, uid: int | None) -> None:
    """Give the sandbox user its job folder (and nothing above it)."""
    if uid is None:
        return
    for root, dirs, files in os.walk(workdir):
        os.chown(root, uid, uid)
        for name in files:
            os.chown(os.path.join(root, name), uid, uid)


def lock_workdir(workdir: Path, uid: int | None) -> None:
    """Stop the sandbox user from creating files in its (host) job folder.

    Used once a kernel has created its sockets there: from then on pupil files
    can only go to the size-limited tmpfs folders inside the sandbox.
    """
    if uid is not None:
        os.chown(workdir, 0, 0)
        os.chmod(workdir, 0o755)


def run(
    argv: list[str],
    *,
    policy: Policy,
    workdir: Path,
    limits: Limits = Limits(),
    wall_seconds: float = 10,
    max_output_bytes: int = 1024 * 1024,
    env: dict | None = None,
    stdin: bytes | None = None,
    ro_binds: tuple = (),
) -> SandboxResult:
    """Run ``argv`` under ``policy`` with ``workdir`` as its only writable folder.

    Output beyond ``max_output_bytes`` (per stream) is dropped and flagged; after
    ``wall_seconds`` everything is killed and ``timed_out`` is set. Every process
    of the run is gone when this returns. ``ro_binds`` are the caller's own
    packages the program imports (bound read-only under GRADING; already
    readable for own code).
    """
    workdir = Path(workdir).resolve()
    if policy is Policy.OWN_CODE:
        command = list(argv)
        return _run_bounded(command, stdin, wall_seconds, max_output_bytes, cwd=workdir,
                            env=own_code_env(workdir, env), preexec_fn=_apply_rlimits(limits))
    require_bwrap()
    with reserve_uid() as uid:
        prepare_workdir(workdir, uid)
        command = sandbox_command(argv, workdir=workdir, uid=uid, limits=limits, env=env, ro_binds=ro_binds)
        return _run_bounded(command, stdin, wall_seconds, max_output_bytes)


def spawn(argv: list[str], *, cwd: Path, limits: Limits = Limits(), env: dict | None = None) -> subprocess.Popen:
    """Start the pupil's own code for a conversation over stdin/stdout (``Policy.OWN_CODE``).

    Used by the in-notebook game player, which talks to the game while it runs.
    The caller ends it with :func:`kill_group`.
    """
    return subprocess.Popen(
        argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
        env=own_code_env(Path(cwd), env), start_new_session=True, preexec_fn=_apply_rlimits(limits),
    )


def kill_group(process: subprocess.Popen) -> None:
    """Kill a spawned program and everything it started (its session's process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def own_code_env(workdir: Path, extra: dict | None = None) -> dict[str, str]:
    """A small, clean environment for own code: nothing of the caller's (no hub token) leaks in."""
    keep = ("PATH", "LANG", "LC_ALL", "VIRTUAL_ENV")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(
        HOME=str(workdir),
        TMPDIR=os.environ.get("TMPDIR", "/tmp"),
        MPLBACKEND="Agg",
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra or {})
    return env


def _apply_rlimits(limits: Limits):
    """preexec_fn setting the shared rlimits in the child before it runs own code."""
    table = rlimits(limits, None)

    def apply() -> None:
        for which, _, value in table:
            resource.setrlimit(which, (value, value))

    return apply


def _run_bounded(command, stdin, wall_seconds, max_output_bytes, *, cwd=None, env=None,
                 preexec_fn=None) -> SandboxResult:
    """Run a command with a wall-clock limit and capped output, killing its group after."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=cwd,
            env=env,
            start_new_session=True,
            preexec_fn=preexec_fn,
        )
        return _finish_bounded(process, stdin, out, err, started, wall_seconds, max_output_bytes)


def _finish_bounded(process, stdin, out, err, started, wall_seconds, max_output_bytes) -> SandboxResult:
    """Give a started program its input, wait at most until ``started + wall_seconds``, kill its group."""
    timed_out = False
    try:
        process.communicate(stdin, timeout=max(0.0, started + wall_seconds - time.monotonic()))
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    stdout, stdout_cut = _read_capped(out, max_output_bytes)
    stderr, stderr_cut = _read_capped(err, max_output_bytes)
    return SandboxResult(
        returncode=None if timed_out else process.returncode,
        stdout=stdout,
        stderr=stderr,
        timed_out=timed_out,
        output_truncated=stdout_cut or stderr_cut,
        wall_seconds=time.monotonic() - started,
    )


def _read_capped(handle, limit: int) -> tuple[bytes, bool]:
    """Read at most ``limit`` bytes from a spooled output file."""
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    return handle.read(limit), size > limit


@dataclass
class JobFolder:
    """A throw-away folder for one sandboxed job, deleted with everything in it."""

    path: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kodefag-job-")))

    def __enter__(self) -> Path:
        os.chmod(self.path, 0o700)
        return self.path

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


#: the environment variable naming the file descriptor a pre-started program reports "ready" on
READY_FD_VARIABLE = "KODEFAG_READY_FD"


class Prestarted:
    """A program started under ``policy`` before its job is known; it serves exactly one job.

    Starting the sandbox, Python and the program's imports is most of a short job's
    time (a game grading: bubblewrap, the interpreter and pygame). A worker with
    nothing to do starts the next job's program ahead; when the job comes, the caller
    fills :attr:`workdir` (the program's only writable folder, bound when it started)
    and :meth:`run` hands the program its job on stdin. The program is fresh - no
    pupil code has run in it - and :meth:`run` ends it with everything it started
    (its sandbox, its PID namespace), whatever happened: it is never given a second
    job, so no pupil's code ever runs where another's did. :meth:`close` (or leaving
    the ``with`` block) then deletes its folder, once the caller has read what it wants
    there, and releases its uid, killing anything still owned by that uid.

    Under ``Policy.GRADING`` it is exactly what :func:`run` starts (bubblewrap, a uid
    of the pool with its cgroups, the same limits) and refuses without bubblewrap.
    The program may write one byte to the descriptor in ``$KODEFAG_READY_FD`` once
    its imports are done (:meth:`wait_ready`).
    """

    def __init__(self, argv: list[str], *, policy: Policy, limits: Limits = Limits(), env: dict | None = None,
                 ro_binds: tuple = ()):
        if policy is Policy.GRADING:
            require_bwrap()
        self._held = contextlib.ExitStack()  # uid, folder, output files: until close()
        self._used = False
        self.process = None
        try:
            self._start(argv, policy, limits, env, ro_binds)
        except BaseException:
            self.close()
            raise

    def _start(self, argv, policy, limits, env, ro_binds) -> None:
        held = self._held
        self.uid = held.enter_context(reserve_uid()) if policy is Policy.GRADING else None
        self.workdir = held.enter_context(JobFolder()).resolve()
        self._out = held.enter_context(tempfile.TemporaryFile())
        self._err = held.enter_context(tempfile.TemporaryFile())
        ready_read, ready_write = os.pipe()
        self._ready = held.enter_context(os.fdopen(ready_read, "rb", buffering=0))
        env = {**(env or {}), READY_FD_VARIABLE: str(ready_write)}
        options = dict(stdin=subprocess.PIPE, stdout=self._out, stderr=self._err, start_new_session=True,
                       pass_fds=(ready_write,))
        try:
            if policy is Policy.OWN_CODE:
                self.process = subprocess.Popen(argv, cwd=self.workdir, env=own_code_env(self.workdir, env),
                                                preexec_fn=_apply_rlimits(limits), **options)
            else:
                prepare_workdir(self.workdir, self.uid)
                command = sandbox_command(argv, workdir=self.workdir, uid=self.uid, limits=limits, env=env,
                                          ro_binds=ro_binds)
                self.process = subprocess.Popen(command, **options)
        finally:
            os.close(ready_write)

    def wait_ready(self, timeout: float) -> bool:
        """Wait until the program says it is ready for its job (False: it ended or did not say so in time)."""
        if self._ready.closed:
            return self.alive()
        readable, _, _ = select.select([self._ready], [], [], timeout)
        if not readable:
            return False
        said = self._ready.read(1)
        self._ready.close()
        return said == b"1" and self.alive()

    def alive(self) -> bool:
        """Whether the program still waits for its job (one that died while waiting serves none)."""
        return not self._used and self.process.poll() is None

    def run(self, stdin: bytes, *, wall_seconds: float, max_output_bytes: int = 1024 * 1024) -> SandboxResult:
        """Give the program its one job; returns like :func:`run`, once the program has ended with its sandbox.

        ``wall_seconds`` counts from now (the job's start), not from the program's.
        """
        if self._used:
            raise RuntimeError("a pre-started program serves exactly one job")
        self._used = True
        started = time.monotonic()
        try:
            prepare_workdir(self.workdir, self.uid)  # the job's files, put there by the caller
            return _finish_bounded(self.process, stdin, self._out, self._err, started, wall_seconds,
                                   max_output_bytes)
        finally:
            self.end()

    def close(self) -> None:
        """End the program (if it still runs), delete its folder, release its uid (killing what it left)."""
        try:
            self.end()
        finally:
            self._held.close()

    def end(self) -> None:
        """End the program and its sandbox now; it serves no job after this (:meth:`run` calls it)."""
        self._used = True
        if self.process is None:
            return
        if self.process.returncode is None:  # once reaped, its pid may be another's
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def __enter__(self) -> "Prestarted":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
