"""The pupil's kernel: ipykernel as ``ipykernel_launcher`` starts it, without the debugger.

ipykernel imports debugpy (about a hundred modules: ~8 MiB and ~0.1 CPU s of every kernel)
whenever it is installed, to offer JupyterLab's debugger panel - which pupils' Lab does not
show (hub/singleuser/labconfig/page_config.json), while at the bell every pupil holds a kernel. A module set to None in ``sys.modules`` is
what Python reports as not installed, which ipykernel handles itself: the kernel tells Lab it
cannot debug, and Lab shows no debugger. The kernel spec in hub/singleuser/data/kernels/python3
runs this module (the grader's kernels have their own, grader/kernel_launcher.py).
"""
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.modules["debugpy"] = None
    # as ipykernel_launcher: the kernel's start folder leaves sys.path (IPython adds '' back, which
    # follows the working directory - a kernel started ahead moves to its notebook's folder later)
    if sys.path[0] == "" or Path(sys.path[0]) == Path.cwd():
        del sys.path[0]

    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
