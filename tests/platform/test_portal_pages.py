"""The portal's pages with the real hub: year plan, releases, check-offs, who sees what."""
import re

import pytest
from markupsafe import escape

from kodefag.curriculum.loader import load_curriculum

pytestmark = pytest.mark.hub
PORTAL = "/services/portal"


def first_unplugged(grade: int):
    return next(a for a in load_curriculum().plan(grade).activities if a.kind == "unplugged")


def test_class_page_shows_the_year_plan_with_teacher_guides(hub):
    page = hub.api("laerer5a", "GET", f"{PORTAL}/klasse/3a").text
    plan = load_curriculum().plan(3).activities
    for activity in plan:
        assert str(escape(activity.title)) in page
    assert str(escape(plan[0].guide.goal)) in page
    assert "Årsplan for 3. klasse" in page and "Aktivitet uden computer" in page


def test_teacher_releases_and_checks_off_an_unplugged_activity(hub):
    activity = first_unplugged(3)
    released = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/3a/frigiv", data={"activity_id": activity.id},
                       allow_redirects=False)
    assert released.status_code == 302
    page = hub.api("laerer5a", "GET", f"{PORTAL}/klasse/3a/aktivitet/{activity.id}")
    assert page.status_code == 200 and "Hvem har lavet aktiviteten?" in page.text
    assert "Materialer" in page.text  # the unplugged description, rendered

    saved = hub.api("laerer5a", "POST", f"{PORTAL}/klasse/3a/aktivitet/{activity.id}/godkend",
                    data={"pupil": ["elev3a01", "elev3a03", "elev5b01"]}, allow_redirects=False)
    assert saved.status_code == 302
    overview = hub.api("laerer5a", "GET", f"{PORTAL}/klasse/3a").text
    def cell(pupil):
        return overview.split(f'data-pupil="{pupil}" data-activity="{activity.id}"')[1].split("</td>")[0]
    assert "Godkendt" in cell("elev3a01") and "Godkendt" in cell("elev3a03")
    assert "Ikke startet" in cell("elev3a02")


def test_other_teachers_pupils_and_leaders_cannot_change_a_class(hub):
    activity = first_unplugged(3)
    for user in ("laerer5b", "elev3a01", "leder"):
        response = hub.api(user, "POST", f"{PORTAL}/klasse/3a/frigiv", data={"activity_id": activity.id},
                           allow_redirects=False)
        assert response.status_code == 403, user
        response = hub.api(user, "POST", f"{PORTAL}/klasse/3a/aktivitet/{activity.id}/godkend",
                           data={"pupil": ["elev3a02"]}, allow_redirects=False)
        assert response.status_code == 403, user
    assert hub.api("elev3a01", "GET", f"{PORTAL}/klasse/3a").status_code == 403


def test_leader_sees_every_class_without_pupil_names(hub):
    dashboard = hub.api("leder", "GET", f"{PORTAL}/").text
    for name in ("3.A", "5.A", "5.B", "8.A"):
        assert name in dashboard
    page = hub.api("leder", "GET", f"{PORTAL}/klasse/5a").text
    assert "elev5a01" not in page and "Elev 1" in page


def test_pupil_dashboard_lists_only_own_activities(hub):
    page = hub.api("elev5b02", "GET", f"{PORTAL}/").text
    assert "Lister og løkker" in page
    assert "elev5a01" not in page


def test_browser_forms_need_the_csrf_token(hub):
    session = hub.login("laerer5a")
    landing = session.get(hub.url(f"{PORTAL}/klasse/3a"))  # logs in to the portal through the hub
    assert landing.status_code == 200 and "Årsplan" in landing.text
    forged = session.post(hub.url(f"{PORTAL}/klasse/3a/frigiv"), data={"activity_id": first_unplugged(3).id},
                          allow_redirects=False)
    assert forged.status_code == 400
    token = re.search(r'name="csrf_token" value="([^"]+)"', landing.text).group(1)
    real = session.post(hub.url(f"{PORTAL}/klasse/3a/frigiv"),
                        data={"activity_id": first_unplugged(3).id, "csrf_token": token}, allow_redirects=False)
    assert real.status_code == 302
