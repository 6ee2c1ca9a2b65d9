"""Malformed and deeply nested JSON is a 400 with a Danish reason, never a crash."""
import pytest
from flask import request
from werkzeug.exceptions import BadRequest

from kodefag.settings import Settings
from kodefag.teacher_portal.app import create_app

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture
def app(tmp_path):
    return create_app(Settings(var_dir=tmp_path))


@pytest.mark.parametrize("body", [DEEP, '{"code": ', "\xff\xfe"])
def test_a_bad_json_body_is_a_bad_request(app, body):
    with app.test_request_context("/microbit/check", method="POST", data=body, content_type="application/json"):
        with pytest.raises(BadRequest):
            request.get_json()
        assert request.get_json(silent=True) is None


def test_the_bad_request_answer_is_danish_json_for_programs(app):
    @app.post("/ekko")
    def echo():
        return {"ekko": request.get_json()}

    app.config["WTF_CSRF_ENABLED"] = False
    response = app.test_client().post("/ekko", data=DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "kunne ikke læses" in response.get_json()["error"]
