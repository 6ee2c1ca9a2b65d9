"""The portal's *Læs op* sound files and the template helper that places the button."""
import logging

from flask import Blueprint, abort, current_app, send_file, url_for

from kodefag.curriculum.loader import cached_curriculum

from .auth import ANY_ROLE, roles_required
from .read_aloud import ReadAloudUnavailable, has_read_aloud, speakable_text, speech_file, task_markdown

log = logging.getLogger(__name__)
bp = Blueprint("read_aloud", __name__)


def _activity(activity_id: str):
    curriculum = cached_curriculum()
    return curriculum.activity(activity_id) if curriculum.has_activity(activity_id) else None


@bp.app_template_global()
def read_aloud_url(activity_id: str) -> str | None:
    """The sound of the activity's task text, or None when it gets no *Læs op* button (grade 5+)."""
    activity = _activity(activity_id)
    return url_for("read_aloud.speech", activity_id=activity_id) if activity and has_read_aloud(activity) else None


@bp.get("/laes-op/<activity_id>.wav")
@roles_required(*ANY_ROLE)
def speech(activity_id: str):
    activity = _activity(activity_id)
    if activity is None or not has_read_aloud(activity):
        abort(404)
    cache_dir = current_app.config["SETTINGS"].var_dir / "laes-op"
    try:
        path = speech_file(speakable_text(task_markdown(activity)), cache_dir)
    except ReadAloudUnavailable:
        log.exception("read aloud failed for %s", activity_id)
        abort(503)
    response = send_file(path, mimetype="audio/wav", conditional=True, max_age=3600)
    return response
