"""Which spawner and which origins each tier gets (the configuration, without a running hub)."""
import os
import re
import socket
import tomllib

import pytest
from traitlets.config import Config

from kodefag.hub import isolation
from kodefag.hub.config import configure
from kodefag.hub.demo import banner, school_demo_settings
from kodefag.hub.isolation import IsolatedSpawner, system_username
from kodefag.hub.origins import NODE_PROXY, user_origin
from kodefag.hub.proxy import proxy_command
from kodefag.settings import REPO_ROOT, Settings
from kodefag.teacher_portal.seed import demo_usernames


def hub_config(settings: Settings) -> Config:
    c = Config()
    configure(c, settings)
    return c


@pytest.mark.parametrize("name", ["elev5a01", "Åse-Øster", "x" * 40, "a.b@skole", "ab12cd34"])
def test_system_user_names_are_valid_stable_and_distinct(name):
    system = system_username(name)
    assert re.fullmatch(r"kf-[a-z0-9_-]+", system) and len(system) <= 32
    assert system_username(name) == system
    assert system_username(name + "x") != system


def test_simple_names_stay_readable():
    assert system_username("elev5a01") == "kf-elev5a01"


def test_the_bound_code_folders_are_the_packages_pyproject_installs():
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    assert set(isolation.CODE_PACKAGES) == set(pyproject["tool"]["setuptools"]["packages"])


def test_reference_solutions_beside_the_code_are_hidden():
    hidden = isolation.hidden_files()
    assert any("games" in str(path) for path in hidden) and any("microbit" in str(path) for path in hidden)
    assert all(path.name == "solution.py" for path in hidden)


@pytest.mark.skipif(os.geteuid() != 0, reason="the demo tier isolates pupils when started as root")
def test_demo_started_as_root_never_runs_pupils_as_root(tmp_path):
    c = hub_config(Settings(var_dir=tmp_path))
    assert c.JupyterHub.spawner_class is IsolatedSpawner
    assert "--allow-root" not in c.Spawner.get("args", [])
    assert "subdomain_host" not in c.JupyterHub  # the demo keeps one origin on 127.0.0.1


@pytest.mark.parametrize("euid, isolated", [(0, True), (1000, False)])
def test_the_demo_login_note_says_pupils_share_a_user_only_where_they_do(tmp_path, monkeypatch, euid, isolated):
    monkeypatch.setattr(os, "geteuid", lambda: euid)
    assert hub_config(Settings(var_dir=tmp_path)).JupyterHub.template_vars["kodefag_pupils_isolated"] is isolated


def test_sandboxed_servers_keep_runtime_files_and_kernel_sockets_in_their_private_tmp(tmp_path):
    for settings in (Settings(var_dir=tmp_path), Settings(var_dir=tmp_path, tier="school", school_spawner="systemd")):
        environment = hub_config(settings).Spawner.environment
        assert environment["JUPYTER_RUNTIME_DIR"] == "/tmp/jupyter" and environment["KODEFAG_KERNEL_TRANSPORT"] == "ipc"


def test_server_ports_lie_below_every_port_given_at_random(monkeypatch):
    first_ephemeral = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
    ports = isolation.server_ports()
    if not ports:
        pytest.skip("this machine hands out every port at random (ip_local_port_range starts low)")
    assert ports.stop <= min(first_ephemeral, isolation.ZMQ_RANDOM_PORTS_START) and ports.start >= 1024
    monkeypatch.setattr(isolation, "_ports_given", set())
    given = [isolation.server_port() for _ in range(100)]
    assert len(set(given)) == 100 and set(given) <= set(ports)  # none handed out twice while starting


def test_a_port_in_use_is_never_given(monkeypatch):
    ports = range(20000, 20002)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", ports.start))
        monkeypatch.setattr(isolation, "server_ports", lambda: ports)
        monkeypatch.setattr(isolation, "_ports_given", set())
        assert isolation.server_port() == ports.start + 1


def test_school_tier_isolates_and_gives_pupils_their_own_origin(tmp_path):
    settings = Settings(var_dir=tmp_path, tier="school", public_url="https://kodefag.skole.dk",
                        pupil_memory_mib=512, pupil_max_processes=100)
    c = hub_config(settings)
    assert c.JupyterHub.spawner_class is IsolatedSpawner
    assert c.IsolatedSpawner.homes_dir == str(tmp_path / "homes")
    assert c.Spawner.mem_limit == 512 * 1024 * 1024 and c.IsolatedSpawner.max_processes == 100
    assert c.JupyterHub.subdomain_host == "https://kodefag.skole.dk"
    assert c.JupyterHub.tornado_settings["cookie_options"] == {"secure": True}
    assert c.JupyterHub.tornado_settings["slow_spawn_timeout"] == 2  # a spawn request answers at once
    assert proxy_command(settings)[:2] == [str(NODE_PROXY), "--host-routing"]  # the PyPI proxy cannot route by host
    assert user_origin(settings, "elev5a01") == "https://elev5a01.kodefag.skole.dk"
    # the hub and the portal stay on the main host
    assert c.JupyterHub.subdomain_hook("portal", "kodefag.skole.dk", "service") == "kodefag.skole.dk"


def test_where_systemd_runs_systemdspawner_gets_the_same_limits(tmp_path):
    c = hub_config(Settings(var_dir=tmp_path, tier="school", school_spawner="systemd", public_url="https://k.dk"))
    assert c.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    assert c.SystemdSpawner.mem_limit == "1024M" and c.SystemdSpawner.unit_extra_properties["TasksMax"] == "256"
    assert c.SystemdSpawner.isolate_tmp and c.SystemdSpawner.disable_user_sudo
    assert str(tmp_path / "secrets") in c.SystemdSpawner.unit_extra_properties["InaccessiblePaths"]


@pytest.mark.skipif(os.geteuid() != 0, reason="the school tier's demo needs root")
def test_demo_on_the_school_tier_puts_pupils_on_subdomains_of_the_hubs_name(tmp_path):
    settings = school_demo_settings(Settings(var_dir=tmp_path, hub_port=8123))
    assert settings.tier == "school" and settings.public_base_url == "http://kodefag.localhost:8123"
    assert user_origin(settings, "elev5a01") == "http://elev5a01.kodefag.localhost:8123"
    text = banner(settings)
    first_pupil = demo_usernames()["pupil"][0]
    assert "skole-tilstand" in text and f"http://{first_pupil}.kodefag.localhost:8123/" in text
