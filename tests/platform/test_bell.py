"""The bell on the real hub: "Start klassen", `kodefag prestart`, servers started before the
lesson, and jupyterhub-idle-culler leaving a class in its lesson alone.

Uses class 8.A (three pupils no other hub test needs running) and elev5b03 as the
pupil of a class that has no lesson now.
"""
import datetime as dt
import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import delete, select

from kodefag.teacher_portal.bell import LOCAL_TIME, ring
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.hub_sync import HubSync
from kodefag.teacher_portal.models import LessonSlot, SchoolClass

pytestmark = pytest.mark.hub
PORTAL = "/services/portal"
CLASS = ["elev8a01", "elev8a02", "elev8a03"]
OTHER = "elev5b03"


def server(hub, name) -> dict | None:
    return hub.api("admin", "GET", f"/hub/api/users/{name}").json().get("servers", {}).get("")


def wait_for(condition, timeout=180, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise TimeoutError(f"{what} not met after {timeout} s")


def all_ready(hub, names) -> bool:
    return all((server(hub, name) or {}).get("ready") for name in names)


def stop_and_wait(hub, names):
    for name in names:
        hub.stop_server(name)
    wait_for(lambda: all(server(hub, name) is None for name in names), what="servers stopped")


def idle_seconds(hub, name) -> float:
    stamp = server(hub, name)["last_activity"]
    then = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return (dt.datetime.now(dt.timezone.utc) - then).total_seconds()


@pytest.fixture
def lesson(demo_platform):
    """lesson(starts) adds a 45-minute weekly lesson of 8.A at the local time `starts`; removed after."""
    url = demo_platform.settings.database_url
    added = []

    def add(starts: dt.datetime) -> None:
        local = starts.astimezone(LOCAL_TIME)
        with session_scope(url) as session:
            class_id = session.scalar(select(SchoolClass.id).where(SchoolClass.slug == "8a"))
            slot = LessonSlot(class_id=class_id, weekday=local.weekday(), starts=local.strftime("%H:%M"),
                              ends=(local + dt.timedelta(minutes=45)).strftime("%H:%M"))
            session.add(slot)
            session.flush()
            added.append(slot.id)

    yield add
    with session_scope(url) as session:  # only ours: other tests share this platform
        session.execute(delete(LessonSlot).where(LessonSlot.id.in_(added)))


def ring_now(demo_platform, now):
    with session_scope(demo_platform.settings.database_url) as session:
        return ring(session, HubSync.from_settings(demo_platform.settings), now,
                    demo_platform.settings.prestart_minutes)


def test_start_klassen_and_prestart_start_every_pupil_of_the_class(hub, demo_platform):
    page = hub.api("laerer5b", "GET", f"{PORTAL}/klasse/8a").text
    assert "Start klassen" in page
    other_teacher = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/8a/start", allow_redirects=False)
    assert other_teacher.status_code == 403

    stop_and_wait(hub, CLASS)
    pressed = hub.api("laerer5b", "POST", f"{PORTAL}/klasse/8a/start")
    assert "3 elever får deres Jupyter startet nu, 0 havde den klar." in pressed.text
    wait_for(lambda: all_ready(hub, CLASS), what="8.A's servers ready")

    hub.stop_server(CLASS[0])
    wait_for(lambda: server(hub, CLASS[0]) is None, what="one server stopped")
    env = dict(os.environ, **demo_platform.settings.as_environment())
    cli = subprocess.run([sys.executable, "-m", "kodefag.cli", "prestart", "--class", "8.A", "--wait"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert cli.returncode == 0, cli.stderr
    assert "1 elever får deres Jupyter startet nu, 2 havde den klar." in cli.stdout
    assert "Alle 3 er klar." in cli.stdout
    assert all_ready(hub, CLASS)


def test_bell_starts_the_servers_before_the_lesson(hub, demo_platform, lesson):
    """The hub's own bell service (every 30 s) starts 8.A's servers when its lesson is 3 minutes away."""
    stop_and_wait(hub, CLASS)
    lesson(dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=3))
    wait_for(lambda: all_ready(hub, CLASS), timeout=240, what="8.A's servers ready before the lesson")


def test_culler_leaves_a_class_in_its_lesson_alone(hub, demo_platform, lesson):
    limit = 15
    for name in CLASS + [OTHER]:
        hub.start_server(name, timeout=180)
    # everyone is idle longer than the culler's limit: without the bell all four would go
    wait_for(lambda: min(idle_seconds(hub, name) for name in CLASS + [OTHER]) > limit + 1, timeout=120,
             what="servers idle")
    now = dt.datetime.now(dt.timezone.utc)
    lesson(now - dt.timedelta(minutes=10))  # 8.A is in its lesson
    assert sorted(ring_now(demo_platform, now)["kept"]) == CLASS

    # the real culler, with a token that sees only these four pupils (other tests' servers stay)
    scopes = [f"{scope}!{which}" for scope in ("list:users", "read:users:activity", "read:servers",
                                               "delete:servers")
              for which in ("group=klasse-8a", f"user={OTHER}")]
    token = hub.api("admin", "POST", "/hub/api/users/admin/tokens",
                    json={"scopes": scopes, "expires_in": 600, "note": "culler test"}).json()["token"]
    culler = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={limit}", "--cull-every=2",
         f"--url=http://127.0.0.1:{demo_platform.settings.hub_api_port}/hub/api"],
        env=dict(os.environ, JUPYTERHUB_API_TOKEN=token), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
    try:
        wait_for(lambda: server(hub, OTHER) is None, timeout=60, what=f"{OTHER}'s idle server culled")
        assert all_ready(hub, CLASS), "the culler stopped a server of a class in its lesson"
    finally:
        culler.terminate()
        output = culler.communicate(timeout=30)[0]
    assert OTHER in output and not any(name in output for name in CLASS)
    stop_and_wait(hub, CLASS)
