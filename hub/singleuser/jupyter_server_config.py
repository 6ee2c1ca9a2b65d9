# The pupil's server: kodefag's pupil API (Mine aktiviteter, Tjek, Aflever, Start forfra) over
# nbgrader's assignment list and validate (kept for the exchange underneath); no teacher tools,
# no terminals.
import json
import os

c = get_config()  # noqa: F821 - provided by traitlets when loading config
c.ServerApp.jpserver_extensions = {
    "kodefag.hub.pupil_server": True,
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
}
# a shell is not a pupil's tool, and on a demo started as root it would be a root shell
c.ServerApp.terminals_enabled = False
# school tier: the hub hands its cookie options (Secure) to the server; its xsrf cookie follows them too
if "JUPYTERHUB_COOKIE_OPTIONS" in os.environ:
    c.ServerApp.tornado_settings = {"xsrf_cookie_kwargs": {
        "path": os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/"), **json.loads(os.environ["JUPYTERHUB_COOKIE_OPTIONS"])}}
