"""The ONE login throttle: every way of logging in goes through :func:`attempt_login`.

Password login (``hub/authenticator.py``), QR login cards and picture login call the
same function, so a child guessing, a classmate trying someone else's card and a script
spraying passwords all meet the same limits (``KODEFAG_LOGIN_*`` settings):

- **per account:** after ``login_failures_per_account`` failed logins within the window
  the account is locked until the window has passed or a teacher unlocks it
  (:func:`unlock`, the portal's page *Låste konti*);
- **per address:** after ``login_failures_per_address`` failed logins from one IP address
  within the window every login from it is refused until the window has passed or a
  school administrator lifts the block (:func:`lift_address_block`). That limit is high
  because a whole school often reaches us through one address.

A refused login never checks the credential, so guessing on a locked account learns
nothing, and it still counts: whoever keeps hammering a locked account keeps it locked.
Each attempt is written (and committed) *before* the credential is checked and removed
again only when it succeeds, so fifty logins sent at once are counted together instead
of each one seeing an empty history.

Usage from any login handler::

    user = attempt_login(session, username, address, lambda: check(session, ...),
                         method="qr", policy=ThrottlePolicy.from_settings(settings))
    # raises LoginThrottled (show .message to the person), returns the user or None
"""
import datetime as dt
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from . import audit
from .models import LoginFailure, User, utcnow

ACCOUNT_LOCKED = ("Du har prøvet for mange gange, så din konto er låst lige nu. "
                  "Spørg din lærer - læreren kan låse op for dig.")
ADDRESS_BLOCKED = ("Der er prøvet for mange forkerte logins fra denne computer. "
                   "Vent et kvarter, eller spørg din lærer.")
#: the ways of logging in; each counts against the same limits
METHODS = ("password", "qr", "picture", "unilogin")


class LoginThrottled(Exception):
    """The login was refused before its credential was checked.

    ``message`` is the Danish sentence for the person at the login page;
    ``str(error)`` is the English reason for operators' logs.
    """

    def __init__(self, message: str, reason: str):
        super().__init__(reason)
        self.message = message


@dataclass(frozen=True)
class ThrottlePolicy:
    failures_per_account: int = 5
    failures_per_address: int = 100
    window: dt.timedelta = dt.timedelta(minutes=15)

    @classmethod
    def from_settings(cls, settings) -> "ThrottlePolicy":
        return cls(failures_per_account=settings.login_failures_per_account,
                   failures_per_address=settings.login_failures_per_address,
                   window=dt.timedelta(minutes=settings.login_window_minutes))


def account_key(username: str) -> str:
    """The name failures are counted under: what was typed, trimmed and lower-cased."""
    return (username or "").strip().lower()[:64]


def attempt_login(session: Session, username: str, address: str | None,
                  verify: Callable[[], User | None], *, method: str,
                  policy: ThrottlePolicy) -> User | None:
    """Check one login through the throttle.

    ``username`` is the account the attempt is for (typed, or named by a card);
    ``address`` the client's IP address; ``verify()`` checks the credential and returns
    the user or None. Returns what ``verify`` returned; raises :class:`LoginThrottled`
    without calling ``verify`` when the account or the address is locked. Commits
    ``session`` (the attempt must be visible to concurrent logins before it is checked).
    """
    if method not in METHODS:
        raise ValueError(f"unknown login method {method!r}")
    key, address = account_key(username), (address or "unknown")[:64]
    now = utcnow()
    since = now - policy.window
    session.execute(delete(LoginFailure).where(LoginFailure.at < since))
    attempt = LoginFailure(username=key, address=address, method=method, at=now)
    session.add(attempt)
    session.commit()
    earlier = select(func.count()).select_from(LoginFailure).where(
        LoginFailure.at >= since, LoginFailure.id != attempt.id)
    refusal = None
    if session.scalar(earlier.where(LoginFailure.username == key)) >= policy.failures_per_account:
        refusal = LoginThrottled(ACCOUNT_LOCKED, f"account {key!r} locked after too many failed logins")
    elif session.scalar(earlier.where(LoginFailure.address == address)) >= policy.failures_per_address:
        refusal = LoginThrottled(ADDRESS_BLOCKED, f"address {address} blocked after too many failed logins")
    if refusal is not None:
        raise refusal  # the attempt stays counted: hammering a locked account keeps it locked
    user = verify()
    if user is not None:
        # a successful login clears the account's failures (not the address's others)
        session.execute(delete(LoginFailure).where(LoginFailure.username == key))
    session.commit()
    return user


def _locks(session: Session, column, limit: int, policy: ThrottlePolicy) -> dict[str, dt.datetime]:
    """Keys (accounts or addresses) at or over the limit -> when the lock ends by itself (UTC)."""
    since = utcnow() - policy.window
    rows = session.execute(select(column, LoginFailure.at).where(LoginFailure.at >= since)
                           .order_by(LoginFailure.at.desc())).all()
    times: dict[str, list[dt.datetime]] = {}
    for key, at in rows:
        times.setdefault(key, []).append(at)
    return {key: stamps[limit - 1] + policy.window for key, stamps in times.items() if len(stamps) >= limit}


def locked_accounts(session: Session, policy: ThrottlePolicy) -> dict[str, dt.datetime]:
    """Locked account keys -> when each lock ends by itself (UTC, naive)."""
    return _locks(session, LoginFailure.username, policy.failures_per_account, policy)


def blocked_addresses(session: Session, policy: ThrottlePolicy) -> dict[str, dt.datetime]:
    """Blocked IP addresses -> when each block ends by itself (UTC, naive)."""
    return _locks(session, LoginFailure.address, policy.failures_per_address, policy)


def unlock(session: Session, username: str, actor: User) -> None:
    """A teacher (or administrator) unlocks an account: its failed logins are forgotten."""
    session.execute(delete(LoginFailure).where(LoginFailure.username == account_key(username)))
    audit.record(session, actor, "login.unlock", subject=account_key(username))


def lift_address_block(session: Session, address: str, actor: User) -> None:
    """A school administrator lifts the block of one address."""
    session.execute(delete(LoginFailure).where(LoginFailure.address == address))
    audit.record(session, actor, "login.unblock_address", address=address)
