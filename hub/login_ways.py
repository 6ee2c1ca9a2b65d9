"""The youngest pupils' ways into the hub: QR login cards and picture login (issue 10).

Both are JupyterHub handlers the :class:`~.authenticator.RosterAuthenticator` registers
(``get_handlers``); both log in through ``authenticate`` and so through the one login
throttle (``login_through_throttle``). Neither needs JavaScript.

- ``/hub/kort?key=<token>`` - the URL in a login card's QR code. Opening it logs the
  card's pupil in and takes them to their activities in the portal. Only a camera, a typed
  address or the platform's own pages may open it (``Sec-Fetch-Site``): a link on another
  site cannot log a pupil in as someone else (login CSRF) or log them out.
- ``/hub/billeder`` -> ``/hub/billeder/<class>`` -> ``/hub/billeder/<class>/<pupil>``:
  choose the class, tap your own name and symbol, then tap your 3 pictures (each tap is
  a form post that keeps the pictures chosen so far; the third one checks the code).

On a shared tablet the previous pupil's hub session (and the tokens it gave the portal
and servers) ends when the next pupil logs in.
"""
import time

from jupyterhub.handlers.base import BaseHandler
from jupyterhub.handlers.login import LoginHandler
from jupyterhub.utils import url_path_join
from tornado import web

from kodefag.settings import get_settings
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.login_cards import CARD_PARAMETER, CARD_PATH
from kodefag.teacher_portal.login_pictures import CODE_PICTURES, picture_svg, symbol_svg, symbol_word
from kodefag.teacher_portal.models import SchoolClass
from kodefag.teacher_portal.picture_login import (CODE_LENGTH, classes_with_picture_login,
                                                  pupils_with_picture_login, short_name)

CARD_REFUSED = ("Det kort virker ikke. Måske har du fået et nyt kort? "
                "Spørg din lærer, eller log ind på en anden måde.")
CARD_FROM_ANOTHER_SITE = "Hold dit login-kort op foran kameraet igen for at logge ind."
#: where a card URL may be opened from (Fetch Metadata): a camera or a typed address ("none"),
#: or the platform itself; a link on another site must not log anyone in or out
CARD_SOURCES = ("none", "same-origin", "same-site")
WRONG_PICTURES = "Det var ikke de rigtige billeder. Prøv igen!"


def pupil_landing(handler: BaseHandler) -> str:
    """Where a card or picture login leads: the pupil's activities on the portal."""
    return url_path_join(handler.base_url, get_settings().portal_prefix.lstrip("/"))


async def log_in(handler: BaseHandler, data: dict):
    """Authenticate ``data`` (through the authenticator and its throttle) and set the login cookie.

    Returns the hub user or None; raises the throttle's 429. Like JupyterHub's
    ``login_user``, except that another user still logged in on this browser is
    logged out first, so their portal and server sessions end too."""
    model = await handler.authenticate(data)
    if not model:
        return None
    previous = handler.current_user
    if previous is not None and previous.name != model["name"]:
        handler.clear_login_cookie()
    user = await handler.auth_to_user(model)
    handler.set_login_cookie(user)
    user._auth_refreshed = time.monotonic()
    handler.log.info("User logged in: %s (%s)", user.name, ", ".join(sorted(data)))
    return user


def _no_trace(handler: BaseHandler) -> None:
    """Pages carrying a card token or a code: never cached, never sent on as a Referer."""
    handler.set_header("Cache-Control", "no-store")
    handler.set_header("Referrer-Policy", "no-referrer")


class CardLoginHandler(LoginHandler):
    """``GET /hub/kort?key=...``: the login card's QR code."""

    async def get(self):
        _no_trace(self)
        token = self.get_argument(CARD_PARAMETER, default="", strip=True)[:200]
        if self.request.headers.get("Sec-Fetch-Site", "none") not in CARD_SOURCES:
            self.log.warning("Card login from another site refused (%s)", self.request.headers.get("Referer", "-"))
            return await self._login_page(CARD_FROM_ANOTHER_SITE, 403)
        try:
            user = await log_in(self, {"card": token}) if token else None
        except web.HTTPError as error:
            if error.status_code != 429:
                raise
            return await self._login_page(getattr(error, "jupyterhub_message", CARD_REFUSED), 429)
        if user is None:
            return await self._login_page(CARD_REFUSED, 403)
        self.redirect(pupil_landing(self))

    async def _login_page(self, message: str, status: int):
        """The ordinary login page with a Danish message, so the pupil can log in another way."""
        self.set_status(status)
        self.finish(await self._render(login_error=message, kodefag_message=True))


class PictureLoginHandler(BaseHandler):
    """The three steps of the picture login (class, pupil, pictures)."""

    def _render_page(self, **ns):
        _no_trace(self)
        return self.render_template("picture_login.html", symbol_svg=symbol_svg, symbol_word=symbol_word,
                                    picture_svg=picture_svg, code_pictures=CODE_PICTURES,
                                    code_length=CODE_LENGTH, short_name=short_name,
                                    start_url=url_path_join(self.hub.base_url, "billeder"), **ns)

    def _database(self):
        return session_scope(get_settings().database_url)

    def _class_and_pupils(self, session, slug: str):
        school_class = session.query(SchoolClass).filter_by(slug=slug).one_or_none()
        if school_class is None or school_class.ended_at is not None:
            raise web.HTTPError(404)
        pupils = pupils_with_picture_login(session, school_class)
        if not pupils:
            raise web.HTTPError(404)
        return school_class, pupils

    async def get(self, slug: str | None = None, username: str | None = None):
        with self._database() as session:
            if slug is None:
                classes = classes_with_picture_login(session)
                return self.finish(await self._render_page(step="klasse", classes=classes))
            school_class, pupils = self._class_and_pupils(session, slug)
            if username is None:
                return self.finish(await self._render_page(step="navn", school_class=school_class, pupils=pupils))
            pupil = next(((p, s) for p, s in pupils if p.username == username), None)
            if pupil is None:
                raise web.HTTPError(404)
            return self.finish(await self._render_page(step="kode", school_class=school_class, pupil=pupil,
                                                       chosen=[]))

    async def post(self, slug: str | None = None, username: str | None = None):
        if slug is None or username is None:
            raise web.HTTPError(405)
        with self._database() as session:
            school_class, pupils = self._class_and_pupils(session, slug)
            pupil = next(((p, s) for p, s in pupils if p.username == username), None)
            if pupil is None:
                raise web.HTTPError(404)
        chosen = [p for p in self.get_body_argument("valgt", "").split("-") if p in CODE_PICTURES][:CODE_LENGTH]
        if self.get_body_argument("slet", None) is not None:
            chosen = chosen[:-1]
        picked = self.get_body_argument("billede", "")
        if picked in CODE_PICTURES:
            chosen.append(picked)
        message, status = None, 200
        if len(chosen) == CODE_LENGTH:
            try:
                user = await log_in(self, {"username": username, "picture_code": "-".join(chosen)})
            except web.HTTPError as error:
                if error.status_code != 429:
                    raise
                user, message, status = None, getattr(error, "jupyterhub_message", WRONG_PICTURES), 429
            if user is not None:
                return self.redirect(pupil_landing(self))
            message, status, chosen = message or WRONG_PICTURES, (status if message else 403), []
        self.set_status(status)
        self.finish(await self._render_page(step="kode", school_class=school_class, pupil=pupil,
                                            chosen=chosen, message=message))


#: what the authenticator adds to the hub's handlers (below the hub's base URL)
HANDLERS = [
    (f"/{CARD_PATH}", CardLoginHandler),
    (r"/billeder", PictureLoginHandler),
    (r"/billeder/([a-z0-9-]+)", PictureLoginHandler),
    (r"/billeder/([a-z0-9-]+)/([a-z0-9._-]+)", PictureLoginHandler),
]
