# The pupil's server: assignment list and validate only; no teacher tools, no terminals.
c = get_config()  # noqa: F821 - provided by traitlets when loading config
c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
}
# a shell is not a pupil's tool, and on a demo started as root it would be a root shell
c.ServerApp.terminals_enabled = False
# the teacher's "Åbn live" shows this Lab inside the portal under a Danish banner naming the pupil
# (teacher_portal/class_views.py); JupyterHub's default forbids every frame, this allows only the
# platform's own origin (the hub and the portal)
c.ServerApp.tornado_settings = {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}
