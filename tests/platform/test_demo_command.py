"""`kodefag demo`: starts everything, reuses its state, and leaves no process behind."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import requests

from tests.hubclient import HubClient, free_port

pytestmark = pytest.mark.hub
KODEFAG = str(Path(sys.executable).parent / "kodefag")


def start_demo(var_dir: Path, ports: dict) -> tuple[subprocess.Popen, Path]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KODEFAG_")}
    env.update({"KODEFAG_VAR_DIR": str(var_dir), **{f"KODEFAG_{k.upper()}": str(v) for k, v in ports.items()}})
    output = var_dir.parent / f"demo-{time.monotonic_ns()}.log"
    process = subprocess.Popen([KODEFAG, "demo"], env=env, stdout=output.open("wb"), stderr=subprocess.STDOUT)
    return process, output


def wait_for_banner(process, output: Path, timeout=120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = output.read_text(errors="replace")
        if "Stop med Ctrl-C" in text:
            return text
        assert process.poll() is None, text[-3000:]
        time.sleep(0.5)
    raise TimeoutError(output.read_text(errors="replace")[-3000:])


def descendants(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


def stop_with_ctrl_c(process) -> int:
    process.send_signal(signal.SIGINT)
    return process.wait(timeout=90)


def test_demo_runs_twice_on_the_same_state_and_stops_cleanly(tmp_path):
    var_dir = tmp_path / "var"
    ports = {"hub_port": free_port(), "hub_api_port": free_port(), "proxy_api_port": free_port(),
             "portal_port": free_port(), "workers": 1}
    hub_url = f"http://127.0.0.1:{ports['hub_port']}"

    process, output = start_demo(var_dir, ports)
    try:
        banner = wait_for_banner(process, output)
        assert f"{hub_url}/services/portal/" in banner
        assert "laerer5a" in banner and "elev5a01" in banner and "adgangskode for alle: demo" in banner
        assert "IKKE adskilt" in banner and "127.0.0.1" in banner
        assert requests.get(f"{hub_url}/hub/health").status_code == 200
        assert requests.get(f"{hub_url}/services/portal/healthz").status_code == 200
        HubClient(hub_url).start_server("elev3a01")  # a pupil server must be stopped too
        children = descendants(process.pid)
        assert any("jupyterhub-singleuser" in " ".join(p.cmdline()) for p in children)
        secret = (var_dir / "secrets" / "jupyterhub_cookie_secret").read_text()
    finally:
        code = stop_with_ctrl_c(process)
    assert code == 0
    time.sleep(1)
    survivors = [p for p in children if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert survivors == [], [p.cmdline() for p in survivors]
    assert "Alle processer er stoppet." in output.read_text()

    second, output = start_demo(var_dir, ports)
    try:
        wait_for_banner(second, output)
        assert (var_dir / "secrets" / "jupyterhub_cookie_secret").read_text() == secret
        session = HubClient(hub_url).login("elev3a01")  # the same accounts, the same password
        assert session.cookies.get_dict()
    finally:
        assert stop_with_ctrl_c(second) == 0


def test_demo_explains_a_busy_port(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ports = {"hub_port": port, "hub_api_port": free_port(), "proxy_api_port": free_port(),
                 "portal_port": free_port()}
        process, output = start_demo(tmp_path / "var", ports)
        assert process.wait(timeout=60) != 0
    text = output.read_text()
    assert f"{port} (KODEFAG_HUB_PORT)" in text and "er optaget" in text
    assert "Traceback" not in text
