"""Staff open a pupil's Lab from the portal, in a frame under a Danish banner naming the pupil.

JupyterHub's pages forbid every frame (``frame-ancestors 'none'``). The teacher's "Åbn live"
page (teacher_portal/class_views.py) frames the pupil's server, which first sends the teacher
through the hub's OAuth and, the first time, its Danish "Giv adgang" page (hub/templates/
oauth.html). Both may therefore be framed by the platform's own origin - never by others.
The pupils' servers get the same rule in hub/singleuser/jupyter_server_config.py.
"""

FRAME_POLICY = "frame-ancestors 'self'"


def configure_staff_access(c) -> None:
    c.JupyterHub.tornado_settings.update({"headers": {"Content-Security-Policy": FRAME_POLICY}})
