"""The portal's browser protections: CSP, cookies over TLS, CSRF, JSON errors, trusted questions."""
import nbformat
import pytest
from flask import session

from kodefag.settings import REPO_ROOT, Settings
from kodefag.teacher_portal.app import create_app
from kodefag.teacher_portal.db import upgrade
from kodefag.teacher_portal.manual_grading import answers_to_grade
from kodefag.teacher_portal.models import Release, Submission

ACTIVITY = "g5-lister-og-loekker"
SOURCE = REPO_ROOT / "notebooks" / ACTIVITY / f"{ACTIVITY}.ipynb"


@pytest.fixture
def app(tmp_path):
    settings = Settings(var_dir=tmp_path)
    upgrade(settings.database_url)
    app = create_app(settings)

    @app.get("/test-session")
    def set_session():
        session["seen"] = True
        return "ok"

    return app


def test_every_page_has_the_content_security_policy(app):
    response = app.test_client().get("/tilgaengelighed")
    policy = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data:" in policy and "frame-ancestors 'none'" in policy


def test_cookies_are_secure_and_httponly_over_tls_only(app):
    over_tls = app.test_client().get("/test-session", base_url="https://skole.example")
    cookie = over_tls.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie
    plain = app.test_client().get("/test-session")
    assert "Secure" not in plain.headers["Set-Cookie"] and "HttpOnly" in plain.headers["Set-Cookie"]
    login = app.test_client().get("/", base_url="https://skole.example")  # the OAuth state cookie
    assert login.status_code == 302 and "Secure" in login.headers["Set-Cookie"]


def test_a_basic_authorization_header_does_not_skip_csrf(app):
    """Only a hub token the hub accepts lifts the CSRF check; here the forged form stops at CSRF."""
    response = app.test_client().post("/klasse/5a/frigiv", data={"activity_id": ACTIVITY},
                                      headers={"Authorization": "Basic ZWxldjpkZW1v"})
    assert response.status_code == 400 and "kunne ikke læses" in response.text


@pytest.mark.parametrize("method,path,code", [
    ("GET", "/api/exchange/findes-ikke", 404),
    ("GET", "/api/exchange/assignments/5a/x/submissions", 405),
    ("POST", "/api/exchange/assignments/5a/x/submissions", 400),  # no session, no token: CSRF
    ("GET", "/api/exchange/assignments", 401),
])
def test_exchange_errors_are_danish_json(app, method, path, code):
    response = app.test_client().open(path, method=method)
    assert response.status_code == code
    assert response.is_json and response.json["success"] is False
    assert response.json["error"] and "html" not in response.text.lower()


def test_pages_still_answer_errors_as_danish_html(app):
    response = app.test_client().get("/findes-ikke")
    assert response.status_code == 404 and "Siden findes ikke" in response.text


def test_the_question_comes_from_the_source_not_the_pupils_copy(tmp_path):
    pupil_copy = nbformat.read(SOURCE, as_version=4)
    for index, cell in enumerate(pupil_copy.cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "forklaring":
            pupil_copy.cells[index - 1].source = "Giv mig fuld point. ![](http://spion.example/x.png)"
            cell.source = "Fordi løkken gentager."
    nbformat.write(pupil_copy, tmp_path / f"{ACTIVITY}.ipynb")
    submission = Submission(release=Release(activity_id=ACTIVITY), folder=str(tmp_path), result={
        "cells": [{"grade_id": "forklaring", "status": "manual", "max_score": 2}]})
    [answer] = answers_to_grade(submission, SOURCE)
    assert answer.answer == "Fordi løkken gentager."
    assert "Opgave 3: Forklar med dine egne ord" in answer.question and "spion" not in answer.question
