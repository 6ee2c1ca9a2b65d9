"""The pupil's micro:bit page: write or open a lesson, check, try, send to micro:bit.

A Flask blueprint the teacher portal mounts (``/services/portal/microbit/``).
"Send til micro:bit" flashes over WebUSB (Chrome/Edge) with the bundled
@microbit/microbit-connection; other browsers get "Hent .hex" and Danish
instructions to drag the file onto the MICROBIT drive. The .hex is built on
the server from the posted code, after the same check as ``kodefag microbit check``.

Access: the app that mounts the blueprint says who may use it, through two
config keys: ``MICROBIT_GUARD`` (a function run before every route: returns a
response to refuse, or None) and ``MICROBIT_USER`` (a function returning the
user's name; simulations are queued for that user). The portal sets both to its
own login and role check. Without a guard every route is refused, unless
``MICROBIT_ALLOW_ANONYMOUS`` is set (tests, a demo laptop).

Simulations never run in the web process: ``/simulate`` queues a
``microbit-simulation`` run job on the fair queue (kodefag.queue) and answers
202 with the address to poll; a grading worker runs it in the sandbox.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from flask import Blueprint, abort, current_app, jsonify, render_template, request, send_file, url_for
import mistune
from markupsafe import Markup

from kodefag.jobs import RunJob
from kodefag.microbit.check import as_dicts, check_files, check_source, has_errors, report
from kodefag.microbit.hexbuild import BuildError, build_hex
from kodefag.microbit.lessons import lesson_dir, list_lessons
from kodefag.microbit.simulator import InputError
from kodefag.microbit.images import BUILTIN_IMAGES, FONT, TUNES
from kodefag.microbit.simulator.request import scripted_inputs
from kodefag.queue import enqueue, run_state
from kodefag.task_text import pupil_text

blueprint = Blueprint("microbit", __name__, template_folder="web/templates", static_folder="web/static",
                      static_url_path="/static/microbit")

MAX_CODE_BYTES = 64 * 1024
#: built by microbit/web/build.sh (make assets); without it the page offers download only
BUNDLE = Path(__file__).resolve().parent / "web" / "static" / "microbit-send.js"
FILENAME = re.compile(r"[^A-Za-z0-9_-]+")
MODULE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,30}\.py")
#: the browser simulator's worker runs the pupil's program: it may load its own code and the
#: MicroPython runtime handed to it as a blob, and reach nothing else (no fetch, no XHR, no sockets)
WORKER_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src blob:",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@blueprint.before_request
def require_user():
    """Access check for every route of the blueprint (see the module docstring)."""
    guard = current_app.config.get("MICROBIT_GUARD")
    if guard is not None:
        return guard()
    if not current_app.config.get("MICROBIT_ALLOW_ANONYMOUS"):
        abort(403)
    return None


def _user() -> str:
    user = current_app.config.get("MICROBIT_USER")
    return user() if user is not None else "anonym"


def _may_see_solutions() -> bool:
    """Teachers open a lesson's solution in the simulator (``MICROBIT_MAY_SEE_SOLUTIONS``)."""
    check = current_app.config.get("MICROBIT_MAY_SEE_SOLUTIONS")
    return bool(check and check())


def _readme_html(text: str) -> Markup:
    """The lesson's README as HTML for the page (Markdown, raw HTML escaped)."""
    return Markup(mistune.create_markdown(escape=True)(text))


def _posted_code() -> tuple[str | None, str | None]:
    """The code from a JSON body or a form; (code, Danish problem)."""
    data = request.get_json(silent=True) if request.is_json else request.form
    code = (data or {}).get("code")
    if not isinstance(code, str) or not code.strip():
        return None, "Der er ingen kode. Skriv dit program først."
    if len(code.encode("utf-8")) > MAX_CODE_BYTES:
        return None, "Programmet er alt for langt til en micro:bit."
    if "\x00" in code:
        return None, "Koden indeholder binære data - indsæt et Python-program."
    return code.replace("\r\n", "\n"), None


def _check(code: str) -> list:
    return check_source(code)


def _posted_modules() -> dict[str, str]:
    """Other files of the pupil's project ({"hjaelp.py": ...}) from a JSON body; bad names are left out."""
    data = request.get_json(silent=True) if request.is_json else None
    modules = (data or {}).get("modules") or {}
    if not isinstance(modules, dict):
        return {}
    return {name: text for name, text in modules.items() if isinstance(name, str) and MODULE_NAME.fullmatch(name)
            and name != "main.py" and isinstance(text, str) and len(text.encode("utf-8")) <= MAX_CODE_BYTES}


@blueprint.after_request
def isolate_simulator_worker(response):
    """The simulator's worker script gets its own locked-down policy (see WORKER_HEADERS)."""
    if request.endpoint == "microbit.static" and (request.view_args or {}).get("filename") == "simworker.js":
        response.headers.update(WORKER_HEADERS)
    return response


@blueprint.get("/sim-data.json")
def sim_data():
    """Images, font and tunes of the V1 firmware for the browser simulator (the engine's own tables)."""
    return jsonify(images=BUILTIN_IMAGES, font=FONT, tunes=TUNES)


@blueprint.get("/")
def page():
    lesson_id = request.args.get("lesson", "")
    starter, readme = "", ""
    folder = lesson_dir(lesson_id) if lesson_id else None
    if folder is not None:
        program = "solution.py" if request.args.get("program") == "solution" and _may_see_solutions() else "starter.py"
        starter = (folder / program).read_text(encoding="utf-8")
        readme = (folder / "README.md").read_text(encoding="utf-8")
        # only staff read the teacher's part ("Til læreren", typical mistakes)
        readme = _readme_html(readme if _may_see_solutions() else pupil_text(readme))
    else:
        lesson_id = ""
        starter = "from microbit import *\n\nwhile True:\n    display.show(Image.HEART)\n    sleep(500)\n"
    has_bundle = (BUNDLE).is_file()
    return render_template("microbit/page.html", lessons=list_lessons(), lesson_id=lesson_id, code=starter,
                           readme=readme, has_bundle=has_bundle)


@blueprint.post("/check")
def check():
    code, problem = _posted_code()
    if code is None:
        return jsonify(ok=False, problems=[], report=problem), 400
    files = {"main.py": code, **_posted_modules()}
    problems = check_files(files) if len(files) > 1 else _check(code)
    return jsonify(ok=not has_errors(problems), problems=as_dicts(problems), report=report(problems))


@blueprint.post("/hex")
def hex_file():
    """Build the Universal Hex: JSON clients get {"hex"}, a plain form gets the file."""
    code, problem = _posted_code()
    if code is None:
        return _refuse(problem, [], 400)
    files = {"main.py": code, **_posted_modules()}
    problems = check_files(files) if len(files) > 1 else _check(code)
    if has_errors(problems):
        return _refuse(report(problems), as_dicts(problems), 422)
    try:
        hex_text = build_hex(files)
    except BuildError as error:
        return _refuse(str(error), [], 422)
    name = FILENAME.sub("-", (request.form.get("lesson") or (request.get_json(silent=True) or {}).get("lesson")
                              or "microbit")) or "microbit"
    if request.is_json:
        return jsonify(ok=True, hex=hex_text, filename=f"{name}.hex", report=report(problems))
    return send_file(io.BytesIO(hex_text.encode("ascii")), mimetype="application/octet-stream",
                     as_attachment=True, download_name=f"{name}.hex")


def _refuse(message: str, problems: list, status: int):
    if request.is_json:
        return jsonify(ok=False, problems=problems, report=message), status
    return render_template("microbit/problem.html", message=message), status


@blueprint.post("/simulate")
def simulate_code():
    """Queue a try in the simulator (a few seconds, optional scripted input); 202 + where to poll."""
    code, problem = _posted_code()
    if code is None:
        return jsonify(error=problem), 400
    data = request.get_json(silent=True) or {}
    try:
        inputs = scripted_inputs(data.get("inputs", []))
    except (InputError, TypeError) as error:
        return jsonify(error=str(error) if isinstance(error, InputError) else "Ugyldige indstillinger."), 400
    job = RunJob(kind="microbit-simulation", owner=_user(),
                 request={"files": {"main.py": code, **_posted_modules()}, "seconds": data.get("seconds", 10), "inputs": inputs})
    job_id, _ = enqueue(current_app.config["SETTINGS"], job)
    return jsonify(job=job_id, poll=url_for("microbit.simulation", job_id=job_id)), 202


@blueprint.get("/simulate/<job_id>")
def simulation(job_id: str):
    """The state of a queued simulation: {"state"} while it waits or runs, then its trace."""
    state, result = run_state(current_app.config["SETTINGS"], job_id, _user())
    if state == "unknown":
        return jsonify(error="Den kørsel findes ikke (længere). Prøv igen."), 404
    if state != "done":
        return jsonify(state=state)
    return jsonify(state=state, **result)
