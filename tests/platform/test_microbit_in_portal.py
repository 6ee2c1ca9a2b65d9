"""The micro:bit page is part of the portal: logged-in users only, Danish, builds a hex."""
import pytest
import requests

pytestmark = pytest.mark.hub
PAGE = "/services/portal/microbit/"


def test_pupil_opens_a_lesson_and_gets_a_hex(hub):
    page = hub.api("elev5a01", "GET", PAGE, params={"lesson": "mb-skridttaeller"})
    assert page.status_code == 200
    assert "Send til micro:bit" in page.text and 'lang="da"' in page.text
    code = "from microbit import *\ndisplay.scroll('Hej')\n"
    built = hub.api("elev5a01", "POST", PAGE + "hex", data={"code": code})
    assert built.status_code == 200, built.text[:300]
    assert built.content.startswith(b":") and len(built.content) > 100_000  # a Universal Hex


def test_strangers_cannot_use_the_micro_bit_page(hub):
    assert requests.get(hub.url(PAGE), allow_redirects=False).status_code in (302, 401, 403)
