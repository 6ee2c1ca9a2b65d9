"""The micro:bit page (Flask blueprint) in a tiny app, and in Chromium with and without WebUSB."""
import threading

import pytest
from flask import Flask
from werkzeug.serving import make_server

from kodefag.microbit import web
from kodefag.microbit.runtimes import read_files
from kodefag.settings import get_settings
from kodefag.worker.handle import handle_next

PROGRAM = "from microbit import *\nwhile True:\n    display.show(Image.HEART)\n    sleep(500)\n"


def _app(allow=True) -> Flask:
    app = Flask(__name__)
    app.config.update(MICROBIT_ALLOW_ANONYMOUS=allow, TESTING=True, SETTINGS=get_settings())
    app.register_blueprint(web.blueprint, url_prefix="/microbit")
    return app


@pytest.fixture
def client():
    return _app().test_client()


def test_routes_refuse_without_a_user():
    client = _app(allow=False).test_client()
    assert client.get("/microbit/").status_code == 403
    assert client.post("/microbit/hex", json={"code": PROGRAM}).status_code == 403


def test_page_offers_both_ways_and_opens_lessons(client):
    page = client.get("/microbit/").get_data(as_text=True)
    assert "Send til micro:bit" in page and "Hent .hex" in page and "MICROBIT" in page
    lesson = client.get("/microbit/?lesson=mb-terning").get_data(as_text=True)
    assert "<h1>Terning</h1>" in lesson and "random.randint" in lesson and "display.show(1)" in lesson
    sneaky = client.get("/microbit/?lesson=../../etc").get_data(as_text=True)
    assert "display.show(Image.HEART)" in sneaky


def test_form_download_builds_the_universal_hex(client):
    response = client.post("/microbit/hex", data={"code": PROGRAM, "lesson": "mb-terning"})
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"] and "mb-terning.hex" in response.headers["Content-Disposition"]
    files = read_files(response.get_data(as_text=True))
    assert files[1]["main.py"] == files[2]["main.py"] == PROGRAM.encode()


def test_json_hex_and_danish_check_messages(client):
    ok = client.post("/microbit/hex", json={"code": PROGRAM}).get_json()
    assert ok["ok"] and ok["hex"].startswith(":020000040000FA")
    bad = client.post("/microbit/hex", json={"code": "from microbit import *\nnavn = 'a'\ndisplay.scroll(f'{navn}')\n"})
    assert bad.status_code == 422 and "linje 3" in bad.get_json()["report"] and "f-strenge" in bad.get_json()["report"]
    form = client.post("/microbit/hex", data={"code": "while True\n  pass\n"})
    assert form.status_code == 422 and "kolon" in form.get_data(as_text=True)
    empty = client.post("/microbit/hex", json={"code": "   "})
    assert empty.status_code == 400 and "ingen kode" in empty.get_json()["report"]
    junk = client.post("/microbit/check", json={"code": "abc\x00\x01"})
    assert junk.status_code == 400 and "binære" in junk.get_json()["report"]


def simulate(client, body) -> dict:
    """Queue a simulation, let a worker's wake-up run it, poll for the trace (as the page does)."""
    queued = client.post("/microbit/simulate", json=body)
    assert queued.status_code == 202, queued.get_json()
    assert client.get(queued.get_json()["poll"]).get_json() == {"state": "queued"}  # not run by the web request
    handle_next(get_settings())
    return client.get(queued.get_json()["poll"]).get_json()


def test_simulate_endpoint(client):
    trace = simulate(client, {"code": PROGRAM, "seconds": 2})
    assert trace["state"] == "done" and trace["error"] is None and trace["display"][0][1] == "09090:99999:99999:09990:00900"
    assert trace["frames"][1] == "09090:99999:99999:09990:00900" and trace["step_ms"] == 100
    dice = "from microbit import *\nwhile True:\n    if accelerometer.was_gesture('shake'):\n        display.show(5)\n    sleep(50)\n"
    shaken = simulate(client, {"code": dice, "seconds": 2, "inputs": "shake@500, shake@900"})
    assert [value for _, value in shaken["display"]] == ["5", "5"]
    bad = client.post("/microbit/simulate", json={"code": PROGRAM, "inputs": ["hop"]})
    assert bad.status_code == 400 and "Kan ikke forstå" in bad.get_json()["error"]


@pytest.fixture
def served_page():
    server = make_server("127.0.0.1", 0, _app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/microbit/"
    server.shutdown()


@pytest.mark.browser
def test_browser_with_webusb_gets_the_send_button(browser, served_page):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served_page)
    assert page.evaluate("'usb' in navigator")
    assert page.get_attribute("body", "data-usb") == "ja"
    assert page.is_visible("#send-usb") and not page.is_visible("#fallback-help")
    page.fill("#code", "from microbit import *\ndisplay.scrol('x')\n")
    page.click("#check")
    page.wait_for_function("document.getElementById('status').textContent.includes('linje 2')")
    if web.BUNDLE.is_file():  # built by `make assets`
        page.wait_for_function("!!window.kodefagMicrobit && typeof window.kodefagMicrobit.sendToMicrobit === 'function'")
    context.close()


@pytest.mark.browser
def test_browser_without_webusb_gets_download_and_instructions(browser, served_page):
    context = browser.new_context(accept_downloads=True)
    context.add_init_script("delete Navigator.prototype.usb;")
    page = context.new_page()
    page.goto(served_page)
    assert page.get_attribute("body", "data-usb") == "nej"
    assert not page.is_visible("#send-usb")
    assert page.is_visible("#fallback-help") and "Træk den hentede .hex-fil" in page.inner_text("#fallback-help")
    with page.expect_download() as download_info:
        page.click("#download")
    path = download_info.value.path()
    files = read_files(open(path).read())
    assert files[1]["main.py"].startswith(b"from microbit import *")
    context.close()


def test_inside_the_portal_strangers_are_sent_to_the_hub_login(tmp_path):
    from kodefag.settings import Settings
    from kodefag.teacher_portal.app import create_app

    app = create_app(Settings(var_dir=tmp_path))
    client = app.test_client()
    page = client.get("/microbit/")
    assert page.status_code == 302 and "oauth2/authorize" in page.headers["Location"]
    assert client.post("/microbit/hex", data={"code": PROGRAM}).status_code in (400, 401, 403)


def test_hex_and_simulation_take_the_pupils_modules(client):
    main = "from microbit import *\nimport hjaelp\ndisplay.scroll(hjaelp.NAVN)\n"
    built = client.post("/microbit/hex", json={"code": main, "modules": {"hjaelp.py": "NAVN = 'Ida'\n"}}).get_json()
    assert built["ok"], built
    files = read_files(built["hex"])
    assert files[1]["hjaelp.py"] == b"NAVN = 'Ida'\n" and files[1]["main.py"] == main.encode()
    missing = client.post("/microbit/hex", json={"code": main, "modules": {"../x.py": "NAVN = 1\n"}})
    assert missing.status_code == 422  # a bad file name is not taken, so the import is missing
    trace = simulate(client, {"code": main, "seconds": 3, "modules": {"hjaelp.py": "NAVN = 'Ida'\n"}})
    assert trace["error"] is None and [value for _, value in trace["display"]][:1] == ["Ida"]


def test_browser_simulator_gets_the_engines_tables_and_a_locked_worker(client):
    data = client.get("/microbit/sim-data.json").get_json()
    assert data["images"]["HEART"] == "09090:99999:99999:09990:00900" and data["font"]["65"].startswith("09900")
    assert data["tunes"]["BA_DING"] == ["b5:1", "e6:3"]
    worker = client.get("/microbit/static/microbit/simworker.js")  # built by make assets (build.sh)
    assert worker.status_code == 200
    assert worker.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "connect-src blob:" in worker.headers["Content-Security-Policy"]
    assert worker.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    assert "Content-Security-Policy" not in client.get("/microbit/static/microbit/kodefag-editor.js").headers
