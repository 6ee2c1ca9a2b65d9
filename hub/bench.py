"""`kodefag bench hub`: a class of 28 at the bell, on stock JupyterHub and on kodefag, in one run.

Each pupil logs in first (a token of their own); then all 28 at the same moment ask
for their server (cold) - or find it already running (pre-started: started again
before the "lesson", as the bell service does, and idle) - open a kernel
and run one line. Timed per pupil from the common start until the line's reply.
Also measured: CPU seconds of each pupil's server and kernel processes (what one
spawn costs), the hub's CPU during the cold start, and PSS per active pupil
(server plus one kernel). Results go to docs/performance.md.
"""
import asyncio
import datetime as dt
import json
import math
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import click
import psutil
import requests
from sqlalchemy import select
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

from kodefag.benchmarks import load_average, load_note, record
from kodefag.bytecode import compile_bytecode
from kodefag.settings import Settings
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Role, School, SchoolClass, User
from kodefag.teacher_portal.roster import hash_password
from kodefag.teacher_portal.seed import DEMO_PASSWORD

from .config import VENV_BIN
from .origins import NODE_PROXY
from .platform import Platform, prepare

CLASS_SIZE = 28
#: requests tried again (overloaded hub or proxy), reported with the results
RETRIES: list[str] = []
#: kernels that did not run the line within KERNEL_PATIENCE seconds and were started again
KERNEL_RETRIES: list[str] = []
KERNEL_PATIENCE = 180
#: seconds between two looks at the pupils' servers' CPU while waiting for a pre-started class to settle
SETTLE_SECONDS = 2
#: share of a core an idle pupil's server and kernel stay under (heartbeats, activity reports)
SETTLED_CORE = 0.02
#: spawns that failed (e.g. the hub's http_timeout on a busy machine) and were asked for again
FAILED_SPAWNS: list[str] = []
#: a pupil not done after this many seconds counts as failed; the run goes on and reports it
PUPIL_DEADLINE = 600
BENCH_CLASS = "9.X"
LINE = "print(6 * 7)"
STOCK_CONFIG = '''
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_port}"
c.JupyterHub.db_url = "sqlite:///{var}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{var}/cookie_secret"
c.JupyterHub.pid_file = "{var}/jupyterhub.pid"
c.ConfigurableHTTPProxy.pid_file = "{var}/proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "{password}"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = "{var}/homes/{{username}}"
c.Spawner.cmd = ["{bin}/jupyterhub-singleuser"]
c.Spawner.args = {args}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.concurrent_spawn_limit = 100
# JupyterHub's own proxy (npm), as kodefag runs it, with the same timeout as kodefag's (hub/proxy.py)
c.ConfigurableHTTPProxy.command = ["{proxy}", "--proxy-timeout", "300000"]
'''


def pupil_names(count: int = CLASS_SIZE) -> list[str]:
    return [f"elev9x{n:02d}" for n in range(1, count + 1)]


def add_bench_class(settings: Settings) -> None:
    """A class of 28 pupils (password as the demo's) in kodefag's roster."""
    with session_scope(settings.database_url) as session:
        if session.scalar(select(SchoolClass).where(SchoolClass.slug == "9x")) is not None:
            return
        school = session.scalar(select(School))
        school_class = SchoolClass(name=BENCH_CLASS, slug="9x", grade=9, school=school)
        session.add(school_class)
        password_hash = hash_password(DEMO_PASSWORD)
        for name in pupil_names():
            pupil = User(username=name, display_name=name, role=Role.pupil, school=school,
                         password_hash=password_hash)
            session.add(pupil)
            school_class.pupils.append(pupil)


def login_token(base_url: str, name: str) -> str:
    """Log in through the hub's form as a pupil would, then make a token in that session."""
    session = requests.Session()
    page = session.get(f"{base_url}/hub/login", timeout=120)
    xsrf = page.text.split('name="_xsrf" value="', 1)[1].split('"', 1)[0]
    session.post(f"{base_url}/hub/login", allow_redirects=False, timeout=120,
                 data={"username": name, "password": DEMO_PASSWORD, "_xsrf": xsrf})
    xsrf = next(c.value for c in session.cookies if c.name == "_xsrf" and c.path.startswith("/hub"))
    response = session.post(f"{base_url}/hub/api/users/{name}/tokens", json={"expires_in": 7200},
                            headers={"X-XSRFToken": xsrf, "Referer": f"{base_url}/hub/home"}, timeout=120)
    response.raise_for_status()
    return response.json()["token"]


async def _call(method: str, url: str, token: str, body=None):
    """One request; a 502/503 from an overloaded hub or proxy is tried again, as a pupil would click again."""
    client = AsyncHTTPClient()
    for _attempt in range(10):
        request = HTTPRequest(url, method=method, headers={"Authorization": f"token {token}"},
                              body=None if body is None else json.dumps(body),
                              allow_nonstandard_methods=True, request_timeout=300, connect_timeout=60)
        response = await client.fetch(request, raise_error=False)
        if response.code not in (502, 503, 599):
            return response
        RETRIES.append(url)
        await asyncio.sleep(1)
    return response


async def _run_line(base_url: str, name: str, token: str) -> None:
    """Start a kernel in the pupil's server and run one line through its websocket."""
    response = await _call("POST", f"{base_url}/user/{name}/api/kernels", token, {"name": "python3"})
    if response.code != 201:
        raise RuntimeError(f"kernel for {name}: HTTP {response.code}")
    kernel = json.loads(response.body)["id"]
    ws_url = base_url.replace("http", "ws", 1) + f"/user/{name}/api/kernels/{kernel}/channels"
    connection = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {token}"},
                                                     request_timeout=300, connect_timeout=60))
    msg_id = uuid.uuid4().hex
    connection.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": name, "session": uuid.uuid4().hex, "msg_type": "execute_request",
                   "version": "5.3", "date": dt.datetime.now(dt.timezone.utc).isoformat()},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": LINE, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False}}))
    while True:
        message = await connection.read_message()
        if message is None:
            raise RuntimeError(f"kernel websocket of {name} closed")
        reply = json.loads(message)
        if reply.get("parent_header", {}).get("msg_id") == msg_id and reply["msg_type"] == "execute_reply":
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"line failed for {name}: {reply['content']}")
            connection.close()
            return


async def _wait_ready(base_url: str, name: str, token: str) -> None:
    """Until the server is ready; raises when the spawn failed (no server, nothing pending).
    The caller's deadline (PUPIL_DEADLINE) bounds the wait."""
    while True:
        response = await _call("GET", f"{base_url}/hub/api/users/{name}", token)
        model = json.loads(response.body)
        server = model.get("servers", {}).get("")
        if server and server.get("ready"):
            return
        if not server and not model.get("pending"):
            raise RuntimeError(f"spawn of {name} failed (the hub's spawn timeout?)")
        await asyncio.sleep(0.25)


async def _one_pupil(base_url: str, name: str, token: str, start: float, cold: bool) -> float:
    for _attempt in range(3 if cold else 0):
        response = await _call("POST", f"{base_url}/hub/api/users/{name}/server", token, {})
        if response.code not in (201, 202):
            raise RuntimeError(f"spawn of {name}: HTTP {response.code} {response.body[:200]!r}")
        try:
            await _wait_ready(base_url, name, token)
            break
        except RuntimeError:
            FAILED_SPAWNS.append(name)  # the pupil presses the start button again; the time runs on
    else:
        if cold:
            raise RuntimeError(f"no server for {name} after 3 spawns")
    problems = []
    for _attempt in range(6):
        try:
            # a kernel can die at start (two kernels racing for one port under load): a pupil
            # would restart it, so a new kernel is started and the time keeps running
            await asyncio.wait_for(_run_line(base_url, name, token), KERNEL_PATIENCE)
            break
        except (asyncio.TimeoutError, RuntimeError) as error:
            problems.append(repr(error))
            KERNEL_RETRIES.append(name)
            await asyncio.sleep(2)
    else:
        raise RuntimeError(f"no kernel of {name} ran the line: {problems}")
    return time.monotonic() - start


async def _pupil_or_failure(base_url: str, name: str, token: str, start: float, cold: bool) -> float | str:
    """Seconds until the pupil's line ran, or why they never got there (counted, never waited for forever)."""
    try:
        return await asyncio.wait_for(_one_pupil(base_url, name, token, start, cold), PUPIL_DEADLINE)
    except asyncio.TimeoutError:
        return f"{name}: not done after {PUPIL_DEADLINE} s"
    except Exception as error:  # one pupil's failure is a result of the run, not the end of it
        return f"{name}: {error}"


async def _bell(base_url: str, tokens: dict[str, str], cold: bool) -> list[float | str]:
    start = time.monotonic()
    return await asyncio.gather(*(_pupil_or_failure(base_url, name, token, start, cold)
                                  for name, token in tokens.items()))


def ring_bell(base_url: str, tokens: dict[str, str], cold: bool) -> tuple[list[float], list[str]]:
    """Times of the pupils whose line ran, and the failures (one line each)."""
    outcomes = asyncio.run(_bell(base_url, tokens, cold))
    return [o for o in outcomes if isinstance(o, float)], [o for o in outcomes if isinstance(o, str)]


async def _prestart(base_url: str, tokens: dict[str, str]) -> list[str | None]:
    """What "Start klassen" and the bell service do before the lesson: every server asked for at once."""
    async def one(name: str, token: str) -> str | None:
        try:
            response = await _call("POST", f"{base_url}/hub/api/users/{name}/server", token, {})
            if response.code not in (201, 202):
                raise RuntimeError(f"HTTP {response.code} {response.body[:200]!r}")
            await asyncio.wait_for(_wait_ready(base_url, name, token), PUPIL_DEADLINE)
        except Exception as error:  # that pupil finds no server at the bell: a failure of the run
            return f"{name}: no server started before the lesson ({error!r})"
        return None
    return await asyncio.gather(*(one(name, token) for name, token in tokens.items()))


def prestart(base_url: str, tokens: dict[str, str]) -> list[str]:
    """Servers started before the lesson, and done starting (the bell rings on a quiet class); the failures."""
    failures = [failure for failure in asyncio.run(_prestart(base_url, tokens)) if failure]
    wait_settled(list(tokens))
    return failures


def wait_settled(names: list[str], timeout: float = 300) -> None:
    """Until the pupils' servers (and whatever they start by themselves) idle: under SETTLED_CORE of a core each."""
    deadline = time.monotonic() + timeout
    used = None
    while time.monotonic() < deadline:
        now = sum(_cpu(processes) for processes in server_processes(names).values())
        if used is not None and now - used < SETTLED_CORE * len(names) * SETTLE_SECONDS:
            return
        used = now
        time.sleep(SETTLE_SECONDS)
    raise TimeoutError(f"the pupils' servers were still busy after {timeout} s")


def _cpu(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            total += sum(process.cpu_times()[:2])
        except psutil.Error:
            continue  # ended meanwhile
    return total


def server_processes(names: list[str]) -> dict[str, list[psutil.Process]]:
    """Each pupil's jupyterhub-singleuser process and its children (the kernel)."""
    found: dict[str, list[psutil.Process]] = {}
    for process in psutil.process_iter(["cmdline"]):
        try:
            if not any("jupyterhub-singleuser" in part for part in process.info["cmdline"] or []):
                continue
            user = process.environ().get("JUPYTERHUB_USER")
            if user in names:
                found[user] = [process, *process.children(recursive=True)]
        except psutil.Error:
            continue
    return found


def cpu_and_pss(names: list[str]) -> tuple[float, float]:
    """Mean CPU seconds and mean PSS (MiB) per pupil, server plus kernel (NaN: no server ran)."""
    cpu, pss = [], []
    for processes in server_processes(names).values():
        try:
            # user + system, with the children each process ran and waited for (JupyterLab's start ran node)
            cpu.append(sum(sum(p.cpu_times()[:4]) for p in processes))
            pss.append(sum(p.memory_full_info().pss for p in processes) / 2**20)
        except psutil.Error:
            continue  # a server that ended meanwhile
    return (statistics.mean(cpu), statistics.mean(pss)) if cpu else (math.nan, math.nan)


def stop_servers(base_url: str, tokens: dict[str, str]) -> None:
    for name, token in tokens.items():
        try:
            requests.delete(f"{base_url}/hub/api/users/{name}/server",
                            headers={"Authorization": f"token {token}"}, timeout=120)
        except requests.RequestException:
            pass  # the hub stops every server when it stops
    deadline = time.monotonic() + 300
    while server_processes(list(tokens)) and time.monotonic() < deadline:
        time.sleep(1)


def measure(base_url: str, names: list[str], hub_pid: int, highest_load: list[float]) -> dict:
    """Cold, then pre-started, for one running hub."""
    tokens = {name: login_token(base_url, name) for name in names}
    hub = psutil.Process(hub_pid)
    hub_cpu = sum(hub.cpu_times()[:2])
    RETRIES.clear()
    KERNEL_RETRIES.clear()
    FAILED_SPAWNS.clear()
    cold, cold_failed = ring_bell(base_url, tokens, cold=True)
    retries = len(RETRIES) + len(KERNEL_RETRIES) + len(FAILED_SPAWNS)
    hub_cpu = (sum(hub.cpu_times()[:2]) - hub_cpu) / len(names)
    highest_load.append(load_average())
    cpu, pss = cpu_and_pss(names)
    # pre-started: the servers stopped after the cold bell, started again before the "lesson" as
    # the bell service does, and left to settle; then every pupil opens a kernel
    stop_servers(base_url, tokens)
    prestart_failed = prestart(base_url, tokens)
    highest_load.append(load_average())
    running = {name: token for name, token in tokens.items() if not any(f.startswith(f"{name}:") for f in prestart_failed)}
    warm, warm_failed = ring_bell(base_url, running, cold=False)
    warm_failed += prestart_failed
    highest_load.append(load_average())
    stop_servers(base_url, tokens)
    return {"pupils": len(names), "cold": cold, "warm": warm, "cold_failed": cold_failed, "warm_failed": warm_failed,
            "cpu": cpu, "hub_cpu": hub_cpu, "pss": pss, "retries": retries}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_stock(folder: Path, highest_load: list[float], count: int) -> dict:
    """Stock JupyterHub: its own proxy, SimpleLocalProcessSpawner, plain jupyterhub-singleuser."""
    folder.mkdir(parents=True)
    port = free_port()
    args = ["--allow-root"] if os.geteuid() == 0 else []
    config = folder / "jupyterhub_config.py"
    config.write_text(STOCK_CONFIG.format(port=port, api_port=free_port(), proxy_port=free_port(), var=folder,
                                          password=DEMO_PASSWORD, bin=VENV_BIN, proxy=NODE_PROXY,
                                          args=args))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KODEFAG_", "JUPYTER_"))}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    log = open(folder / "hub.log", "ab")
    hub = subprocess.Popen([str(VENV_BIN / "jupyterhub"), "-f", str(config)], cwd=folder, env=env,
                           stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{base_url}/hub/health", hub)
        return measure(base_url, pupil_names(count), hub.pid, highest_load)
    finally:
        hub.terminate()
        hub.wait(60)


def run_kodefag(folder: Path, highest_load: list[float], count: int) -> dict:
    compile_bytecode()  # as `make install` does: pupils' servers cannot write bytecode for our modules
    settings = Settings(var_dir=folder, hub_port=free_port(), hub_api_port=free_port(),
                        proxy_api_port=free_port(), portal_port=free_port(), workers=1)
    prepare(settings)
    add_bench_class(settings)
    platform = Platform(settings, log_file=folder / "platform.log")
    platform.start()
    try:
        platform.wait_ready(timeout=300)
        return measure(settings.hub_url, pupil_names(count), platform.process.pid, highest_load)
    finally:
        platform.stop()


def _wait_http(url: str, process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"hub exited with {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(url)


def _percentile(values: list[float], fraction: float) -> float:
    """The fraction-th of the values, NaN for none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _seconds(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def _timing_row(label: str, mode: str, times: list[float], failed: list[str], pupils: int) -> str:
    """p50, p95 and max over every pupil: a failed pupil counts as slower than anyone done,
    so p95 and max say "failed" once failures reach them."""
    ranked = sorted(times) + [math.inf] * len(failed)
    cells = []
    for fraction in (0.5, 0.95, 1.0):
        value = _percentile(ranked, fraction)
        cells.append("failed" if value == math.inf else _seconds(value))
    return f"| {label} | {mode} | {' | '.join(cells)} | {len(times)} of {pupils} |"


def _ratio(ours: float, stock: float) -> str:
    if math.isnan(ours) or math.isnan(stock) or stock in (0, math.inf) or ours == math.inf:
        return "-"
    return f"{ours / stock:.2f}x"


def _target(met: bool) -> str:
    return "met" if met else "not met"


def report(results: dict[str, dict], highest_load: float, load_before: float) -> str:
    rows, failures = [], []
    for label, result in results.items():
        for mode, key in (("cold", "cold"), ("pre-started", "warm")):
            rows.append(_timing_row(label, mode, result[key], result[f"{key}_failed"], result["pupils"]))
            failures += [f"- {label}, {mode}: {failure}" for failure in result[f"{key}_failed"]]
    stock, ours = results["stock JupyterHub"], results["kodefag"]
    pupils = ours["pupils"]
    cpu_rows = [f"| {label} | {r['cpu']:.2f} | {r['hub_cpu']:.2f} | {r['pss']:.0f} | {r['retries']} |"
                for label, r in results.items()]

    def worst(result, key):
        return math.inf if result[f"{key}_failed"] else _percentile(result[key], 1.0)

    def p95(result, key):
        return _percentile(sorted(result[key]) + [math.inf] * len(result[f"{key}_failed"]), 0.95)

    # capacity: memory for active pupils on a 16 GiB school server with 4 GiB kept for the platform
    capacity = "-" if math.isnan(ours["pss"]) else str(int(12 * 1024 / ours["pss"]))
    targets = [
        f"pre-started p95 {_seconds(p95(ours, 'warm'))} s (target <= 2 s: {_target(p95(ours, 'warm') <= 2)})",
        f"cold, all {pupils} done after {_seconds(worst(ours, 'cold'))} s (target <= 30 s: "
        f"{_target(worst(ours, 'cold') <= 30)})",
        f"{ours['pss']:.1f} MiB PSS per active pupil (target <= 120 MiB: {_target(ours['pss'] <= 120)})",
    ]
    size = (f"{pupils} pupils" if pupils == CLASS_SIZE
            else f"{pupils} pupils (not the class of {CLASS_SIZE} the targets name: the machine was shared)")
    return "\n".join([
        f"{size} log in, then at the same moment each asks for their server (cold) or finds it",
        "running (pre-started: all started at once before the lesson, as the bell service does, and left to",
        "settle), opens a kernel and runs one line; seconds from that moment to the line's reply.",
        "Stock: JupyterHub's SimpleLocalProcessSpawner and plain `jupyterhub-singleuser`, measured in the same run",
        "(both behind JupyterHub's Node.js proxy with kodefag's `--proxy-timeout`, so both compare spawns",
        "rather than proxies or proxy time-outs).",
        f"A pupil not done within {PUPIL_DEADLINE} s, or whose spawn failed 3 times, counts as failed "
        "(slower than every pupil done).",
        "",
        "| hub | servers | p50 (s) | p95 (s) | max (s) | done |", "|---|---|---|---|---|---|", *rows, "",
        "| hub | CPU s per pupil (server + kernel) | hub CPU s per spawn | PSS per active pupil (MiB) | "
        "requests, kernels or spawns tried again (cold) |",
        "|---|---|---|---|---|", *cpu_rows, "",
        f"Ratios kodefag/stock: cold p95 {_ratio(p95(ours, 'cold'), p95(stock, 'cold'))}, "
        f"pre-started p95 {_ratio(p95(ours, 'warm'), p95(stock, 'warm'))}, "
        f"CPU per pupil {_ratio(ours['cpu'], stock['cpu'])}, PSS {_ratio(ours['pss'], stock['pss'])}.",
        "", "Targets on 2 cores: " + "; ".join(targets) + ".",
        f"Implied capacity of a 16 GiB school server (12 GiB for pupils' servers): about {capacity} active pupils "
        f"by memory; by CPU, cold starts of a class of {CLASS_SIZE} cost {ours['cpu'] * CLASS_SIZE:.0f} CPU seconds, "
        "so classes should be pre-started (the bell) rather than started at the bell.",
        *(["", "Failures:", *failures] if failures else []),
        "", f"1-minute load average when the run started: {load_before:.1f}. " + load_note(highest_load),
    ])


#: what a pupil's server and kernel import at start, and what they no longer load (see spawn_profile)
SPAWN_IMPORTS = {
    "jupyter_server.serverapp": "Jupyter Server itself (with jsonschema 4.23, pinned: no rfc3987-syntax, whose "
                                "Lark grammar cost ~1.7 s at import)",
    "jupyterlab.labapp": "JupyterLab's server side",
    "jupyterhub.singleuser.extension": "the hub's single-user extension (stock too): pulls jupyterhub.orm, "
                                       "SQLAlchemy, alembic and aiohttp through jupyterhub.log",
    "kodefag.hub.pupil_server": "kodefag's pupil API (Mine aktiviteter, Tjek, Aflever)",
    "ipykernel.kernelapp": "the pupil's kernel (its own process)",
}
#: server extensions installed in the environment that pupils' servers no longer load
NOT_LOADED = {
    "nbgrader.server_extensions.assignment_list": "nbgrader's assignment list (nbgrader.api, SQLAlchemy); "
                                                  "hub/pupil_server.py replaces it",
    "jupyter_lsp": "language servers for code completion (none installed for pupils)",
    "jupyter_server_terminals": "terminals (off for pupils)",
    "notebook": "Notebook 7's pages (pupils and the teacher's *Åbn live* use JupyterLab)",
}


def import_cpu(module: str) -> float:
    """CPU seconds (user + system) of a fresh Python process importing one module."""
    code = (f"import resource, {module}; u = resource.getrusage(resource.RUSAGE_SELF); "
            "print(u.ru_utime + u.ru_stime)")
    done = subprocess.run([str(VENV_BIN / "python"), "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def node_cpu() -> float:
    """CPU seconds of the ``node yarn.js config`` JupyterLab runs at start where it finds Node.js."""
    yarn = subprocess.run([str(VENV_BIN / "python"), "-c", "from jupyterlab.commands import YARN_PATH; print(YARN_PATH)"],
                          capture_output=True, text=True, check=True).stdout.strip()
    code = ("import resource, shutil, subprocess, sys; "
            "subprocess.run([shutil.which('node'), sys.argv[1], 'config', '--json'], capture_output=True); "
            "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_utime + u.ru_stime)")
    done = subprocess.run([str(VENV_BIN / "python"), "-c", code, yarn], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def spawn_profile() -> str:
    baseline = min(import_cpu("json") for _ in range(3))

    def row(module: str, why: str) -> str:
        return f"| `{module}` | {min(import_cpu(module) for _ in range(2)) - baseline:.2f} | {why} |"
    return "\n".join([
        "CPU seconds to import what a pupil's server loads at start (fresh process, best of two, minus a bare",
        "interpreter). Rows overlap (each includes what it shares with the rows above).",
        "", "| module | CPU s | what it is |", "|---|---|---|",
        *(row(module, why) for module, why in SPAWN_IMPORTS.items()), "",
        "Installed but no longer loaded or run by pupils' servers (hub/singleuser/jupyter_server_config.py, "
        "hub/isolation.py):", "",
        "| module | CPU s saved (overlapping) | what it was |", "|---|---|---|",
        *(row(module, why) for module, why in NOT_LOADED.items()),
        f"| `node yarn.js config` | {min(node_cpu() for _ in range(2)):.2f} | what JupyterLab runs at every start where "
        "it finds Node.js (the registry of extension builds): Node.js is hidden from pupils' servers "
        "(hub/isolation.py) |", "",
        "The cheapest cut is not to spawn at the bell at all: the `bell` service and *Start klassen* start a",
        "class's servers before the lesson, so a pupil opens a running server instead of waiting for a cold spawn;",
        "and each server starts the pupil's first kernel with itself (hub/first_kernel.py), so the first notebook",
        "finds its kernel running too.",
        "", load_note(load_average()),
    ])


@click.command()
@click.option("--profile", is_flag=True, help="Only measure where a spawn's CPU goes (docs/performance.md).")
@click.option("--only", type=click.Choice(["stock", "kodefag"]), help="Measure one side only (no report).")
@click.option("--pupils", default=CLASS_SIZE, show_default=True, type=click.IntRange(1, CLASS_SIZE),
              help="Pupils at the bell (fewer on a shared machine; the report says so).")
def bench(profile, only, pupils):
    """28 pupils at the bell: stock JupyterHub against kodefag (docs/performance.md)."""
    if profile:
        text = spawn_profile()
        record("Hub: where a spawn's CPU goes (kodefag bench hub --profile)", text)
        click.echo(text)
        return
    load_before = load_average()
    highest_load = [load_before]
    results = {}
    folder = tempfile.mkdtemp(prefix="kodefag-bench-hub-")  # kept when a run fails, for its logs
    if only != "kodefag":
        results["stock JupyterHub"] = run_stock(Path(folder) / "stock", highest_load, pupils)
        click.echo(f"stock: {json.dumps(results['stock JupyterHub'])}")
    if only != "stock":
        results["kodefag"] = run_kodefag(Path(folder) / "kodefag", highest_load, pupils)
        click.echo(f"kodefag: {json.dumps(results['kodefag'])}")
    if any(result["cold_failed"] or result["warm_failed"] for result in results.values()):
        click.echo(f"failures: the hubs' logs stay in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    if only:
        return
    text = report(results, max(highest_load), load_before)
    record("Hub: a class at the bell (kodefag bench hub)", text)
    click.echo(text)
