"""The pupil's first kernel starts with their server and is handed to their first notebook (hub/first_kernel.py)."""
import time

import psutil
import pytest

from kodefag.hub.origins import user_origin
from tests.kernelclient import KernelClient

pytestmark = pytest.mark.hub
#: its server is stopped and started again here; no other test needs what runs in it
PUPIL = "elev5b05"
API = f"/user/{PUPIL}/api"
PROBE = "import os\nprint(os.getcwd())\nprint(__session__)\nprint(open('hej.txt').read())"


def kernel_processes(platform, username: str) -> set[int]:
    """Host pids of the user's kernels on this platform (the server passes its environment on to them;
    other hubs on the machine may run a pupil of the same name)."""
    found = set()
    for process in psutil.process_iter(["cmdline"]):
        try:
            env = process.environ() if "kodefag.hub.pupil_kernel" in (process.info["cmdline"] or []) else {}
            if env.get("JUPYTERHUB_USER") == username and env.get("KODEFAG_RUN_ID") == platform.run_id:
                found.add(process.pid)
        except psutil.Error:
            continue
    return found


def wait_for(condition, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise TimeoutError(f"{condition} not met after {timeout} s")


def restart_server(hub) -> None:
    hub.stop_server(PUPIL)
    wait_for(lambda: not (model := hub.api(PUPIL, "GET", f"/hub/api/users/{PUPIL}").json())["servers"]
             and not model.get("pending"))
    hub.start_server(PUPIL)


def open_notebook(hub, path: str) -> str:
    """What JupyterLab does when the pupil opens a notebook: a session with a python3 kernel."""
    name = path.rsplit("/", 1)[-1]
    response = hub.api(PUPIL, "POST", f"{API}/sessions", json={
        "path": path, "name": name, "type": "notebook", "kernel": {"name": "python3"}})
    assert response.status_code == 201, response.text
    return response.json()["kernel"]["id"]


def test_the_first_notebook_gets_the_kernel_started_with_the_server(hub, demo_platform):
    restart_server(hub)
    spare = wait_for(lambda: kernel_processes(demo_platform, PUPIL))
    assert len(spare) == 1
    # no notebook has it yet: the pupil's Running panel shows no kernel
    assert hub.api(PUPIL, "GET", f"{API}/kernels").json() == []
    assert hub.api(PUPIL, "PUT", f"{API}/contents/foerste", json={"type": "directory"}).status_code in (200, 201)
    assert hub.api(PUPIL, "PUT", f"{API}/contents/foerste/hej.txt",
                   json={"type": "file", "format": "text", "content": "fra mappen"}).status_code in (200, 201)

    kernel_id = open_notebook(hub, "foerste/opgave.ipynb")
    assert kernel_processes(demo_platform, PUPIL) == spare  # the spare, no kernel started for the notebook
    assert [k["id"] for k in hub.api(PUPIL, "GET", f"{API}/kernels").json()] == [kernel_id]
    settings = demo_platform.settings
    with KernelClient(settings.public_base_url, user_origin(settings, PUPIL), PUPIL, hub.token(PUPIL),
                      kernel_id=kernel_id) as kernel:
        # in the notebook's folder and session, as a kernel started for the notebook would be
        folder, session, text = kernel.run(PROBE)["stdout"].splitlines()
        assert folder.endswith("/foerste") and session.endswith("/foerste/opgave.ipynb") and text == "fra mappen"
        # and still there after the pupil restarts the kernel
        assert hub.api(PUPIL, "POST", f"{API}/kernels/{kernel_id}/restart").status_code == 200
        restarted = wait_for(lambda: kernel_processes(demo_platform, PUPIL) - spare)
        assert len(restarted) == 1 and not kernel_processes(demo_platform, PUPIL) & spare
        kernel.reconnect()
        assert kernel.run(PROBE)["stdout"].splitlines() == [folder, session, text]

    # a second notebook gets a kernel of its own: the spare is not started again
    before = kernel_processes(demo_platform, PUPIL)
    second = open_notebook(hub, "foerste/anden.ipynb")
    assert second != kernel_id and len(kernel_processes(demo_platform, PUPIL) - before) == 1
    hub.stop_server(PUPIL)
