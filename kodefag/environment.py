"""The process environment kodefag's tools expect."""
import os
import sys
from pathlib import Path


def put_own_scripts_on_path() -> None:
    """nbgrader and JupyterHub run their console scripts (alembic, jupyterhub-singleuser,
    configurable-http-proxy) by name, so this environment's bin/ must be on PATH even
    when the virtual environment is not activated (`make demo`, pytest)."""
    own_bin = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if own_bin not in path.split(os.pathsep):
        os.environ["PATH"] = own_bin + os.pathsep + path
