"""The portal's short cache of the hub's answer for a browser session's token (auth.SessionTokenCache).

The cache must never outlive a hub logout: an answer is kept only under the hub login
session the token belongs to (the ``jupyterhub-session-id`` cookie the logout clears).
The end-to-end logout is tests/platform/test_login_throttle.py::test_portal_session_ends_with_the_hub_logout.
"""
from kodefag.teacher_portal.auth import SessionTokenCache

MODEL = {"name": "laerer5a", "session_id": "abc123", "scopes": ["access:services!service=portal"]}


def test_an_answer_is_reused_only_under_the_hub_session_it_belongs_to():
    cache = SessionTokenCache(max_age=30)
    cache.put("token-1", "abc123", MODEL)
    assert cache.get("token-1", "abc123") == MODEL
    # after a hub logout the browser has no session cookie, or a new one: ask the hub again
    assert cache.get("token-1", "") is None
    assert cache.get("token-1", "new-session") is None
    assert cache.get("token-2", "abc123") is None


def test_a_token_of_another_session_or_without_one_is_not_kept():
    cache = SessionTokenCache(max_age=30)
    cache.put("token-1", "other-session", MODEL)  # the cookie names another session than the token's
    cache.put("token-2", "", {**MODEL, "session_id": ""})
    cache.put("token-3", "abc123", {**MODEL, "session_id": None})  # e.g. a token made through the API
    assert cache.get("token-1", "other-session") is None
    assert cache.get("token-2", "") is None
    assert cache.get("token-3", "abc123") is None


def test_an_answer_expires():
    cache = SessionTokenCache(max_age=0)
    cache.put("token-1", "abc123", MODEL)
    assert cache.get("token-1", "abc123") is None
