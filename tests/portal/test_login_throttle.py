"""The one login throttle, on SQLite and PostgreSQL: per account, per address, unlock."""
import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, update

from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.login_throttle import (ACCOUNT_LOCKED, ADDRESS_BLOCKED, LoginThrottled, ThrottlePolicy,
                                                   attempt_login, blocked_addresses, lift_address_block,
                                                   locked_accounts, unlock)
from kodefag.teacher_portal.models import AuditEntry, LoginFailure
from kodefag.teacher_portal.roster import check_password, find_user

POLICY = ThrottlePolicy(failures_per_account=5, failures_per_address=20, window=dt.timedelta(minutes=15))


def login(url, username, password, address="10.1.2.3", method="password", policy=POLICY):
    with session_scope(url) as session:
        user = attempt_login(session, username, address, lambda: check_password(session, username, password),
                             method=method, policy=policy)
        return user.username if user else None


def fail(url, username, address="10.1.2.3"):
    """A wrong credential (the throttle is under test here, not argon2)."""
    with session_scope(url) as session:
        assert attempt_login(session, username, address, lambda: None, method="password", policy=POLICY) is None


def test_account_locks_after_five_failures_and_the_right_password_is_refused(seeded):
    url = seeded.database_url
    for _ in range(5):
        assert login(url, "elev5a01", "forkert") is None
    with pytest.raises(LoginThrottled) as refused:
        login(url, "elev5a01", "demo")
    assert refused.value.message == ACCOUNT_LOCKED and "lærer" in refused.value.message
    assert "locked" in str(refused.value)  # English for the operators' log
    # another pupil at the same computer is not affected
    assert login(url, "elev5a02", "demo") == "elev5a02"
    # the same limit for every way of logging in: a QR card for the locked pupil is refused too
    with pytest.raises(LoginThrottled):
        login(url, "elev5a01", "demo", method="qr")


def test_fewer_failures_then_success_resets_the_count(seeded):
    url = seeded.database_url
    for _ in range(4):
        fail(url, "elev5a01")
    assert login(url, "elev5a01", "demo") == "elev5a01"
    for _ in range(4):
        fail(url, "elev5a01")
    assert login(url, "elev5a01", "demo") == "elev5a01"


def test_a_locked_account_never_checks_the_credential(seeded):
    url = seeded.database_url
    for typed in ("elev5a03", "ELEV5A03", " Elev5a03", "elev5a03 ", "eLev5a03"):  # one account, however typed
        login(url, typed, "forkert")
    checked = []
    with session_scope(url) as session, pytest.raises(LoginThrottled):
        attempt_login(session, "elev5a03", "10.1.2.3", lambda: checked.append(1), method="picture", policy=POLICY)
    assert checked == []


def test_fifty_wrong_passwords_at_once_check_at_most_five(seeded):
    """The issue's case: 50 wrong passwords in a burst, then the right one."""
    url = seeded.database_url
    checked = []

    def one_try(_):
        with session_scope(url) as session:
            try:
                return attempt_login(session, "elev5b01", "10.9.9.9",
                                     lambda: checked.append(1) or check_password(session, "elev5b01", "gæt"),
                                     method="password", policy=POLICY)
            except LoginThrottled:
                return "refused"

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(one_try, range(50)))
    assert len(checked) <= 5 and outcomes.count("refused") >= 45
    with pytest.raises(LoginThrottled):
        login(url, "elev5b01", "demo", address="10.9.9.9")


def test_teacher_unlock_lets_the_pupil_in_and_is_audited(seeded):
    url = seeded.database_url
    for _ in range(5):
        fail(url, "elev5a01")
    with session_scope(url) as session:
        locks = locked_accounts(session, POLICY)
        assert set(locks) == {"elev5a01"}
        assert locks["elev5a01"] > dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        unlock(session, "elev5a01", find_user(session, "laerer5a"))
    assert login(url, "elev5a01", "demo") == "elev5a01"
    with session_scope(url) as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "login.unlock"))
        assert (entry.actor, entry.subject) == ("laerer5a", "elev5a01")
        assert locked_accounts(session, POLICY) == {}


def test_lock_ends_by_itself_when_the_window_has_passed(seeded):
    url = seeded.database_url
    for _ in range(5):
        fail(url, "elev5a01")
    with session_scope(url) as session:  # the failures are 16 minutes old
        session.execute(update(LoginFailure).values(at=LoginFailure.at - dt.timedelta(minutes=16)))
    assert login(url, "elev5a01", "demo") == "elev5a01"
    with session_scope(url) as session:
        assert session.scalar(select(LoginFailure.id)) is None  # old failures are forgotten


def test_address_is_blocked_after_many_failures_on_many_accounts(seeded):
    """Password spraying: one wrong guess on each of many accounts from one address."""
    url = seeded.database_url
    for n in range(20):
        fail(url, f"gaet{n}", address="10.7.7.7")
    with pytest.raises(LoginThrottled) as refused:
        login(url, "elev5a01", "demo", address="10.7.7.7")
    assert refused.value.message == ADDRESS_BLOCKED
    assert login(url, "elev5a01", "demo", address="10.7.7.8") == "elev5a01"  # other addresses are fine
    with session_scope(url) as session:
        assert set(blocked_addresses(session, POLICY)) == {"10.7.7.7"}
        assert locked_accounts(session, POLICY) == {}  # no single account had five
        lift_address_block(session, "10.7.7.7", find_user(session, "leder"))
    assert login(url, "elev5a01", "demo", address="10.7.7.7") == "elev5a01"


def test_pupils_who_left_cannot_log_in(seeded):
    url = seeded.database_url
    with session_scope(url) as session:
        find_user(session, "elev5a02").left_at = dt.datetime(2026, 6, 30)
    assert login(url, "elev5a02", "demo") is None


def test_unknown_method_is_a_programming_error(seeded):
    with session_scope(seeded.database_url) as session, pytest.raises(ValueError):
        attempt_login(session, "elev5a01", None, lambda: None, method="fingerprint", policy=POLICY)
