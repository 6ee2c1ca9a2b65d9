"""Every route of the portal x every kind of user: generated from the app's url_map.

``EXPECTED`` says, for each endpoint, who may use it. A route added without a line here
fails :func:`test_every_route_has_an_expected_rule`; the matrix then opens every route with
every method as every user, logged in through the real demo hub. POSTs carry the session's
valid CSRF token, so the answer comes from the role and class checks, not from the CSRF check.

Allowed means the role check let the request through: no login redirect, no 401/403 and no
server error (a 400 for an empty form or a 404 for an id that is not there are the view's
own answers after the check). Refused means 403 for logged-in users and a login (302 to the
hub, or 401 for programs) for strangers. Each endpoint gets its own copy of the database, and
each allowed POST another one, so a post that changes data (ending a class) cannot spoil the
next check.
"""
import shutil
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import select

from kodefag.curriculum.loader import cached_curriculum
from kodefag.settings import Settings
from kodefag.teacher_portal.app import create_app, wsgi_app
from kodefag.teacher_portal.db import engine_for, session_scope, upgrade
from kodefag.teacher_portal.models import Release, School, SchoolClass, Status, Submission, User, progress_row
from kodefag.teacher_portal.releases import release_activity
from kodefag.teacher_portal.seed import seed_demo
from tests.hubclient import free_port
from tests.portal.conftest import PortalLogin

pytestmark = pytest.mark.hub

#: who is asking: the demo accounts (class 5.A is the class under test; laerer5a teaches it)
USERS = {"anonymous": None, "pupil": "elev5a01", "pupil of another class": "elev5b01",
         "teacher of the class": "laerer5a", "teacher of another class": "laerer5b",
         "leader": "leder", "admin": "admin", "municipality": "kommune"}
PUBLIC = "public"
EVERYONE = frozenset(USERS) - {"anonymous"}
PUPILS_OF_CLASS = frozenset({"pupil"})
PUPILS = frozenset({"pupil", "pupil of another class"})
CLASS_TEACHERS = frozenset({"teacher of the class", "admin"})
CLASS_STAFF = frozenset({"teacher of the class", "leader", "admin"})
TEACHERS = frozenset({"teacher of the class", "teacher of another class"})
STAFF = TEACHERS | {"leader", "admin"}
SCHOOL_ADMINS = frozenset({"leader", "admin"})
REPORT_READERS = frozenset({"leader", "admin", "municipality"})
MUNICIPALITY = frozenset({"admin", "municipality"})

#: endpoint -> who may use it (PUBLIC: no login needed; not part of the matrix)
EXPECTED = {
    "static": PUBLIC, "portal.healthz": PUBLIC, "portal.accessibility": PUBLIC, "oauth_callback": PUBLIC,
    "logout": PUBLIC, "microbit.static": PUBLIC,
    "portal.dashboard": EVERYONE,
    "portal.class_overview": CLASS_STAFF,
    "portal.activity": CLASS_STAFF,
    "portal.activity_status": CLASS_STAFF,
    "portal.release": CLASS_TEACHERS,
    "portal.check_off": CLASS_TEACHERS,
    "grading.queue": CLASS_TEACHERS,
    "grading.grade": CLASS_TEACHERS,
    "klasse.help_now": CLASS_TEACHERS,
    "klasse.pupil": CLASS_TEACHERS,
    "klasse.preview": CLASS_TEACHERS,
    "klasse.live": CLASS_TEACHERS,
    "klasse.solution": CLASS_TEACHERS,
    "klasse.play_solution": CLASS_TEACHERS,
    "planning.plan": CLASS_TEACHERS,
    "planning.dates": CLASS_TEACHERS,
    "planning.undo": CLASS_TEACHERS,
    "planning.add": CLASS_TEACHERS,
    "planning.remove": CLASS_TEACHERS,
    "events.tjek": PUPILS_OF_CLASS,
    "events.opened": PUPILS_OF_CLASS,
    "bell.start": CLASS_TEACHERS,
    "learning.kopiark": CLASS_STAFF,
    "learning.signs": CLASS_TEACHERS,
    "learning.pupil_goals": CLASS_TEACHERS,
    "learning.my_goals": PUPILS,
    "pupil.activity": PUPILS_OF_CLASS,
    "pupil.hand_in": PUPILS_OF_CLASS,
    "pupil.activities_json": PUPILS,
    "exchange.list_assignments": PUPILS,
    "exchange.download": PUPILS_OF_CLASS,
    "exchange.submit": PUPILS_OF_CLASS,
    "microbit.page": EVERYONE,
    "microbit.check": EVERYONE,
    "microbit.hex_file": EVERYONE,
    "microbit.simulate_code": EVERYONE,
    "microbit.simulation": EVERYONE,
    "roster.locked_accounts": STAFF,
    "roster.unlock": STAFF,
    "roster.unblock_address": SCHOOL_ADMINS,
    "privacy.people": SCHOOL_ADMINS,
    "privacy.export": SCHOOL_ADMINS,
    "privacy.delete": SCHOOL_ADMINS,
    "roster_admin.overview": SCHOOL_ADMINS,
    "roster_admin.create_class": SCHOOL_ADMINS,
    "roster_admin.class_page": SCHOOL_ADMINS,
    "roster_admin.rename_class": SCHOOL_ADMINS,
    "roster_admin.end_class": SCHOOL_ADMINS,
    "roster_admin.add_pupil": SCHOOL_ADMINS,
    "roster_admin.move_pupil": SCHOOL_ADMINS,
    "roster_admin.mark_left": SCHOOL_ADMINS,
    "roster_admin.reset_password": SCHOOL_ADMINS,
    "roster_admin.teachers": SCHOOL_ADMINS,
    "roster_admin.add_teacher": SCHOOL_ADMINS,
    "roster_admin.assign_classes": SCHOOL_ADMINS,
    "roster_admin.download_roster": SCHOOL_ADMINS,
    "roster_admin.import_upload": SCHOOL_ADMINS,
    "roster_admin.import_confirm": SCHOOL_ADMINS,
    "roster_admin.new_year": SCHOOL_ADMINS,
    "roster_admin.new_year_confirm": SCHOOL_ADMINS,
    "reports.reports_home": REPORT_READERS,
    "reports.school": REPORT_READERS,
    "reports.municipality": MUNICIPALITY,
    "reports.export_class": CLASS_TEACHERS,
    "logins.class_logins": CLASS_TEACHERS,
    "logins.new_picture_codes": CLASS_TEACHERS,
    "logins.print_class_cards": CLASS_TEACHERS,
    "logins.remove_picture_code": CLASS_TEACHERS,
    "logins.revoke_card": CLASS_TEACHERS,
    "read_aloud.speech": EVERYONE,
    "editor.editor": PUPILS_OF_CLASS,
    "editor.hand_in": PUPILS_OF_CLASS,
    "editor.result": PUPILS_OF_CLASS,
    "editor.save": PUPILS_OF_CLASS,
    "editor.start_over": PUPILS_OF_CLASS,
    "microbit.sim_data": EVERYONE,
    # any pupil passes the role check; another class's release is not among their activities (404)
    "pupil.feedback": PUPILS,
}

NOTEBOOK = "g5-lister-og-loekker"
GAME = "spil-labyrint"
UNPLUGGED = "g5-labyrint-paa-papir"


def _rules():
    app = create_app(Settings(var_dir=Path(tempfile.mkdtemp(prefix="kodefag-matrix-"))))
    return app, sorted(app.url_map.iter_rules(), key=lambda rule: (rule.endpoint, rule.rule))


APP, RULES = _rules()


def test_every_route_has_an_expected_rule():
    """A new route must say who may use it (add a line to EXPECTED), and a removed one goes."""
    endpoints = {rule.endpoint for rule in RULES}
    assert sorted(endpoints - set(EXPECTED)) == [], "routes without an expected rule in EXPECTED"
    assert sorted(set(EXPECTED) - endpoints) == [], "EXPECTED names routes that no longer exist"


def test_expected_rules_agree_with_the_declared_roles():
    """A route's declared roles (roles_required) allow at least the roles EXPECTED allows."""
    roles = {"pupil": "pupil", "pupil of another class": "pupil", "teacher of the class": "teacher",
             "teacher of another class": "teacher", "leader": "leader", "admin": "admin",
             "municipality": "municipality"}
    for rule in RULES:
        declared = getattr(APP.view_functions[rule.endpoint], "allowed_roles", None)
        if EXPECTED.get(rule.endpoint, PUBLIC) is PUBLIC or declared is None:
            continue
        assert {roles[who] for who in EXPECTED[rule.endpoint]} <= {r.value for r in declared}, rule.endpoint


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    """The demo school with one release of each kind to 5.A, a graded hand-in, and files on disk."""
    folder = tmp_path_factory.mktemp("matrix")
    # roster changes tell the hub at once: here a port where nothing listens, so an allowed post
    # cannot change the shared demo hub's groups (the portal logs that the hub catches up later)
    settings = Settings(var_dir=folder / "var", database_url=f"sqlite:///{folder / 'template.sqlite'}",
                        hub_api_port=free_port())
    upgrade(settings.database_url)
    curriculum = cached_curriculum()
    ids = {}
    with session_scope(settings.database_url) as session:
        seed_demo(session)
        five_a = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        teacher = session.scalar(select(User).where(User.username == "laerer5a"))
        releases = {activity: release_activity(session, settings, five_a, curriculum.activity(activity), teacher)
                    for activity in (NOTEBOOK, GAME, UNPLUGGED)}
        pupil = session.scalar(select(User).where(User.username == "elev5a01"))
        submission = Submission(release_id=releases[NOTEBOOK].id, pupil_id=pupil.id, timestamp="2026-12-01 10:00",
                                folder=str(folder / "hand-in"), status=Status.needs_manual, score=1, max_score=2,
                                result={"cells": [{"grade_id": "svar", "status": "manual", "score": None,
                                                   "max_score": 1}]})
        session.add(submission)
        session.flush()
        progress_row(session, pupil.id, releases[NOTEBOOK]).last_submission_id = submission.id
        ids = {"submission_id": submission.id, "release_id": releases[GAME].id,
               "school_id": session.scalar(select(School.id).where(School.name == "Demo Skole"))}
    engine_for(settings.database_url).dispose()
    return settings, ids


def _path(rule, ids: dict) -> str:
    """The rule's URL for the class under test (5.A) and its rows."""
    values = {"slug": "5a", "course_id": "5a", "activity_id": UNPLUGGED if "tegn" in rule.rule or "godkend" in rule.rule
              else NOTEBOOK, "username": "elev5a01", "job_id": "ukendt", "filename": "portal.css", "slot_id": 1, **ids}
    return rule.build(values, append_unknown=False)[1]


def _database(settings: Settings, name: str) -> Settings:
    """Settings pointing at a copy of the template database named ``name`` (made once)."""
    source = Path(settings.database_url.removeprefix("sqlite:///"))
    target = source.with_name(f"{name}.sqlite")
    if not target.exists():
        shutil.copyfile(source, target)
    return settings.model_copy(update={"database_url": f"sqlite:///{target}"})


def _refused(who: str, response) -> bool:
    if who == "anonymous":
        return response.status_code == 401 or (
            response.status_code == 302 and "/hub/api/oauth2/authorize" in response.headers["Location"])
    return response.status_code == 403


def _allowed(response) -> bool:
    login = response.status_code == 302 and "/oauth2/authorize" in response.headers.get("Location", "")
    return response.status_code not in (401, 403) and response.status_code < 500 and not login


MATRIX_RULES = [rule for rule in RULES if EXPECTED.get(rule.endpoint, PUBLIC) is not PUBLIC]


@pytest.mark.parametrize("rule", MATRIX_RULES, ids=[f"{r.endpoint}" for r in MATRIX_RULES])
def test_route_answers_each_user_as_expected(rule, template_db, hub, hub_env):
    settings, ids = template_db
    path = _path(rule, ids)
    app = wsgi_app(settings)
    login = PortalLogin(app, hub)
    problems = []
    for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
        for who, username in USERS.items():
            allowed = who in EXPECTED[rule.endpoint]
            # an allowed POST may change data: it gets a database of its own
            copy = f"{rule.endpoint}-{method}-{who if allowed and method != 'GET' else 'shared'}"
            database = _database(settings, copy.replace(" ", "_"))
            app.config.update(SETTINGS=database, DATABASE_URL=database.database_url)
            response = login.as_user(username).open(path, method)
            ok = _allowed(response) if allowed else _refused(who, response)
            if not ok:
                problems.append(f"{method} {path} as {who}: {response.status_code} "
                                f"({'should be allowed' if allowed else 'should be refused'})")
    assert problems == []
