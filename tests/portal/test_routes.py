"""Every portal route states who may use it: strangers get a login or a refusal."""
import re

from kodefag.settings import Settings
from kodefag.teacher_portal.app import create_app
from kodefag.teacher_portal.db import upgrade

PUBLIC = {"static", "portal.healthz", "portal.accessibility", "oauth_callback", "logout"}


def make_client(tmp_path):
    settings = Settings(var_dir=tmp_path)
    upgrade(settings.database_url)
    return create_app(settings)


def test_portal_views_declare_their_roles(tmp_path):
    app = make_client(tmp_path)
    own = [rule for rule in app.url_map.iter_rules()
           if rule.endpoint.split(".")[0] in ("portal", "exchange", "roster", "roster_admin", "privacy", "editor", "grading",
                                              "klasse", "planning", "events") and rule.endpoint not in PUBLIC]
    assert own
    assert [r.rule for r in own if not getattr(app.view_functions[r.endpoint], "allowed_roles", None)] == []


def test_no_route_answers_a_stranger(tmp_path):
    """Every non-public route (the portal's and other components' pages) refuses anonymous requests."""
    app = make_client(tmp_path)
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        path = re.sub(r"<([^>]+)>", lambda m: "1" if m.group(1).startswith("int:") else "x", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method)
            assert response.status_code in (302, 400, 401, 403), (method, path, response.status_code)
            if response.status_code == 302:
                assert "/hub/api/oauth2/authorize" in response.headers["Location"]


def test_public_pages_answer_without_login(tmp_path):
    client = make_client(tmp_path).test_client()
    assert client.get("/healthz").json == {"status": "ok"}
    page = client.get("/tilgaengelighed")
    assert page.status_code == 200 and 'lang="da"' in page.text and "Tilgængelighedserklæring" in page.text
