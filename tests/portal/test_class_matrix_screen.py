"""The class matrix on a teacher's laptop: 28 pupils x a whole school year of activities.

The portal runs on its own database (the demo school, 5.A topped up to 28 pupils with the
grade's whole year plan released), so the shared platform's classes stay as they are; the
demo hub only says who the teacher is. The page must never scroll sideways as a whole at
1366 px: the matrix scrolls inside its own box, with the pupil column and the activity
titles kept in view. Screenshots at 1366x768 and 1280x800 go to the temp folder."""
import datetime as dt
import random
import re
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import select
from werkzeug.serving import make_server

from kodefag.curriculum.loader import cached_curriculum
from kodefag.settings import Settings
from kodefag.teacher_portal.db import session_scope, upgrade
from kodefag.teacher_portal.models import Progress, Release, Role, SchoolClass, Status, User
from kodefag.teacher_portal.seed import seed_demo

from tests.hubclient import free_port

pytestmark = [pytest.mark.hub, pytest.mark.browser]
PUPILS = 28
LAPTOPS = {"1366x768": (1366, 768), "1280x800": (1280, 800)}
#: the cells' short words and the full statuses they stand for (templates/class.html)
SHORT_STATUS = {"Rettet": "Rettet", "Ret!": "Mangler rettelse", "I gang": "I gang", "Ikke": "Ikke startet"}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def release_plan(session, school_class, grade: int, start: dt.datetime, rng) -> int:
    """Release the grade's whole year plan to the class from ``start`` on, with varied progress."""
    plan = cached_curriculum().plan(grade).activities
    for day, activity in enumerate(plan):
        release = Release(class_id=school_class.id, activity_id=activity.id, kind=activity.kind,
                          title=activity.title, max_score=float(activity.points),
                          released_at=start + dt.timedelta(days=day), deadline=start + dt.timedelta(days=day + 7))
        session.add(release)
        session.flush()
        for pupil in school_class.pupils:
            status = rng.choice([Status.graded, Status.graded, Status.needs_manual, Status.fetched, Status.released])
            score = float(rng.randint(0, activity.points)) if status is Status.graded else None
            session.add(Progress(pupil_id=pupil.id, release_id=release.id, status=status, score=score,
                                 max_score=float(activity.points)))
    return len(plan)


def full_year_class(database_url: str) -> tuple[int, int]:
    """5.A with 28 pupils, 4th grade's whole plan released last school year and 5th grade's this
    year; returns the number of activities (this year, every year)."""
    rng = random.Random(13)
    with session_scope(database_url) as session:
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        for n in range(len(school_class.pupils) + 1, PUPILS + 1):
            school_class.pupils.append(User(username=f"fuld5a{n:02d}", role=Role.pupil, school=school_class.school,
                                            display_name=f"Marie-Louise Christensen {n}"))
        session.flush()
        now = dt.datetime.now()
        earlier = release_plan(session, school_class, school_class.grade - 1, now - dt.timedelta(days=400), rng)
        this_year = release_plan(session, school_class, school_class.grade, now - dt.timedelta(days=20), rng)
        return this_year, this_year + earlier


@pytest.fixture
def full_portal(tmp_path, hub_env, hub):
    """The portal with the full-year class, served on a port of its own; yields (base URL, session cookie)."""
    from kodefag.teacher_portal.app import wsgi_app

    settings = Settings(var_dir=tmp_path / "var", database_url=f"sqlite:///{tmp_path / 'portal.sqlite'}")
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        seed_demo(session)
    activities = full_year_class(settings.database_url)
    app = wsgi_app(settings)
    cookie = app.session_interface.get_signing_serializer(app).dumps({"hub_token": hub.token("laerer5a")})
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}{settings.portal_prefix.rstrip('/')}", cookie, activities
    server.shutdown()


@pytest.mark.parametrize("laptop", LAPTOPS)
def test_class_matrix_fits_a_laptop_screen(browser, full_portal, laptop, tmp_path_factory):
    base, cookie, (this_year, every_year) = full_portal
    width, height = LAPTOPS[laptop]
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": height})
    context.add_cookies([{"name": "kodefag-portal", "value": cookie, "url": base + "/"}])
    page = context.new_page()
    shots = tmp_path_factory.getbasetemp()

    # this school year's activities: the whole matrix in view, nothing scrolls sideways
    page.goto(base + "/klasse/5a")
    matrix = page.locator("#matrix")
    assert matrix.locator("tbody tr").count() == PUPILS
    assert matrix.locator("thead th.activity-col").count() == this_year
    page.screenshot(path=str(shots / f"matrix-{laptop}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_violations(page) == []

    # every school year (twice as many columns): the matrix scrolls in its own box, the page does not
    page.goto(base + "/klasse/5a?aar=alle")
    assert matrix.locator("thead th.activity-col").count() == every_year
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".matrix-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    page.screenshot(path=str(shots / f"matrix-{laptop}-alle.png"))

    # scrolled to the far right and down: the pupil's name and the titles stay in view
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; b.scrollTop = b.scrollHeight; }")
    name = matrix.locator("tbody tr").last.locator("th")
    title = matrix.locator("thead th.activity-col").last
    frame = box.bounding_box()
    assert frame["x"] <= name.bounding_box()["x"] <= frame["x"] + 2
    assert frame["y"] <= title.bounding_box()["y"] <= frame["y"] + 2
    page.screenshot(path=str(shots / f"matrix-{laptop}-alle-scrollet.png"))

    # each cell says its status in words; the whole title is the link's name and tooltip
    first_title = matrix.locator("thead th.activity-col a").first
    assert first_title.get_attribute("title").startswith(first_title.inner_text().strip()[:8])
    cell = matrix.locator("td[data-activity] a.cell-link").first
    status, *score = cell.inner_text().strip().split("\n")
    assert status in SHORT_STATUS and all(re.fullmatch(r"\d+/\d+", s) for s in score)
    assert cell.get_attribute("aria-label").endswith(": " + ", ".join([SHORT_STATUS[status], *score]))
    assert serious_violations(page) == []
    context.close()


def serious_violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_filter_and_sort_still_work_in_the_compact_matrix(browser, full_portal):
    base, cookie, (this_year, _) = full_portal
    context = browser.new_context(locale="da-DK", viewport={"width": 1366, "height": 768})
    context.add_cookies([{"name": "kodefag-portal", "value": cookie, "url": base + "/"}])
    page = context.new_page()
    page.goto(base + "/klasse/5a")
    areas = page.locator("#omraade option").all()
    assert len(areas) > 1
    page.select_option("#omraade", index=1)
    page.select_option("#sorter", "point")
    page.click("form.filters button")
    page.wait_for_url("**omraade=*")
    shown = page.locator("#matrix thead th.activity-col").count()
    assert 0 < shown < this_year
    totals = [float(t.split("/")[0]) for t in page.locator("#matrix tbody td.total-col").all_inner_texts()]
    assert totals == sorted(totals)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    context.close()
