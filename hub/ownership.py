"""Who owns what under var/ on the school tier, and how little the portal and the workers hold.

The hub runs as root: it makes the pupils' system users and starts each pupil's
server as that user (hub/isolation.py). The services it starts need far less:

* The teacher portal (Flask behind the proxy: the one service facing the web) runs
  as the unprivileged system user ``kodefag``, without capabilities and with
  ``no_new_privs`` (:func:`portal_command`).
  That user owns exactly what the portal writes - its SQLite files in var/portal/,
  the course folders, the hand-ins, class-list uploads and the read-aloud cache - and
  reads only its own secrets. var/ itself, the hub's database, pid file, cookie
  secret, proxy token and var/kodefag.env stay root's: a taken-over portal can
  neither read them nor plant files (a SQLite hot journal, a link) beside them.
* The grading workers must start bubblewrap as root (it refuses extra capabilities
  in a non-root process), switch each job to a uid of the sandbox pool and make its
  cgroups. They run as root with only the capabilities that needs
  (:data:`WORKER_CAPABILITIES`), and with ``no_new_privs``.

:func:`hand_over_var` sets this up at every start (``prepare``), so a restored
backup or files an operator's root command made are handed back too.
"""
from __future__ import annotations

import os
import pwd
import sys
from pathlib import Path

from kodefag.secrets import secret
from kodefag.settings import REPO_ROOT, Settings
from kodefag.teacher_portal.hub_sync import TOKEN_SECRET as PORTAL_TOKEN_SECRET

from .isolation import ensure_account

#: the portal's system user on the school tier
PORTAL_USER = "kodefag"
#: folders of var/ the portal writes: its SQLite files, course folders, hand-ins,
#: class-list uploads (teacher_portal/roster_admin_views.py), read-aloud cache
PORTAL_FOLDERS = ("portal", "courses", "submissions", "imports", "laes-op")
#: the secrets the portal reads; every other one (the hub's cookie secret, the proxy's token) stays root's
PORTAL_SECRETS = ("portal_secret_key", PORTAL_TOKEN_SECRET, "audit_pseudonym_key")

#: capabilities the grading workers keep (setpriv's names), and why: everything else of root's goes
WORKER_CAPABILITIES = {
    "sys_admin": "bubblewrap makes the job's namespaces (mount, PID, network, IPC, UTS) and mounts its view",
    "net_admin": "bubblewrap brings up the loopback of the job's empty network namespace",
    "setuid": "the job drops to its uid of the sandbox pool (setpriv --reuid)",
    "setgid": "... and to that uid's group, without supplementary groups",
    "setpcap": "the job's setpriv empties its bounding set (without it setpriv leaves the worker's)",
    "kill": "ending a crashed job's leftover processes of its pool uid and of its cgroup",
    "chown": "handing the job folder to the pool uid and back; SQLite keeps the -wal and -shm files "
             "of the portal's databases the portal's when the worker writes a result",
    "dac_override": "reading the portal's course folders and hand-ins (mode 0700, the portal's user), "
                    "and cleaning up a job folder whatever modes the pupil's code left in it",
}

def portal_command(command: list[str]) -> list[str]:
    """``command`` as the portal's user for good: no capabilities, an empty bounding set and no
    new privileges, so not even a setuid program (su, mount) can give it more."""
    return ["/usr/bin/setpriv", f"--reuid={PORTAL_USER}", f"--regid={PORTAL_USER}", "--init-groups",
            "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", *command]


def worker_command(command: list[str]) -> list[str]:
    """``command`` run as root with only :data:`WORKER_CAPABILITIES` and no new privileges.

    A root process keeps its bounding set across exec, so after setpriv the worker and
    everything it starts (bubblewrap, the jobs) hold at most these capabilities."""
    keep = ",".join(f"+{name}" for name in WORKER_CAPABILITIES)
    return ["/usr/bin/setpriv", f"--bounding-set=-all,{keep}", f"--inh-caps=-all,{keep}", "--no-new-privs",
            "--", *command]


def portal_account() -> pwd.struct_passwd:
    """The portal's system user: a system uid, no home, no login shell."""
    return ensure_account(PORTAL_USER, Path("/nonexistent"), comment="kodefag lærerportal", system=True)


def closed_folders(path: Path) -> list[Path]:
    """Folders above ``path`` (and itself) that other users may not enter."""
    return [folder for folder in [path, *path.parents] if not folder.stat().st_mode & 0o001]


def own_tree(top: Path, uid: int, gid: int) -> None:
    """``top`` and everything below it owned by uid:gid, never following a link."""
    for root, dirs, files in os.walk(top):
        for name in [root, *(os.path.join(root, entry) for entry in dirs + files)]:
            status = os.lstat(name)
            if (status.st_uid, status.st_gid) != (uid, gid):
                os.chown(name, uid, gid, follow_symlinks=False)


def hand_over_var(settings: Settings) -> pwd.struct_passwd:
    """var/ as the school tier wants it (see the module docstring); returns the portal's user."""
    account = portal_account()
    var = settings.var_dir
    closed = [str(folder) for path in (var, REPO_ROOT, Path(sys.prefix), Path(sys.base_prefix)) for folder in closed_folders(path)]
    if closed:
        raise PermissionError(f"the portal's user {PORTAL_USER} cannot reach var/ and the code through "
                              f"{', '.join(sorted(set(closed)))}: install kodefag and its Python where every user may "
                              "enter the folders above them (e.g. /opt/kodefag and Debian's python3)")
    os.chown(var, 0, 0)
    os.chmod(var, 0o755)  # pupils never see var/ (their sandbox does not bind it)
    for name in PORTAL_FOLDERS:
        folder = var / name
        folder.mkdir(exist_ok=True)
        os.chmod(folder, 0o700)
        own_tree(folder, account.pw_uid, account.pw_gid)
    if settings.queue_url == "sqlite":
        # the root workers open the queue too: the file must exist as the portal's before they do
        settings.queue_file.touch(exist_ok=True)
        os.chown(settings.queue_file, account.pw_uid, account.pw_gid)
    close_hub_database(settings)
    secrets = var / "secrets"
    secrets.mkdir(mode=0o700, exist_ok=True)
    os.chown(secrets, 0, 0)
    os.chmod(secrets, 0o711)  # the portal opens its own secrets by name, and cannot list the folder
    for path in secrets.iterdir():
        if path.name not in PORTAL_SECRETS and not path.is_symlink():
            os.chown(path, 0, 0)
            os.chmod(path, 0o600)
    for name in PORTAL_SECRETS:
        secret(var, name)
        os.chown(secrets / name, account.pw_uid, account.pw_gid)
        os.chmod(secrets / name, 0o600)
    return account


def close_hub_database(settings: Settings) -> None:
    """The hub's SQLite database (and the journal files SQLite gives the same mode) root's, mode 0600.

    Made empty before the hub first starts (JupyterHub sets up an empty file as a new
    database): JupyterHub would create it readable by everyone."""
    if not settings.hub_database_url.startswith("sqlite:///"):
        return  # PostgreSQL: its own role and password, in root's var/kodefag.env (docs/operations.md)
    database = Path(settings.hub_database_url.removeprefix("sqlite:///"))
    database.touch(mode=0o600, exist_ok=True)
    for path in [database, *database.parent.glob(database.name + "-*")]:
        os.chown(path, 0, 0)
        os.chmod(path, 0o600)
