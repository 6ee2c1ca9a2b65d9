"""Typed jobs and results: what the portal queues and what a grader or runner returns.

Both cross process boundaries (queue storage, the portal's database), so both
carry a ``version``: a worker that reads a job of another version refuses it
with a clear log line instead of guessing. Paths are absolute and resolved by
the portal when it queues the job; a grader only reads them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from kodefag.kinds import Kind

JOB_VERSION = 1
RESULT_VERSION = 1

CheckStatus = Literal["passed", "failed", "partial", "manual", "error"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TimeLimits(_Model):
    """Seconds a notebook's cell and whole notebook may run while graded."""

    cell_seconds: float = Field(gt=0)
    notebook_seconds: float = Field(gt=0)


#: the school's default grading limits (settings may change them; activities may set their own)
DEFAULT_LIMITS = TimeLimits(cell_seconds=10, notebook_seconds=60)


class GradingJob(_Model):
    """One hand-in to grade: which kind, which files, whose (for fair scheduling)."""

    version: Literal[1] = JOB_VERSION
    type: Literal["grading"] = "grading"
    kind: Kind
    submission_id: int
    #: the pupil's user name: the queue runs at most one job per user at a time
    owner: str
    #: the activity (release) id: a newer hand-in of the same activity replaces a queued one
    release_id: int
    #: the trusted content: the nbgrader source notebook, or the game/micro:bit content folder
    content: Path
    #: the pupil's file to grade (notebook, spil.py, main.py)
    handin: Path
    limits: TimeLimits | None = None

    @property
    def slot(self) -> str:
        """Jobs of one owner and slot replace each other while queued."""
        return f"release-{self.release_id}"


RunKind = Literal["microbit-simulation", "pgzero-run"]


class RunJob(_Model):
    """A program the platform runs for a page and does not grade (a micro:bit simulation, a game run).

    Pages never run pupil code in the web process: they queue a RunJob and poll
    for its result (kodefag.queue.run_state)."""

    version: Literal[1] = JOB_VERSION
    type: Literal["run"] = "run"
    kind: RunKind
    #: who asked (a pupil, or a teacher trying a solution): one job per user at a time
    owner: str
    #: the runner's own arguments (it validates them)
    request: dict

    @property
    def slot(self) -> str:
        return f"run-{self.kind}"


#: anything the queue carries, told apart by ``type``
Job = Annotated[GradingJob | RunJob, Field(discriminator="type")]


class CheckResult(_Model):
    """One graded part (an nbgrader cell, a game check, a micro:bit scenario)."""

    grade_id: str
    score: float | None
    max_score: float
    status: CheckStatus
    #: what a pupil or teacher calls this check (Danish), when the content names it
    label: str | None = None
    #: a Danish sentence on what went wrong, for the pupil
    message: str | None = None


class GradingResult(_Model):
    """A finished grading: points per check and Danish messages for the pupil."""

    version: Literal[1] = RESULT_VERSION
    score: float
    max_score: float
    cells: list[CheckResult] = Field(default_factory=list)
    messages: list[str] = Field(default_factory=list)

    @classmethod
    def from_grader(cls, raw: dict) -> "GradingResult":
        """Validate a grader's dict (the graders return plain dicts; this pins their shape)."""
        return cls.model_validate({**raw, "version": RESULT_VERSION})
