"""Pupils' servers that never run as root and cannot reach each other: the school tier's spawner.

Where the hub runs as root without systemd (a container, this project's CI),
:class:`IsolatedSpawner` gives every pupil their own system user (``kf-<name>``,
made with the hub user - from the roster, or at the first login - and removed with
it: :func:`create_account`, :func:`remove_account`), a home of mode 0700 under
``var/homes/``, and runs
their Jupyter server - and with it every kernel - through
:func:`kodefag.sandbox.server_command`: bubblewrap with its own PID namespace,
private /tmp, only the code and the pupil's own home in view, inside a cgroup
per pupil that caps memory, processes and CPU. A machine that cannot do this
(no bubblewrap, no memory or pids cgroup) refuses to start the server; it never
falls back to an unconfined one.

Where systemd runs, docs/operations.md configures jupyterhub-systemdspawner
with the same limits instead (``KODEFAG_SCHOOL_SPAWNER=systemd``).
"""
from __future__ import annotations

import asyncio
import hashlib
import importlib.util
import os
import pwd
import random
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from subprocess import Popen

import psutil
from jupyterhub.spawner import LocalProcessSpawner
from jupyterhub.utils import random_port
from traitlets import Float, Integer, List, Unicode

from kodefag import sandbox
from kodefag.kinds import KINDS
from kodefag.settings import REPO_ROOT, Settings

#: prefix of the pupils' system users: never clashes with a person's login on the server
SYSTEM_USER_PREFIX = "kf-"
#: where a pupil's home appears inside their server
HOMES_INSIDE = "/home"
#: the platform's packages (pyproject's [tool.setuptools] packages); an editable install
#: keeps them outside the virtualenv, so they are bound read-only into the servers
CODE_PACKAGES = ("jupyterlab_language_pack_da", "kodefag", "kodefag.hub", "kodefag.grader", "kodefag.microbit",
                 "kodefag.teacher_portal", "kodefag.curriculum", "kodefag.games", "kodefag.worker")


#: ZeroMQ's bind_to_random_port starts here (ipykernel binds one such port per kernel)
ZMQ_RANDOM_PORTS_START = 49152
#: how many ports below the randomly given ones the servers' ports come from
SERVER_PORT_SPAN = 10000
#: ports handed to this hub's servers, until they stop (a starting server has not bound its port yet)
_ports_given: set[int] = set()


def server_ports() -> range:
    """Where pupils' servers listen: below every port the system or ZeroMQ hands out at random.

    The hub picks a server's port seconds before the server binds it (longer at the bell);
    JupyterHub's random_port() takes one from the kernel's ephemeral range, where every outgoing
    connection and every other random bind draws too, and a kernel that took the port in that
    window left the server unable to start and its pupil waiting for the hub's time-out."""
    first_ephemeral = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    top = min(first_ephemeral, ZMQ_RANDOM_PORTS_START)
    return range(max(1024, top - SERVER_PORT_SPAN), top)


def _is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def server_port() -> int:
    """A free port for a server, never one given to another server still starting."""
    ports = server_ports()
    for port in random.sample(ports, min(len(ports), 200)):
        if port not in _ports_given and _is_free(port):
            _ports_given.add(port)
            return port
    return random_port()  # a machine whose ephemeral ports start below ~11000: as JupyterHub does


class SpawnRefused(RuntimeError):
    """The machine cannot confine a pupil's server; an operator must fix it."""


def system_username(hub_name: str) -> str:
    """The stable Linux user name of a hub user: ``kf-<name>``, or ``kf-<letters>-<hash>``
    when the name is not a valid Linux user name (32 characters, lower case, digits, - and _)."""
    candidate = SYSTEM_USER_PREFIX + hub_name
    if re.fullmatch(r"[a-z0-9_-]+", hub_name) and len(candidate) <= 32:
        return candidate
    letters = re.sub(r"[^a-z0-9]", "", hub_name.lower())[:16]
    digest = hashlib.sha256(hub_name.encode()).hexdigest()[:10]
    return f"{SYSTEM_USER_PREFIX}{letters}-{digest}"


def ensure_account(name: str, home: Path, attempts: int = 20, *, comment: str = "kodefag elev",
                   system: bool = False) -> pwd.struct_passwd:
    """The system user ``name``, created (no login shell, own group) if missing; ``system``:
    a uid from the system range (the portal's own user, hub/ownership.py).

    useradd refuses while another process holds /etc/passwd's lock; try again
    for a while (several hubs on one machine may add users at the same moment).
    """
    for _ in range(attempts):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            pass
        result = subprocess.run(
            ["useradd", "--no-create-home", "--home-dir", str(home), "--shell", "/usr/sbin/nologin",
             "--user-group", "--comment", comment, *(["--system"] if system else []), name],
            capture_output=True, text=True)
        if result.returncode not in (0, 9):  # 9: created by someone else meanwhile
            if "lock" not in result.stderr:
                raise SpawnRefused(f"useradd {name} failed: {result.stderr.strip()}")
            time.sleep(0.2)  # /etc/passwd is locked by another useradd: wait for it
    return pwd.getpwnam(name)


def prepare_home(home: Path, account: pwd.struct_passwd) -> None:
    """The pupil's home exists, is theirs and is closed to everyone else (mode 0700).

    A home not yet owned by the pupil (a restored backup, a home from the demo's
    shared-user days) is handed over without following links the pupil made.
    """
    home.mkdir(parents=True, exist_ok=True)
    if home.stat().st_uid != account.pw_uid:
        for root, dirs, files in os.walk(home):
            for name in [root, *(os.path.join(root, entry) for entry in dirs + files)]:
                os.chown(name, account.pw_uid, account.pw_gid, follow_symlinks=False)
    os.chmod(home, 0o700)


def create_account(hub_name: str, homes_dir: Path) -> pwd.struct_passwd:
    """The pupil's system user and their home (0700), made from the roster before any login
    (``RosterAuthenticator.add_user``) and checked again at every spawn."""
    home = homes_dir / hub_name
    account = ensure_account(system_username(hub_name), home)
    if account.pw_uid == 0:
        raise SpawnRefused(f"{account.pw_name} is root; refusing")
    prepare_home(home, account)
    return account


def remove_account(hub_name: str, homes_dir: Path, attempts: int = 20) -> list[str]:
    """The pupil's home and system user gone (GDPR delete, the retention job): returns what was removed.

    Their processes end first (userdel refuses a user who still runs one). The home goes
    before the user, so no file is ever left to an unowned uid that a later pupil could get.
    """
    name = system_username(hub_name)
    home = homes_dir / hub_name
    removed = []
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        account = None
    if account is not None:
        if account.pw_uid == 0:
            raise SpawnRefused(f"{name} is root; refusing")
        sandbox.kill_uid(account.pw_uid)
    if home.is_dir() and not home.is_symlink():
        shutil.rmtree(home)  # never follows the pupil's links
        removed.append(str(home))
    if account is None:
        return removed
    for _ in range(attempts):
        result = subprocess.run(["userdel", name], capture_output=True, text=True)
        if result.returncode in (0, 6):  # 6: removed by someone else meanwhile
            return [*removed, f"system user {name}"]
        if result.returncode == 8:  # a process of the user was still on its way out
            sandbox.kill_uid(account.pw_uid)
        elif "lock" not in result.stderr:
            raise SpawnRefused(f"userdel {name} failed: {result.stderr.strip()}")
        time.sleep(0.2)  # /etc/passwd is locked by another useradd/userdel: wait for it
    raise SpawnRefused(f"userdel {name}: /etc/passwd stayed locked")


def code_folders() -> list[Path]:
    """The folders of the platform's packages that lie outside the virtualenv."""
    folders = []
    for name in CODE_PACKAGES:
        spec = importlib.util.find_spec(name)
        for location in spec.submodule_search_locations or []:
            folders.append(Path(location).resolve())
    return sorted(set(folders))


def hidden_files() -> list[Path]:
    """Reference solutions that live beside code a pupil's server needs (games, micro:bit)."""
    found = []
    for kind in KINDS.values():
        if "solution.py" in kind.content_files:
            found += sorted((REPO_ROOT / kind.content_root).glob("*/solution.py"))
    return found


#: Node.js, which a pupil's server has no use for: JupyterLab runs ``node yarn.js config`` at every
#: server start when it finds it (jupyterlab.commands, for the package registry of extension builds),
#: ~0.7 CPU s of each spawn - 20 CPU s of a class of 28 at the bell. Hidden, Lab skips it.
NODE_PROGRAMS = ("node", "nodejs")


def hidden_programs() -> list[Path]:
    """Node.js's executable on this machine, as pupils' servers would find it on their PATH (under /usr)."""
    found = {Path(path).resolve() for name in NODE_PROGRAMS if (path := shutil.which(name))}
    return sorted(path for path in found if path.is_relative_to("/usr"))


class IsolatedSpawner(LocalProcessSpawner):
    """A pupil's server as their own system user, confined by bubblewrap and a cgroup."""

    homes_dir = Unicode(help="Folder holding one home per hub user (var/homes)").tag(config=True)
    cgroup_prefix = Unicode("servers", help="cgroup folder of this platform's servers").tag(config=True)
    max_processes = Integer(256, help="Processes and threads of one pupil, together").tag(config=True)
    cpu_weight = Integer(100, help="CPU share under contention (100 = one share per pupil)").tag(config=True)
    cpu_cores = Float(1.0, help="At most this many cores per pupil (0: no cap)").tag(config=True)
    code_folders = List(help="Read-only folders the server's Python needs besides the venv").tag(config=True)
    hidden_files = List(help="Files the pupil cannot read or run (reference solutions inside code_folders, "
                             "Node.js)").tag(config=True)

    @property
    def system_name(self) -> str:
        return system_username(self.user.name)

    @property
    def home(self) -> Path:
        return Path(self.homes_dir) / self.user.name

    @property
    def home_inside(self) -> str:
        return f"{HOMES_INSIDE}/{self.system_name}"

    def cgroups(self) -> list[Path]:
        mem_limit = self.mem_limit or 1024 * 1024 * 1024
        limits = sandbox.GroupLimits(memory_bytes=mem_limit, max_processes=self.max_processes,
                                     cpu_weight=self.cpu_weight, cpu_cores=self.cpu_cores or None)
        folders = sandbox.limit_group(self.cgroup_name, limits)
        sandbox.weigh_parent(self.cgroup_prefix, starting=True)  # each pupil weighs one process
        return folders

    def user_env(self, env):
        env["USER"] = self.system_name
        env["HOME"] = self.home_inside
        env["SHELL"] = "/bin/bash"
        return env

    def make_preexec_fn(self, name):
        return None  # bubblewrap starts as root to build the view, then drops to the pupil's uid

    async def start(self):
        if os.geteuid() != 0:
            raise SpawnRefused("the school tier's spawner must run as root (it switches to each pupil's user)")
        sandbox.require_bwrap()
        if self.port == 0:
            self.port = server_port()
        account = await asyncio.to_thread(create_account, self.user.name, Path(self.homes_dir))
        groups = self.cgroups()
        missing = sandbox.missing_controllers(groups)
        if missing:
            raise SpawnRefused(f"no {' and no '.join(missing)} cgroup on this machine: cannot limit pupils' servers")
        command = sandbox.server_command(
            [*self.cmd, *self.get_args()], uid=account.pw_uid, gid=account.pw_gid, home=self.home,
            home_inside=self.home_inside, groups=groups, max_processes=self.max_processes,
            ro_binds=tuple(self.code_folders), hidden=tuple(self.hidden_files))
        self.log.info("Spawning %s's server as %s (uid %s) in its sandbox", self.user.name, self.system_name,
                      account.pw_uid)
        # the environment (with the server's hub token) goes through bwrap unchanged, never into argv
        self.proc = Popen(command, env=self.get_env(), start_new_session=True)
        self.pid = self.proc.pid
        return (self.ip or "127.0.0.1", self.port)

    def _server_process(self) -> psutil.Process | None:
        """The Jupyter server itself: bwrap -> bwrap (PID 1 of the namespace) -> server."""
        try:
            for init in psutil.Process(self.pid).children():
                for child in init.children():
                    return child
        except psutil.Error:
            pass
        return None

    async def _signal(self, sig):
        """Signals go to the server inside (bwrap does not forward them); SIGKILL ends the
        namespace's first process, so the kernel ends every process of the sandbox."""
        if sig == signal.SIGKILL:
            try:
                for init in psutil.Process(self.pid).children():
                    init.kill()
            except psutil.Error:
                pass
            sandbox.kill_group_members(self.cgroups_now())
        elif sig != 0:
            server = self._server_process()
            if server is not None:
                try:
                    server.send_signal(sig)
                except psutil.Error:
                    pass
        return await super()._signal(0)

    @property
    def cgroup_name(self) -> str:
        return f"{self.cgroup_prefix}/{self.system_name}"

    def cgroups_now(self) -> list[Path]:
        """This server's cgroup folders, without changing their limits."""
        return sandbox.group_folders(self.cgroup_name)

    async def stop(self, now=False):
        await super().stop(now=now)
        _ports_given.discard(self.port)
        self.port = 0  # the next start picks a port the same way
        # anything the pupil left behind in their cgroup (there should be nothing: the namespace is gone)
        sandbox.kill_group_members(self.cgroups_now())
        sandbox.weigh_parent(self.cgroup_prefix, starting=False)

    async def delete_forever(self):
        """The hub user is deleted (GDPR delete): their cgroup goes (the authenticator removes
        their system user and home, hub/authenticator.py)."""
        removed = await asyncio.to_thread(sandbox.remove_group, self.cgroup_name)
        self.log.info("Removed the cgroup of %s: %s", self.user.name, ", ".join(map(str, removed)) or "none")


def cgroup_prefix(settings: Settings) -> str:
    """One cgroup folder per platform instance (tests run several hubs on one machine)."""
    return "servers-" + hashlib.sha256(str(settings.var_dir).encode()).hexdigest()[:8]


def configure_isolation(c, settings: Settings) -> None:
    """Pupils' servers as their own system users in the sandbox (school tier; any tier started as root)."""
    if settings.tier == "school" and settings.school_spawner == "systemd":
        configure_systemd(c, settings)
        return
    c.JupyterHub.spawner_class = IsolatedSpawner
    c.IsolatedSpawner.homes_dir = str(settings.var_dir / "homes")
    c.RosterAuthenticator.system_homes_dir = str(settings.var_dir / "homes")
    c.IsolatedSpawner.cgroup_prefix = cgroup_prefix(settings)
    c.IsolatedSpawner.code_folders = [str(path) for path in code_folders()]
    c.IsolatedSpawner.hidden_files = [str(path) for path in [*hidden_files(), *hidden_programs()]]
    c.Spawner.mem_limit = settings.pupil_memory_mib * 1024 * 1024
    c.IsolatedSpawner.max_processes = settings.pupil_max_processes
    c.IsolatedSpawner.cpu_cores = settings.pupil_cpu_cores


def create_account_before_spawn(spawner) -> None:
    """SystemdSpawner's pre_spawn_hook: the pupil's system user and home, as IsolatedSpawner makes them."""
    create_account(spawner.user.name, Path(spawner.user_workingdir.replace("/{USERNAME}", "")))


def configure_systemd(c, settings: Settings) -> None:
    """jupyterhub-systemdspawner with the same limits, where systemd runs (docs/operations.md).

    Not exercised by the tests: this project's CI runs without systemd. User names
    follow ``kf-{USERNAME}``, which is :func:`system_username` for every name that is
    already a valid Linux user name (Unilogin's and the roster's are).
    """
    var = settings.var_dir
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.username_template = SYSTEM_USER_PREFIX + "{USERNAME}"
    c.SystemdSpawner.user_workingdir = str(var / "homes") + "/{USERNAME}"
    c.SystemdSpawner.mem_limit = f"{settings.pupil_memory_mib}M"
    c.SystemdSpawner.cpu_limit = settings.pupil_cpu_cores
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.isolate_devices = True
    c.SystemdSpawner.disable_user_sudo = True
    c.SystemdSpawner.readonly_paths = ["/"]
    c.SystemdSpawner.readwrite_paths = [str(var / "homes") + "/{USERNAME}"]
    c.SystemdSpawner.unit_extra_properties = {
        "TasksMax": str(settings.pupil_max_processes),
        "CPUWeight": "100",
        "ProtectProc": "invisible",
        "ProtectHome": "yes",
        "InaccessiblePaths": " ".join([*(f"-{var / name}" for name in
                                         ("secrets", "courses", "submissions", "portal", "portal.sqlite",
                                          "jupyterhub.sqlite", "queue.sqlite", "kodefag.env")),
                                       *(f"-{path}" for path in hidden_programs())]),
    }
    c.Spawner.pre_spawn_hook = create_account_before_spawn
    c.RosterAuthenticator.system_homes_dir = str(var / "homes")
