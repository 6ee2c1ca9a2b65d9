"""``kodefag bench pupil``: from a click in Mine aktiviteter to an open notebook with a live kernel.

Target: at most 3 s at the 95th percentile on a running server. The benchmark starts the
whole platform in a temporary var/ (hub, portal, workers), logs a pupil in with Chromium
(Debian's, through Playwright), waits for the server, then times rounds of: click the
activity in Mine aktiviteter -> the notebook is shown and its kernel is idle. Between
rounds the kernel is shut down and JupyterLab reloaded with an empty workspace (not timed), so
every round starts a kernel (the first open of a lesson; reopening a notebook whose kernel still
runs is faster).

The baseline, measured in the same run, is stock JupyterLab opening the same notebook by its
URL (``/lab/tree/<path>``: a full page load, the way a pupil without our extension would open
it from a link), also with a fresh kernel.
"""
import re
import socket
import statistics
import tempfile
import time
from pathlib import Path

import click
import requests

from kodefag.benchmarks import load_average, load_note, record
from kodefag.settings import Settings

from .platform import Platform, prepare

TARGET_P95_SECONDS = 3.0
PUPIL = "elev5a01"
ACTIVITY = "g5-lister-og-loekker"
TITLE = "Lister og løkker"
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 rounds is the 19th slowest)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


class PupilSession:
    """One logged-in pupil in Chromium, with the hub API at hand to shut kernels down."""

    def __init__(self, browser, hub_url: str):
        self.hub_url = hub_url.rstrip("/")
        self.context = browser.new_context(viewport={"width": 1300, "height": 850}, locale="da-DK")
        self.page = self.context.new_page()
        self.page.set_default_timeout(180_000)

    def log_in(self) -> None:
        page = self.page
        page.goto(self.hub_url + "/hub/login")
        page.fill("#username_input", PUPIL)
        page.fill("#password_input", "demo")
        page.click("#login_submit")
        page.wait_for_url(re.compile(rf".*/user/{PUPIL}/lab.*"))
        page.locator(".kodefag-aktiviteter").get_by_role("button", name=TITLE).wait_for()

    def api(self, method: str, path: str) -> requests.Response:
        cookies = {c["name"]: c["value"] for c in self.context.cookies()}
        xsrf = cookies.get("_xsrf", "")
        return requests.request(method, f"{self.hub_url}/user/{PUPIL}/api/{path}", cookies=cookies,
                                headers={"X-XSRFToken": xsrf}, timeout=60)

    def shut_down_kernels(self) -> None:
        for session in self.api("GET", "sessions").json():
            self.api("DELETE", f"sessions/{session['id']}")

    def wait_live_notebook(self) -> None:
        notebook = self.page.locator(".jp-NotebookPanel:visible")
        notebook.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for()

    def fresh_page(self, round_number: int) -> None:
        """A clean JupyterLab (a new workspace: no notebook open) showing Mine aktiviteter."""
        self.page.goto(f"{self.hub_url}/user/{PUPIL}/lab/workspaces/bench-{round_number}?reset")
        self.page.locator(".kodefag-aktiviteter").get_by_role("button", name=TITLE).wait_for()

    def open_from_mine_aktiviteter(self) -> float:
        button = self.page.locator(".kodefag-aktiviteter").get_by_role("button", name=TITLE)
        started = time.perf_counter()
        button.click()
        self.wait_live_notebook()
        return time.perf_counter() - started

    def open_by_url(self) -> float:
        started = time.perf_counter()
        self.page.goto(f"{self.hub_url}/user/{PUPIL}/lab/tree/{ACTIVITY}/{ACTIVITY}.ipynb")
        self.wait_live_notebook()
        return time.perf_counter() - started


def measure(rounds: int, var_dir: Path) -> dict:
    from playwright.sync_api import sync_playwright

    settings = Settings(var_dir=var_dir, hub_port=free_port(), hub_api_port=free_port(),
                        proxy_api_port=free_port(), portal_port=free_port(), workers=1)
    prepare(settings)
    platform = Platform(settings, log_file=var_dir / "platform.log")
    platform.start()
    highest = load_average()
    ours, stock = [], []
    try:
        platform.wait_ready(timeout=300)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            pupil = PupilSession(browser, settings.hub_url)
            pupil.log_in()
            pupil.open_from_mine_aktiviteter()  # first open downloads the notebook; not timed
            for number in range(rounds):
                pupil.shut_down_kernels()
                pupil.fresh_page(number)
                ours.append(pupil.open_from_mine_aktiviteter())
                pupil.shut_down_kernels()
                stock.append(pupil.open_by_url())
                highest = max(highest, load_average())
            browser.close()
    finally:
        platform.stop()
    return {"ours": ours, "stock": stock, "load": highest}


@click.command()
@click.option("--rounds", default=20, show_default=True, help="Opens of each kind (p95 is reported).")
def bench(rounds):
    """Time opening an activity from Mine aktiviteter (target p95 <= 3 s); compare with stock JupyterLab."""
    with tempfile.TemporaryDirectory(prefix="kodefag-bench-pupil-") as folder:
        result = measure(rounds, Path(folder))
    ours, stock = result["ours"], result["stock"]
    p95, stock_p95 = percentile(ours, 0.95), percentile(stock, 0.95)
    verdict = "meets" if p95 <= TARGET_P95_SECONDS else "misses"
    body = f"""
From a click on an activity in Mine aktiviteter to the notebook shown with an idle (live) kernel,
on a running pupil server, {rounds} rounds, every round with a fresh kernel (kodefag's python3
kernel with Danish errors). Baseline in the same run: stock JupyterLab opening the same notebook
by URL (`/lab/tree/...`, a full page load).

| | median | p95 |
|---|---|---|
| Mine aktiviteter (click -> live notebook) | {statistics.median(ours):.2f} s | {p95:.2f} s |
| stock JupyterLab by URL | {statistics.median(stock):.2f} s | {stock_p95:.2f} s |

Ratio stock / ours at p95: {stock_p95 / p95:.2f}x. Target p95 <= {TARGET_P95_SECONDS:g} s: {verdict} it.
{load_note(result["load"])}
"""
    record("Pupil: open an activity (kodefag bench pupil)", body)
    click.echo(body)
