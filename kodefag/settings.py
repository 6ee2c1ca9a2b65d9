"""Configuration: one set of keys for every deployment tier.

Values come from environment variables prefixed ``KODEFAG_`` (for example
``KODEFAG_DATABASE_URL``), then from ``var/kodefag.env`` if present, then the
defaults below, which are the embedded demo tier: SQLite files under ``var/``.
Secrets are never configured here by default: they are generated on first
start under ``var/secrets/`` (see :mod:`kodefag.secrets`).
"""
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from kodefag.jobs import DEFAULT_LIMITS

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_var_dir() -> Path:
    return Path(os.environ.get("KODEFAG_VAR_DIR", REPO_ROOT / "var"))


def _readable_env_file() -> str | None:
    """var/kodefag.env where this process may read it: on the school tier it is root's (mode 0600,
    it holds the hub's own secrets), and the portal, running as its own user, gets every setting
    it needs from the environment the hub gives it."""
    path = _default_var_dir() / "kodefag.env"
    return str(path) if not path.exists() or os.access(path, os.R_OK) else None


class Settings(BaseSettings):
    """Every configuration key of the platform, with its documented default."""

    model_config = SettingsConfigDict(
        env_prefix="KODEFAG_", env_file=_readable_env_file(), extra="ignore"
    )

    tier: Literal["demo", "school", "municipality"] = "demo"
    var_dir: Path = Field(default_factory=_default_var_dir)
    #: the portal's database: roster, curriculum releases, submissions, progress
    database_url: str = ""
    #: JupyterHub's own database
    hub_database_url: str = ""
    #: job queue: "sqlite" (file under var/) or a redis:// URL
    queue_url: str = "sqlite"
    #: grading worker processes; 0 means two per CPU core (a pupil's endless loop
    #: holds its worker for the cell's time limit while using little CPU)
    workers: int = 0
    hub_ip: str = "127.0.0.1"
    hub_port: int = 8000
    #: the hub's internal API and the proxy's API (loopback only)
    hub_api_port: int = 8081
    proxy_api_port: int = 8001
    portal_port: int = 10101
    #: largest notebook the exchange accepts, in bytes
    max_notebook_bytes: int = 2 * 1024 * 1024
    #: grading limits (school defaults; activities may set their own)
    cell_timeout: float = DEFAULT_LIMITS.cell_seconds
    notebook_timeout: float = DEFAULT_LIMITS.notebook_seconds
    #: the one login throttle (password, QR card, picture): failed logins allowed per
    #: account and per address within the window before logins are refused
    login_failures_per_account: int = 5
    login_failures_per_address: int = 100
    login_window_minutes: int = 15
    #: the address people type, e.g. https://kodefag.skole.dk, printed in QR login cards; empty =
    #: the hub's own URL (the demo). On the school tier pupils' servers get their own origin below
    #: it (https://<name>.kodefag.skole.dk)
    public_url: str = ""
    #: days after a pupil is marked as left before everything about them is deleted
    retention_days: int = 365
    #: months the audit log (who viewed or changed pupil data) is kept
    audit_months: int = 6
    #: seconds without activity after which jupyterhub-idle-culler stops a pupil's server
    #: (never during the class's lesson: the bell service keeps those active)
    idle_timeout: int = 1800
    #: minutes before a class's weekly lesson that the bell service starts its servers
    prestart_minutes: int = 5
    #: municipality tier (Kubernetes): the images (hub/k8s.py)
    pupil_image: str = "kodefag/pupil:0.1.0"
    app_image: str = "kodefag/app:0.1.0"
    #: limits of one pupil's server with everything it runs: cgroup (school tier, and any tier
    #: started as root), each pupil's pod on Kubernetes
    pupil_memory_mib: int = 1024
    #: at most this many CPU cores per pupil; under contention pupils share CPU equally
    pupil_cpu_cores: float = 1.0
    pupil_max_processes: int = 256
    #: school tier: "kodefag" (bubblewrap + cgroups, no systemd needed) or "systemd" (SystemdSpawner)
    school_spawner: Literal["kodefag", "systemd"] = "kodefag"
    #: Unilogin (STIL's broker, OpenID Connect): on when the issuer is set (docs/operations.md)
    unilogin_issuer: str = ""
    unilogin_client_id: str = ""
    unilogin_client_secret: str = ""
    #: the callback URL registered with STIL (default: the hub's URL + /hub/oauth_callback)
    unilogin_callback_url: str = ""

    def model_post_init(self, __context) -> None:
        self.var_dir = Path(self.var_dir).resolve()
        if not self.database_url:
            self.database_url = self.default_database_url()
        if not self.hub_database_url:
            self.hub_database_url = f"sqlite:///{self.var_dir / 'jupyterhub.sqlite'}"

    @property
    def hub_url(self) -> str:
        return f"http://{self.hub_ip}:{self.hub_port}"

    @property
    def public_base_url(self) -> str:
        """Where browsers reach the hub (no trailing slash)."""
        return (self.public_url or self.hub_url).rstrip("/")

    @property
    def own_origins(self) -> bool:
        """Pupils' servers on their own origins (subdomains) and Secure cookies: the school tier."""
        return self.tier == "school"

    @property
    def portal_prefix(self) -> str:
        return "/services/portal/"

    @property
    def portal_internal_url(self) -> str:
        """Where the portal's WSGI server listens (the hub's proxy points here)."""
        return f"http://127.0.0.1:{self.portal_port}"

    def default_database_url(self) -> str:
        return f"sqlite:///{self.portal_data_dir / 'portal.sqlite'}"

    @property
    def portal_data_dir(self) -> Path:
        """Where the portal's SQLite files (its database, the job queue) live.

        The demo tier: var/ itself. The school tier: var/portal/, a folder the portal's own
        unprivileged user owns (hub/ownership.py): SQLite writes its -wal and -shm files beside
        a database, and var/ itself must stay the hub's (its database, pid file and secrets)."""
        return self.var_dir / "portal" if self.tier == "school" else self.var_dir

    @property
    def queue_file(self) -> Path:
        """The SQLite job queue (``queue_url`` "sqlite")."""
        return self.portal_data_dir / "queue.sqlite"

    @property
    def courses_dir(self) -> Path:
        """nbgrader course folders, one per class (source, release, submitted...)."""
        return self.var_dir / "courses"

    @property
    def worker_count(self) -> int:
        return self.workers or default_worker_count()

    def as_environment(self) -> dict[str, str]:
        """The settings as KODEFAG_* variables, for processes the hub starts."""
        env = {}
        for name in type(self).model_fields:
            env[f"KODEFAG_{name.upper()}"] = str(getattr(self, name))
        return env


def default_worker_count() -> int:
    """Two grading workers per core: a pupil's endless loop holds a worker while using little CPU."""
    return 2 * (os.cpu_count() or 1)


@lru_cache
def get_settings() -> Settings:
    return Settings()
