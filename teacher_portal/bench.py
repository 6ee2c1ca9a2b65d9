"""`kodefag bench portal`: the portal's pages at municipality scale, on SQLite and PostgreSQL.

For each database the benchmark seeds the demo school plus the synthetic municipality
(:mod:`.synthetic`, 5,000 pupils), starts the real platform (JupyterHub, its proxy, the portal
under waitress) and then

1. opens each page one request at a time as a logged-in user (a browser session through the
   hub's OAuth, as people use it) and reports p50/p95: class overview, pupil page, activity
   page, the leader's school view, the municipality view; the teacher's front page is the
   baseline (the smallest page behind the same login), reported as a ratio;
2. runs 50 concurrent teachers with locust (headless, ``bench_locustfile.py``) and reports
   p95 and errors.

Targets (issue 13): p95 <= 150 ms per page, and <= 300 ms with no errors under 50 teachers.
Results go to docs/performance.md with machine, load and date.
"""
from __future__ import annotations

import csv
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import click
import psycopg
import requests
from sqlalchemy import func, select

from kodefag.benchmarks import load_average, load_note, record
from kodefag.curriculum.loader import cached_curriculum
from kodefag.hub.platform import Platform, prepare
from kodefag.settings import Settings

from .db import analyze, session_scope
from .models import Progress, Release, Role, School, SchoolClass, User, class_teachers
from .seed import DEMO_PASSWORD
from .synthetic import Counts, seed_municipality

TITLE = "Portal at municipality scale"
PAGE_TARGET_MS = 150
LOAD_TARGET_MS = 300
LOCUSTFILE = Path(__file__).with_name("bench_locustfile.py")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_url(server: str) -> tuple[str, str]:
    """A new, empty schema in the PostgreSQL database ``server``: (its URL, its name)."""
    schema = "bench_" + uuid.uuid4().hex[:10]
    with psycopg.connect(server.replace("postgresql+psycopg", "postgresql"), autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    return f"{server}?options=-csearch_path%3D{schema}", schema


def _drop_schema(server: str, schema: str) -> None:
    with psycopg.connect(server.replace("postgresql+psycopg", "postgresql"), autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA {schema} CASCADE")


def browser_session(hub_url: str, username: str, password: str = DEMO_PASSWORD) -> requests.Session:
    """A session logged in as a browser is: the hub's login form, then the portal's OAuth round trip."""
    session = requests.Session()
    page = session.get(f"{hub_url}/hub/login", timeout=60)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
    session.post(f"{hub_url}/hub/login", data={"username": username, "password": password, "_xsrf": xsrf},
                 allow_redirects=False, timeout=60)
    response = session.get(f"{hub_url}/services/portal/", timeout=60)
    if response.status_code != 200 or "kodefag-portal" not in session.cookies.get_dict():
        raise click.ClickException(f"could not log in as {username} ({response.status_code})")
    return session


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _timed(session: requests.Session, url: str, count: int) -> tuple[float, list[float]]:
    """Milliseconds of the first request (empty caches), and per request after two warm-up requests."""
    times = []
    for index in range(count + 2):
        start = time.perf_counter()
        response = session.get(url, timeout=120)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise click.ClickException(f"{url}: HTTP {response.status_code}")
        if index == 0:
            first = elapsed
        if index >= 2:
            times.append(elapsed)
    return first, times


def _accounts(database_url: str, teachers: int) -> tuple[list[dict], dict]:
    """Synthetic teachers with their class, an activity released to it and a pupil; the leader's school."""
    with session_scope(database_url) as session:
        rows = session.execute(
            select(User.username, SchoolClass.slug, SchoolClass.id).join(class_teachers, class_teachers.c.user_id == User.id)
            .join(SchoolClass, SchoolClass.id == class_teachers.c.class_id)
            .where(User.username.startswith("laerer-s"), SchoolClass.grade >= 3).order_by(User.username)).all()
        accounts = []
        for username, slug, class_id in rows[:teachers]:
            activity = session.scalar(select(Release.activity_id).where(Release.class_id == class_id)
                                      .order_by(Release.released_at.desc()).limit(1))
            pupil = session.scalar(select(User.username).join(Progress, Progress.pupil_id == User.id)
                                   .join(Release, Release.id == Progress.release_id)
                                   .where(Release.class_id == class_id).limit(1))
            accounts.append({"username": username, "password": DEMO_PASSWORD, "slug": slug,
                             "activity": activity, "pupil": pupil})
        school_id = session.scalar(select(School.id).where(School.name == "Nordskolen"))
        leader = session.scalar(select(User.username).where(User.role == Role.leader, User.school_id == school_id))
    return accounts, {"school_id": school_id, "leader": leader}


def _run(engine: str, database_url: str, workdir: Path, pupils: int, results: int, count: int, users: int,
         duration: int) -> dict:
    var_dir = workdir / engine.lower()
    settings = Settings(var_dir=var_dir, database_url=database_url, hub_port=_free_port(),
                        hub_api_port=_free_port(), proxy_api_port=_free_port(), portal_port=_free_port(), workers=1)
    click.echo(f"[{engine}] seeding {pupils} pupils ...")
    prepare(settings)
    started = time.monotonic()
    with session_scope(database_url) as session:
        seed_municipality(session, cached_curriculum(), pupils=pupils, results=results)  # once per database
        analyze(session)  # also when --sqlite named a database seeded before
        counts = Counts(schools=session.scalar(select(func.count()).select_from(School)),
                        classes=session.scalar(select(func.count()).select_from(SchoolClass)),
                        pupils=session.scalar(select(func.count()).select_from(User).where(User.role == Role.pupil)),
                        releases=session.scalar(select(func.count()).select_from(Release)),
                        results=session.scalar(select(func.count()).select_from(Progress)))
    seeding = time.monotonic() - started
    accounts, school = _accounts(database_url, users)
    platform = Platform(settings, log_file=var_dir / "platform.log")
    platform.start()
    start_load = highest_load = load_average()
    try:
        platform.wait_ready(timeout=300)
        hub = settings.hub_url
        one = accounts[0]
        teacher = browser_session(hub, one["username"])
        portal = f"{hub}/services/portal"
        pages = {
            "teacher's front page (baseline)": (teacher, f"{portal}/"),
            "class overview": (teacher, f"{portal}/klasse/{one['slug']}"),
            "pupil page": (teacher, f"{portal}/klasse/{one['slug']}/elev/{one['pupil']}/maal"),
            "activity page": (teacher, f"{portal}/klasse/{one['slug']}/aktivitet/{one['activity']}"),
            "leader's school view": (browser_session(hub, school["leader"]),
                                     f"{portal}/rapport/skole/{school['school_id']}"),
            "municipality view": (browser_session(hub, "kommune"), f"{portal}/kommune"),
        }
        latency, first = {}, {}
        for name, (session, url) in pages.items():
            click.echo(f"[{engine}] {name} ...")
            first[name], latency[name] = _timed(session, url, count)
            highest_load = max(highest_load, load_average())
        load = _locust(hub, accounts, workdir / f"locust-{engine.lower()}", users, duration)
        highest_load = max(highest_load, load_average())
    finally:
        platform.stop()
    return {"counts": counts, "seeding": seeding, "latency": latency, "first": first, "load": load,
            "highest_load": highest_load, "start_load": start_load, "end_load": load_average(),
            "when": time.strftime("%H:%M UTC", time.gmtime())}


def _locust(hub_url: str, accounts: list[dict], prefix: Path, users: int, duration: int) -> dict:
    """50 teachers at once against the real server; p95 and failures from locust's CSV.

    Every teacher logs in first, one after another (a browser session each); locust gets
    their cookies."""
    for account in accounts:
        session = browser_session(hub_url, account["username"], account["password"])
        account["cookies"] = [{"name": c.name, "value": c.value, "domain": c.domain, "path": c.path}
                              for c in session.cookies]
    accounts_file = prefix.with_suffix(".json")
    accounts_file.parent.mkdir(parents=True, exist_ok=True)
    accounts_file.write_text(json.dumps(accounts))
    command = [str(Path(sys.executable).with_name("locust")), "-f", str(LOCUSTFILE), "--headless",
               "-u", str(users), "-r", "10", "--run-time", f"{duration}s", "--host", hub_url,
               "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"]
    click.echo(f"locust: {users} teachers for {duration} s ...")
    subprocess.run(command, env={**os.environ, "KODEFAG_BENCH_USERS": str(accounts_file)}, check=False,
                   stdout=subprocess.DEVNULL)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    pages = [row for name, row in rows.items() if name not in ("login", "Aggregated")]
    requests_done = sum(int(r["Request Count"]) for r in pages)
    failures = sum(int(r["Failure Count"]) for r in pages)
    p95 = max(float(r["95%"]) for r in pages) if pages else float("nan")
    return {"users": users, "duration": duration, "requests": requests_done, "failures": failures, "p95": p95,
            "per_page": {r["Name"]: float(r["95%"]) for r in pages},
            "login_failures": int(rows.get("login", {}).get("Failure Count", 0))}


def _section(runs: dict[str, dict], count: int) -> str:
    lines = []
    any_run = next(iter(runs.values()))
    c = any_run["counts"]
    lines.append(f"Data: {c.schools} schools (the demo school and synthetic ones), {c.classes} classes, {c.pupils} pupils, "
                 f"{c.results} results (progress rows; kompetencetjek hand-ins and signs besides), seeded by "
                 f"`kodefag demo --municipality`'s code. Each page: {count} requests one after another through the "
                 "real server (hub proxy -> waitress) in a logged-in browser session, after two warm-up requests. "
                 "The report pages keep their teaching numbers for 60 s and their effect rows until a "
                 "kompetencetjek result changes; *first* is the first request of the run, with those caches empty.\n")
    lines.append("| page | " + " | ".join(f"{e} first ms | {e} p50 ms | {e} p95 ms" for e in runs) + " | target p95 |")
    lines.append("|---|" + "---|---|---|" * len(runs) + "---|")
    names = list(any_run["latency"])
    for name in names:
        cells = []
        for run in runs.values():
            values = run["latency"][name]
            cells += [f"{run['first'][name]:.0f}", f"{statistics.median(values):.0f}", f"{_p(values, 0.95):.0f}"]
        target = "-" if "baseline" in name else f"<= {PAGE_TARGET_MS}"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {target} |")
    lines.append("")
    baseline = names[0]
    for engine, run in runs.items():
        base = _p(run["latency"][baseline], 0.95)
        ratios = ", ".join(f"{n} {(_p(v, 0.95) / base):.1f}x" for n, v in run["latency"].items() if n != baseline)
        lines.append(f"- {engine}: p95 against the baseline page (same login, same server): {ratios}. "
                     f"Seeding (or checking the seeded database) took {run['seeding']:.0f} s.")
    lines.append("")
    lines.append("50 concurrent teachers (locust 2.47, headless, 1-3 s between clicks: class overview, activity "
                 "page, pupil page), each a browser session logged in (hub login form, portal OAuth) before "
                 "the load starts:\n")
    lines.append("| database | requests | failures | p95 ms (worst page) | target |")
    lines.append("|---|---|---|---|---|")
    for engine, run in runs.items():
        load = run["load"]
        lines.append(f"| {engine} | {load['requests']} in {load['duration']} s | {load['failures']} | "
                     f"{load['p95']:.0f} | <= {LOAD_TARGET_MS}, no errors |")
    lines.append("")
    lines.append(load_note(max(run["highest_load"] for run in runs.values())) + " 1-minute load per database: "
                 + "; ".join(f"{engine} {run['start_load']:.1f} at the start, {run['end_load']:.1f} at the end "
                             f"({run['when']})" for engine, run in runs.items()) + ".")
    lines.append("")
    lines.append(REPRODUCE)
    return "\n".join(lines)


REPRODUCE = """To reproduce: `make install`, a PostgreSQL server on 127.0.0.1:5432 that trusts `postgres` with a
database `test`, then `.venv/bin/kodefag bench portal` (defaults: 5,000 pupils, 200,000 results, 40
requests per page, 50 teachers for 60 s). It seeds a fresh SQLite file and a fresh PostgreSQL schema
(dropped afterwards) with the same seed, so two runs measure the same rows; `--sqlite FILE` reuses a
seeded SQLite database (seeding takes minutes on a busy machine), `--postgres ''` skips PostgreSQL.
Run it on an otherwise idle machine: locust's 50 users run on the same cores as the server.

What keeps the pages fast (issue 13): a browser session's hub token is checked with the hub once
per 30 s per hub login session (`auth.SessionTokenCache`; a hub logout still ends the portal session
at once, docs/security.md); the class overview shows this school year's releases (a class keeps
every earlier grade's) with each URL built once per row and column; the grading-queue count reads
progress by release; the report pages keep their teaching numbers 60 s and their effect rows until a
kompetencetjek result changes (looked at every 15 s); SQLite runs WAL with `synchronous=NORMAL`."""


@click.command("portal")
@click.option("--pupils", default=5000, show_default=True)
@click.option("--results", default=200_000, show_default=True)
@click.option("--requests", "count", default=40, show_default=True, help="Requests per page.")
@click.option("--users", default=50, show_default=True, help="Concurrent teachers (locust).")
@click.option("--duration", default=60, show_default=True, help="Seconds of locust load.")
@click.option("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test", show_default=True,
              help="PostgreSQL database (a fresh schema is made in it); empty: SQLite only.")
@click.option("--sqlite", "sqlite_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Use this SQLite database (e.g. a `demo --municipality` var/portal.sqlite) instead of seeding a new one.")
def bench(pupils: int, results: int, count: int, users: int, duration: int, postgres: str, sqlite_file: Path | None):
    """Portal pages at municipality scale on SQLite and PostgreSQL, and 50 teachers at once."""
    workdir = Path(tempfile.mkdtemp(prefix="kodefag-bench-portal-"))
    databases = {"SQLite": f"sqlite:///{(sqlite_file or workdir / 'portal.sqlite').resolve()}"}
    schema = None
    if postgres:
        databases["PostgreSQL"], schema = _postgres_url(postgres)
    try:
        runs = {engine: _run(engine, url, workdir, pupils, results, count, users, duration)
                for engine, url in databases.items()}
    finally:
        if schema is not None:
            _drop_schema(postgres, schema)
    body = _section(runs, count)
    record(TITLE, body)
    click.echo(body)
