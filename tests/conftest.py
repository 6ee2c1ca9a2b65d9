"""Shared fixtures. `demo_platform` is the real thing: JupyterHub with the portal,
grading workers and spawned pupil servers, on free ports, in a temporary var/."""
import os
import uuid
from pathlib import Path

import nbformat
import pytest

from kodefag.microbit.runtimes import prepare as prepare_microbit_runtimes
from tests.grader.grader_notebooks import cell_by_id, released_notebook, source_notebook
from tests.hubclient import HubClient, free_port, resolve_localhost_names_like_a_browser

CHROMIUM = "/usr/bin/chromium"
#: how long a test platform's hub may take to shut down before it is ended: JupyterHub stops its
#: services one after another and waited 30 s for each platform; the tests only need everything
#: gone (Platform.stop ends what is left), and `kodefag demo`'s own clean stop has its own test
TEARDOWN_SECONDS = 10
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def pytest_configure(config):
    """No test writes into the checkout's var/: default to a private folder. Names under
    .localhost resolve to loopback, as in the browser (the school tier's pupils' origins)."""
    resolve_localhost_names_like_a_browser()
    prepare_microbit_runtimes()  # as `make install` does (a checkout installed before it did); no-op when current
    if "KODEFAG_VAR_DIR" not in os.environ:
        import tempfile

        os.environ["KODEFAG_VAR_DIR"] = tempfile.mkdtemp(prefix="kodefag-test-var-")


def platform_settings(var_dir: Path, **overrides):
    """Settings for a private platform instance: own var/ and free ports."""
    from kodefag.settings import Settings

    values = dict(var_dir=var_dir, hub_port=free_port(), hub_api_port=free_port(), proxy_api_port=free_port(),
                  portal_port=free_port(), workers=2)
    values.update(overrides)
    return Settings(**values)


def fresh_postgres_url() -> str:
    """A new, empty schema in the machine's PostgreSQL test database."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:10]
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def demo_platform(tmp_path_factory):
    """The whole platform on the embedded default (SQLite), demo school seeded."""
    yield from _running_platform(tmp_path_factory.mktemp("var"))


@pytest.fixture(scope="session")
def postgres_platform(tmp_path_factory):
    """The whole platform with the portal's and the hub's databases on PostgreSQL, demo school seeded."""
    yield from _running_platform(tmp_path_factory.mktemp("var-pg"), database_url=fresh_postgres_url(),
                                 hub_database_url=fresh_postgres_url())


def _running_platform(var_dir: Path, **overrides):
    from kodefag.hub.platform import Platform, prepare

    settings = platform_settings(var_dir, **overrides)
    prepare(settings)  # the hub's processes get these settings through their environment
    platform = Platform(settings, log_file=var_dir / "platform.log")
    platform.start()
    try:
        platform.wait_ready(timeout=300)  # a loaded 2-core CI machine starts the services slowly
        platform.client = HubClient(settings.hub_url)
        yield platform
    finally:
        platform.stop(timeout=TEARDOWN_SECONDS)
    assert_no_server_errors(var_dir / "platform.log")


def assert_no_server_errors(log_file: Path) -> None:
    """No journey may end in a 500 or an unhandled exception in the hub, portal or worker."""
    log = log_file.read_text(errors="replace")
    # JupyterHub's own shutdown can race its service health check; only the running platform counts
    running = log.split("initiating shutdown", 1)[0].splitlines()
    problems = [line for number, line in enumerate(running)
                if " 500 " in line or ("Traceback (most recent call last)" in line
                                       and not _browser_went_away(running[number + 1:number + 25])
                                       and not _kernel_ending(running[number - 1:number + 40]))]
    assert problems == [], "server errors during the platform tests:\n" + "\n".join(problems[:20])


def _traceback_block(lines: list[str]) -> list[str]:
    """The traceback's own lines, up to the next log record."""
    block = []
    for line in lines:
        if line.startswith("[") and block:
            break
        block.append(line)
    return block


def _kernel_ending(lines: list[str]) -> bool:
    """ipykernel's unawaited control coroutine when a kernel is shut down (a pupil's restart or
    delete): Python prints it as "Exception ignored", after the kernel's loop closed; no request failed."""
    block = _traceback_block(lines[1:])
    return (bool(block) and lines[0].startswith("Exception ignored in: <coroutine object Kernel.")
            and block[-1].strip() == "RuntimeError: Event loop is closed")


def _browser_went_away(traceback_lines: list[str]) -> bool:
    """A traceback that only says a browser closed its websocket while a message was on its way.

    tornado logs that as a traceback when a page with a kernel closes at the wrong moment;
    nothing failed on our side.
    """
    block = _traceback_block(traceback_lines)
    return bool(block) and block[-1].strip() in ("tornado.websocket.WebSocketClosedError",
                                                 "tornado.iostream.StreamClosedError")


@pytest.fixture(scope="session")
def hub(demo_platform) -> HubClient:
    return demo_platform.client


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# --- grading (notebook builders live in tests/grader/grader_notebooks.py) ---
@pytest.fixture
def grading_env(tmp_path, monkeypatch):
    """A private var/ dir and settings with short limits for tests."""
    from kodefag.settings import get_settings

    var = tmp_path / "var"
    var.mkdir()
    monkeypatch.setenv("KODEFAG_VAR_DIR", str(var))
    get_settings.cache_clear()
    yield var
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def source_path(tmp_path_factory) -> Path:
    """One source file for the session, so the engine's per-source cache is used."""
    path = tmp_path_factory.mktemp("kilde") / "opgave.ipynb"
    nbformat.write(source_notebook(), str(path))
    return path


@pytest.fixture
def submit(tmp_path):
    """submit(answers, edit=None) -> Path of a pupil notebook with these solution cells."""
    counter = [0]

    def make(answers: dict, edit=None) -> Path:
        nb = released_notebook()
        for grade_id, code in answers.items():
            cell_by_id(nb, grade_id).source = code
        if edit:
            edit(nb)
        counter[0] += 1
        path = tmp_path / "aflevering" / f"elev{counter[0]}.ipynb"
        path.parent.mkdir(exist_ok=True)
        nbformat.write(nb, str(path))
        return path

    return make
