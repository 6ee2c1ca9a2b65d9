"""JupyterHub configuration for every tier, built from kodefag's settings.

hub/jupyterhub_config.py calls :func:`configure`; the same keys drive the demo
on a laptop, a school server and (through the helm chart's values) Kubernetes.
"""
import os
import sys
from pathlib import Path

from kodefag.secrets import secret
from kodefag.settings import Settings
from kodefag.teacher_portal.hub_sync import TOKEN_SECRET as PORTAL_TOKEN_SECRET

from .isolation import configure_isolation
from .origins import configure_origins
from .ownership import portal_command, worker_command
from .staff_access import configure_staff_access
from .unilogin import configure_unilogin

HUB_DIR = Path(__file__).resolve().parent
SINGLEUSER_CONFIG = HUB_DIR / "singleuser"
#: pupils' Jupyter data folder: our python3 kernel spec (Danish errors) and built lab extensions
SINGLEUSER_DATA = SINGLEUSER_CONFIG / "data"
VENV_BIN = Path(sys.executable).parent
PROXY_TOKEN_SECRET = "proxy_auth_token"
SERVER_TOKEN_SCOPES = ["access:servers!server", "users:activity!user", "access:services!service=portal"]
PORTAL_SCOPES = ["list:users", "read:users", "read:servers", "read:groups",
                 # roster changes reach the hub at once; GDPR delete removes the hub user (hub_sync.py)
                 # (admin:users includes users:activity: the bell marks a class in its lesson as active)
                 "admin:groups", "admin:users", "admin:servers",
                 # a teacher's one-minute token for one pupil's server: the notebook preview (live_notebook.py)
                 "tokens"]


def portal_service(settings: Settings, environment: dict) -> dict:
    """The teacher portal; on the school tier as its own unprivileged user (hub/ownership.py)."""
    command = [sys.executable, "-m", "kodefag.teacher_portal.serve"]
    return {
        "name": "portal",
        "display": True,
        "url": settings.portal_internal_url,
        "command": portal_command(command) if settings.tier == "school" else command,
        "environment": environment,
        "oauth_no_confirm": True,
        # a busy server (a class logging in, grading) may need more than JupyterHub's 30 s to start it
        "timeout": 120,
        "info": {"beskrivelse": "Lærerportal og aflevering"},
        # a generated secret, so `kodefag roster|privacy` on this machine can call the hub as the portal
        "api_token": secret(settings.var_dir, PORTAL_TOKEN_SECRET),
    }


def grader_service(settings: Settings, environment: dict) -> dict:
    """The grading workers: a separate process, never the web process; on the school tier with
    only the capabilities the sandbox needs (hub/ownership.py)."""
    command = [str(VENV_BIN / "kodefag"), "worker", "--workers", str(settings.worker_count)]
    return {
        "name": "grader",
        "display": False,
        "command": worker_command(command) if settings.tier == "school" else command,
        "environment": environment,
    }


def retention_service(settings: Settings, environment: dict) -> dict:
    """Deletes pupils who left more than KODEFAG_RETENTION_DAYS ago, and old audit entries, nightly."""
    return {
        "name": "retention",
        "display": False,
        "command": [str(VENV_BIN / "kodefag"), "privacy", "purge", "--daily-at", "03:00"],
        "environment": environment,
    }


def bell_service(settings: Settings, environment: dict) -> dict:
    """Starts a class's servers before each weekly lesson and keeps them from the culler during it."""
    return {
        "name": "bell",
        "display": False,
        "command": [str(VENV_BIN / "kodefag"), "bell", "--every", "30"],
        "environment": environment,
    }


#: what jupyterhub-idle-culler needs (its README's role)
CULLER_SCOPES = ["list:users", "read:users:activity", "read:servers", "delete:servers"]


def culler_service(settings: Settings, environment: dict) -> dict:
    """jupyterhub-idle-culler: stops servers idle for KODEFAG_IDLE_TIMEOUT seconds.

    It checks every minute; the bell service marks the servers of a class in its
    lesson as active every 30 s, so a class's servers are never culled during a lesson.
    """
    return {
        "name": "idle-culler",
        "display": False,
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={settings.idle_timeout}",
                    "--cull-every=60"],
        # the run id lets `kodefag demo` end it even when the hub had to be killed
        "environment": {"KODEFAG_RUN_ID": environment["KODEFAG_RUN_ID"]} if "KODEFAG_RUN_ID" in environment else {},
    }


def landing_page(handler) -> str:
    """Where "/" leads after login: pupils straight into their notebooks, staff to the portal."""
    user = handler.current_user
    groups = [group.name for group in user.groups] if user else []
    if user and any(name.startswith("klasse-") for name in groups):
        return handler.hub.base_url + "spawn"
    return "/services/portal/"


#: settings only the hub itself needs; the services it starts (portal, worker) never get them
#: (the hub's database too: on PostgreSQL its URL may carry the hub's password)
HUB_ONLY_SETTINGS = ("KODEFAG_UNILOGIN_CLIENT_SECRET", "KODEFAG_HUB_DATABASE_URL")


def service_environment(settings: Settings) -> dict:
    env = {name: value for name, value in settings.as_environment().items() if name not in HUB_ONLY_SETTINGS}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"
    if "KODEFAG_RUN_ID" in os.environ:
        env["KODEFAG_RUN_ID"] = os.environ["KODEFAG_RUN_ID"]
    return env


#: in the sandbox /tmp is the pupil's own: the server's runtime files go there, and its kernels talk
#: to it over Unix sockets there (hub/singleuser/jupyter_server_config.py), reachable by no one else.
#: On TCP each kernel took five ports on the loopback every pupil shares, picked before the kernel
#: bound them, so kernels starting together at the bell could take each other's ports or the port
#: the hub had just picked for a server (hub/isolation.py server_ports).
PRIVATE_TMP_ENVIRONMENT = {"JUPYTER_RUNTIME_DIR": "/tmp/jupyter", "KODEFAG_KERNEL_TRANSPORT": "ipc"}


def pupils_isolated(settings: Settings) -> bool:
    """Each pupil's server in their own sandbox: the school tier, and any tier the hub runs as root."""
    return settings.tier == "school" or os.geteuid() == 0


def configure_spawner(c, settings: Settings, environment: dict) -> None:
    """Pupils' servers never run as root: started as root (the school tier always is, a
    demo in a container often), each pupil is their own system user in the sandbox
    (hub/isolation.py). Only a demo started as an ordinary user keeps plain local
    processes as that user (no isolation between pupils, loopback only)."""
    isolated = pupils_isolated(settings)
    if isolated:
        configure_isolation(c, settings)
    else:
        c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
        c.SimpleLocalProcessSpawner.home_dir_template = str(settings.var_dir / "homes" / "{username}")
    c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
    c.Spawner.default_url = "/lab"
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 120
    c.Spawner.environment = {
        "JUPYTER_CONFIG_PATH": str(SINGLEUSER_CONFIG),
        "JUPYTER_PATH": str(SINGLEUSER_DATA),
        "KODEFAG_PORTAL_URL": settings.portal_internal_url + settings.portal_prefix,
        "KODEFAG_MAX_NOTEBOOK_BYTES": str(settings.max_notebook_bytes),
        "PATH": environment["PATH"],
        "LANG": "da_DK.UTF-8" if Path("/usr/lib/locale/da_DK.utf8").exists() else "C.UTF-8",
        **({"KODEFAG_RUN_ID": environment["KODEFAG_RUN_ID"]} if "KODEFAG_RUN_ID" in environment else {}),
        **(PRIVATE_TMP_ENVIRONMENT if isolated else {}),
    }
    # the pupil's server token may call the portal as the pupil (exchange API)
    c.Spawner.server_token_scopes = SERVER_TOKEN_SCOPES


def configure_identity(c, settings: Settings) -> None:
    """Who may log in and where they land: the same on every tier (also inside the helm chart)."""
    c.JupyterHub.authenticator_class = "kodefag.hub.authenticator.RosterAuthenticator"
    # roster changes (a moved pupil, a teacher's new class, a pupil who left) reach logged-in users within a minute
    c.Authenticator.auth_refresh_age = 60
    c.Authenticator.refresh_pre_spawn = True
    if settings.unilogin_issuer:
        configure_unilogin(c, settings)
    c.JupyterHub.template_paths = [str(HUB_DIR / "templates")]
    # the login page's demo note says pupils are not kept apart only where that is so
    c.JupyterHub.template_vars = {"kodefag_demo": settings.tier == "demo",
                                  "kodefag_pupils_isolated": pupils_isolated(settings)}
    c.JupyterHub.default_url = landing_page
    # a spawn that takes longer than this goes on in the background: the pupil sees the progress
    # page, and a whole class's spawns can be requested at once ("Start klassen", teacher_portal/bell.py)
    # (a handler setting, so it goes through tornado_settings: `c.JupyterHub.slow_spawn_timeout` is
    # no JupyterHub option and was ignored, leaving tornado's default of 10 s per spawn request)
    current = c.JupyterHub.tornado_settings if "tornado_settings" in c.JupyterHub else {}
    c.JupyterHub.tornado_settings = {**current, "slow_spawn_timeout": 2}


def configure(c, settings: Settings) -> None:
    """Fill a JupyterHub config object from kodefag settings."""
    var = settings.var_dir
    environment = service_environment(settings)
    c.JupyterHub.bind_url = settings.hub_url
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{settings.hub_api_port}"
    c.JupyterHub.db_url = settings.hub_database_url
    c.JupyterHub.cookie_secret_file = str(var / "secrets" / "jupyterhub_cookie_secret")
    secret(var, "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(var / "jupyterhub.pid")
    # the proxy runs beside the hub (hub/proxy.py), so a hub restart keeps every pupil's route
    c.ConfigurableHTTPProxy.should_start = False
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.auth_token = secret(var, PROXY_TOKEN_SECRET)
    configure_identity(c, settings)
    c.JupyterHub.services = [portal_service(settings, environment), grader_service(settings, environment),
                             retention_service(settings, environment), bell_service(settings, environment),
                             culler_service(settings, environment)]
    c.JupyterHub.load_roles = [{"name": "portal-service", "scopes": PORTAL_SCOPES, "services": ["portal"]},
                               {"name": "idle-culler", "scopes": CULLER_SCOPES, "services": ["idle-culler"]}]
    # restarting the hub (an upgrade, a crash) leaves pupils' servers running: no pupil loses a
    # kernel or unsaved work; the hub picks them up from its database when it is back.
    # `kodefag demo` still ends every process of its run when it stops (hub/platform.py).
    c.JupyterHub.cleanup_servers = False
    configure_spawner(c, settings, environment)
    configure_origins(c, settings)
    configure_staff_access(c)  # after the origins: it adds to their tornado settings
