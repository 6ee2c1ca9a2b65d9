# JupyterHub configuration for kodefag; every value comes from kodefag settings
# (KODEFAG_* environment variables, see kodefag/settings.py).
from kodefag.hub.config import configure
from kodefag.settings import get_settings

configure(c, get_settings())  # noqa: F821 - `c` is provided by JupyterHub
