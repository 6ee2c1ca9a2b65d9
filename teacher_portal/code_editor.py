"""The pupil's code editor for a micro:bit activity: files saved on the server, blocks, hand-in.

The page (``/aktivitet/<id>/kode``) holds a CodeMirror editor with one tab per
file (``main.py`` plus modules), for grades 3-5 a Blockly workspace that
becomes Python, and the micro:bit simulator that runs in the pupil's browser
(kodefag.microbit.web). Every change is saved to the pupil's
:class:`~.models.CodeProject` (one row per pupil and release), so a reload or
another computer loses nothing; *Aflever* saves, then hands in all files
through the same :mod:`.submissions` path as the activity page, so the same
worker grades typed and block programs alike.
"""
from __future__ import annotations

import json
import re

import mistune
from flask import Blueprint, abort, current_app, jsonify, render_template, request, url_for

from kodefag.curriculum.loader import cached_curriculum
from kodefag.kinds import Kind
from kodefag.settings import REPO_ROOT
from kodefag.task_text import pupil_text

from .auth import current_user, db_session, roles_required
from .models import CodeProject, Release, Role, utcnow
from .pupil_views import _code_to_show, _content_of, _latest, _own_release
from .submissions import code_file, queue_grading, store_submission

bp = Blueprint("editor", __name__)

MAX_PROJECT_BYTES = 64 * 1024
MAX_FILES = 8
MAX_BLOCKS_BYTES = 256 * 1024
FILE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,30}\.py")
#: modules of micro:bit MicroPython a pupil's file must not hide
RESERVED = {"microbit", "music", "radio", "random", "speech", "time", "utime", "os", "math", "neopixel",
            "machine", "gc", "sys", "struct", "audio", "love", "this", "antigravity"}
MODES = ("python", "blokke")
MAIN = "main.py"


class ProjectError(ValueError):
    """A project the editor cannot save, with the Danish reason for the pupil."""


def offers_blocks(release: Release) -> bool:
    """The curriculum says this lesson may be built with blocks (grades 3-5, ``blocks: true``)."""
    curriculum = cached_curriculum()
    return curriculum.has_activity(release.activity_id) and curriculum.activity(release.activity_id).blocks


def check_project(data) -> tuple[dict[str, str], dict | None, str]:
    """The posted project as (files, blocks, mode), or ProjectError in Danish."""
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise ProjectError("Projektet kunne ikke læses. Genindlæs siden, og prøv igen.")
    files = data["files"]
    if MAIN not in files:
        raise ProjectError("Projektet skal have filen main.py.")
    if len(files) > MAX_FILES:
        raise ProjectError(f"Et projekt kan højst have {MAX_FILES} filer.")
    total = 0
    for name, text in files.items():
        if not isinstance(name, str) or not FILE_NAME.fullmatch(name):
            raise ProjectError(f"Filnavnet '{str(name)[:40]}' kan ikke bruges. Brug små bogstaver, tal og _, "
                               "og slut med .py (fx hjaelp.py).")
        if name[:-3] in RESERVED:
            raise ProjectError(f"Navnet {name} er optaget af micro:bit. Vælg et andet navn.")
        if not isinstance(text, str) or "\x00" in text:
            raise ProjectError(f"Filen {name} indeholder noget, der ikke er tekst.")
        total += len(text.encode("utf-8"))
    if total > MAX_PROJECT_BYTES:
        raise ProjectError(f"Programmet er for stort (mere end {MAX_PROJECT_BYTES // 1024} KB).")
    blocks = data.get("blocks")
    if blocks is not None and (not isinstance(blocks, dict) or len(str(blocks)) > MAX_BLOCKS_BYTES):
        raise ProjectError("Blokkene kunne ikke gemmes. Genindlæs siden, og prøv igen.")
    mode = data.get("mode", "python")
    if mode not in MODES:
        raise ProjectError("Ukendt visning.")
    return {name: text.replace("\r\n", "\n") for name, text in files.items()}, blocks, mode


def _project(release: Release) -> CodeProject | None:
    return db_session().query(CodeProject).filter_by(pupil_id=current_user().id, release_id=release.id).one_or_none()


def _starting_project(release: Release, content: str) -> dict:
    """What the editor opens: the saved project, else the last hand-in's code, else the lesson's starter."""
    saved = _project(release)
    blocks_offered = offers_blocks(release)
    if saved is not None:
        mode = saved.mode if blocks_offered else "python"
        return {"files": saved.files, "blocks": saved.blocks, "mode": mode}
    return _lesson_start(release, content, code=_code_to_show(release, content, _latest(release)))


def _lesson_start(release: Release, content: str, code: str | None = None) -> dict:
    """The lesson's starting project: starter.py (or ``code``), its starting blocks for grades 3-5."""
    if code is None:
        starter = REPO_ROOT / content / "starter.py"
        code = starter.read_text(encoding="utf-8") if starter.is_file() else ""
    blocks_offered = offers_blocks(release)
    blocks = _starter_blocks(content) if blocks_offered else None
    return {"files": {MAIN: code}, "blocks": blocks, "mode": "blokke" if blocks_offered else "python"}


def _starter_blocks(content: str) -> dict | None:
    """The lesson's starting blocks (``blocks.json`` beside starter.py), if it has them."""
    path = REPO_ROOT / content / "blocks.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _task_html(content: str) -> str:
    """The lesson's README for the pupil, without the teacher's sections."""
    readme = REPO_ROOT / content / "README.md"
    if not readme.is_file():
        return ""
    return mistune.create_markdown(escape=True)(pupil_text(readme.read_text(encoding="utf-8")))


def _save(release: Release, files: dict, blocks: dict | None, mode: str) -> CodeProject:
    db = db_session()
    project = _project(release)
    if project is None:
        project = CodeProject(pupil_id=current_user().id, release_id=release.id)
        db.add(project)
    project.files, project.blocks, project.mode, project.updated_at = files, blocks, mode, utcnow()
    db.commit()
    return project


def _microbit_release(release_id: int) -> Release:
    release = _own_release(release_id)
    if release.kind != Kind.microbit.value:
        abort(404)
    return release


@bp.get("/aktivitet/<int:release_id>/kode")
@roles_required(Role.pupil)
def editor(release_id: int):
    release = _microbit_release(release_id)
    content = _content_of(release)
    if content is None:
        abort(404)
    response = current_app.make_response(render_template(
        "editor.html", release=release, description=_task_html(content), latest=_latest(release),
        first_visit=_project(release) is None,
        project=_starting_project(release, content), blocks_offered=offers_blocks(release),
        save_url=url_for("editor.save", release_id=release.id),
        hand_in_url=url_for("editor.hand_in", release_id=release.id),
    ))
    # the simulator's worker shares memory with the page (SharedArrayBuffer): cross-origin isolation
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Cross-Origin-Embedder-Policy"] = "require-corp"
    return response


def _posted_project(release: Release):
    try:
        return check_project(request.get_json(silent=True)), None
    except ProjectError as error:
        return None, (jsonify(ok=False, message=str(error)), 400)


@bp.post("/aktivitet/<int:release_id>/kode/gem")
@roles_required(Role.pupil, api=True)
def save(release_id: int):
    release = _microbit_release(release_id)
    project, refusal = _posted_project(release)
    if refusal:
        return refusal
    _save(release, *project)
    return jsonify(ok=True, message="Gemt")


@bp.post("/aktivitet/<int:release_id>/kode/forfra")
@roles_required(Role.pupil, api=True)
def start_over(release_id: int):
    """The saved files become the lesson's start again (starter.py, starting blocks); hand-ins are kept."""
    release = _microbit_release(release_id)
    content = _content_of(release)
    if content is None:
        abort(404)
    start = _lesson_start(release, content)
    _save(release, start["files"], start["blocks"], start["mode"])
    return jsonify(ok=True)


@bp.post("/aktivitet/<int:release_id>/kode/aflever")
@roles_required(Role.pupil, api=True)
def hand_in(release_id: int):
    """Save, then hand in every file of the project (graded like the activity page's hand-ins)."""
    release = _microbit_release(release_id)
    project, refusal = _posted_project(release)
    if refusal:
        return refusal
    files, blocks, mode = project
    if not files[MAIN].strip():
        return jsonify(ok=False, message="Der er ingen kode at aflevere."), 400
    _save(release, files, blocks, mode)
    settings, db = current_app.config["SETTINGS"], db_session()
    contents = {name: text.encode("utf-8") for name, text in files.items()}
    contents[code_file(release)] = contents.pop(MAIN)
    submission = store_submission(db, settings, release.school_class, release, current_user(), contents)
    queue_grading(db, settings, release.school_class, release, submission)
    return jsonify(ok=True, message="Dit program er afleveret. Resultatet kommer om lidt.",
                   result=url_for("editor.result", release_id=release.id))


@bp.get("/aktivitet/<int:release_id>/kode/resultat")
@roles_required(Role.pupil, api=True)
def result(release_id: int):
    """The newest hand-in's state, for the editor to show without a reload."""
    release = _microbit_release(release_id)
    latest = _latest(release)
    if latest is None:
        return jsonify(state="none")
    html = render_template("editor_result.html", latest=latest)
    return jsonify(state=latest.status.value, html=html)
