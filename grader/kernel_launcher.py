"""Runs INSIDE the sandbox: ipykernel's launcher for grading kernels, lighter to start.

A grading kernel is started for every hand-in, so its start-up is most of the CPU a
hand-in costs. Two things ipykernel does at start serve only an interactive user:

- it imports debugpy (a quarter of a CPU second, about a third of the start) to offer
  a debugger that nobody attaches to a grading kernel. Marked missing here,
  ipykernel runs without it, exactly as on an installation without debugpy;
- IPython's history keeps an SQLite file and a saving thread; grading reads no
  history (``--HistoryManager.enabled=False`` on the command line keeps it in memory).

Everything else is ipykernel's own ``ipykernel_launcher``.
"""
import sys
from pathlib import Path

if __name__ == "__main__":
    # as ipykernel_launcher: the working folder (the pupil's HOME) is not on the path while loading
    if sys.path[0] == "" or Path(sys.path[0]) == Path.cwd():
        del sys.path[0]
    sys.modules["debugpy"] = None  # "import debugpy" now raises ImportError: no debugger

    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
