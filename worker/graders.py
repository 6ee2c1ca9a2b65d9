"""Which grader grades each kind of hand-in, and which runner runs each kind of program.

This table is the worker's half of the activity-kind registry (kodefag.kinds):
the registry says what a kind is; this says who grades it. A test checks that
every kind the registry marks as graded by the worker has a grader here.
"""
from __future__ import annotations

from typing import Callable

from kodefag.games.grading import grade_project
from kodefag.games.runner import run_request, start_warm_child
from kodefag.grader.engine import NotebookError, grade_notebook, start_warm_kernel
from kodefag.jobs import GradingJob
from kodefag.kinds import Kind
from kodefag.microbit.grading import grade_lesson
from kodefag.microbit.simulator.request import simulate_request
from kodefag.settings import Settings


def _grade_notebook(job: GradingJob, settings: Settings) -> dict:
    limits = job.limits
    return grade_notebook(
        job.content, job.handin,
        cell_timeout=limits.cell_seconds if limits else settings.cell_timeout,
        notebook_timeout=limits.notebook_seconds if limits else settings.notebook_timeout,
    )


def _grade_game(job: GradingJob, settings: Settings) -> dict:
    return grade_project(job.content, job.handin)


def _grade_microbit(job: GradingJob, settings: Settings) -> dict:
    # the editor hands in main.py with the pupil's own modules beside it
    modules = sorted(path for path in job.handin.parent.glob("*.py") if path != job.handin)
    return grade_lesson(job.content, job.handin, modules=modules)


GRADERS: dict[Kind, Callable[[GradingJob, Settings], dict]] = {
    Kind.notebook: _grade_notebook,
    Kind.pgzero: _grade_game,
    Kind.microbit: _grade_microbit,
}

#: run-job kind -> runner taking the job's request and returning the page's JSON
RUNNERS: dict[str, Callable[[dict], dict]] = {
    "microbit-simulation": simulate_request,
    "pgzero-run": run_request,
}

#: errors that mean the hand-in itself cannot be graded (trying again would not help)
BAD_HANDIN_ERRORS = (NotebookError, FileNotFoundError, UnicodeDecodeError)


def prepare_for_next_job() -> None:
    """What an idle worker starts ahead: a fresh sandboxed game child and kernel for the next hand-in.

    Starting the sandbox and Python with its imports is most of a notebook's and a game's
    grading time. Each serves exactly one hand-in; the game child starts in the background
    while the kernel starts. micro:bit programs start in a fraction of a second.
    """
    start_warm_child()
    start_warm_kernel()
