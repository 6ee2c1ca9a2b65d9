"""Grading time limits measured from each notebook's reference solution.

A flat 10 s per cell means an endless loop costs every pupil who writes one 10 s of a
worker, and a class of them costs minutes. A cell of a model solution typically runs
in milliseconds, so each notebook activity gets limits of its own: the larger of
:data:`MIN_CELL_SECONDS` and :data:`FACTOR` times the solution's slowest cell, and the
same for the whole notebook. They are measured by grading the solution in the real
sandbox (``kodefag curriculum time-limits``, :mod:`.timing`) and kept in ``time_limits.yaml`` beside
the year plans, with the hash of the notebook they were measured on; the validator
reports a notebook whose measurement is missing or stale.

An activity's explicit ``grading:`` limits in its year plan win over the measured ones
(e.g. the grade 7 sorting race, which is meant to be slow).
"""
from __future__ import annotations

import functools
import hashlib
import math
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from kodefag.jobs import TimeLimits

from .loader import Curriculum
from .schema import Activity

FILE_NAME = "time_limits.yaml"
FACTOR = 20
MIN_CELL_SECONDS = 2.0
MIN_NOTEBOOK_SECONDS = 10.0


class Measured(BaseModel):
    """One notebook's measurement and the limits that follow from it."""

    model_config = ConfigDict(extra="forbid")
    notebook_sha256: str
    slowest_cell_seconds: float
    total_seconds: float
    cell_seconds: float
    notebook_seconds: float


def limits_for(slowest_cell: float, total: float) -> tuple[float, float]:
    """(seconds per cell, per notebook) from the solution's run time, rounded up to whole seconds.

    Whole seconds because nbclient's cell timeout is an integer trait.
    """
    cell = max(MIN_CELL_SECONDS, FACTOR * slowest_cell)
    notebook = max(MIN_NOTEBOOK_SECONDS, FACTOR * total, cell)
    return float(math.ceil(cell)), float(math.ceil(notebook))


def notebook_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_path(curriculum: Curriculum) -> Path:
    return Path(curriculum.root) / "curriculum" / FILE_NAME


def read(curriculum: Curriculum) -> dict[str, Measured]:
    """The recorded measurements by activity id (empty when the file is missing).

    The portal asks for every hand-in, so the parsed file is kept until it changes on disk.
    """
    path = file_path(curriculum)
    if not path.is_file():
        return {}
    return dict(_parsed(path, path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=4)
def _parsed(path: Path, mtime_ns: int) -> tuple[tuple[str, Measured], ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple((activity_id, Measured(**entry)) for activity_id, entry in data.get("activities", {}).items())


def activity_limits(curriculum: Curriculum, activity: Activity,
                    measured: dict[str, Measured] | None = None) -> TimeLimits | None:
    """The activity's grading limits: its own, else the measured ones, else None (the school's)."""
    if activity.grading is not None:
        return TimeLimits(cell_seconds=activity.grading.cell_seconds,
                          notebook_seconds=activity.grading.notebook_seconds)
    entry = (read(curriculum) if measured is None else measured).get(activity.id)
    if entry is None:
        return None
    return TimeLimits(cell_seconds=entry.cell_seconds, notebook_seconds=entry.notebook_seconds)


def measured_activities(curriculum: Curriculum) -> list[Activity]:
    """Notebook activities whose limits come from a measurement (no explicit limits of their own)."""
    return [activity for activity in curriculum.activities()
            if activity.kind == "notebook" and activity.grading is None]


def problems(curriculum: Curriculum) -> dict[str, str]:
    """Danish problems by activity id: a missing or stale measurement."""
    recorded = read(curriculum)
    out = {}
    for activity in measured_activities(curriculum):
        path = curriculum.notebook_path(activity)
        if not path.is_file():
            continue  # a missing notebook is reported by the content checks
        entry = recorded.get(activity.id)
        if entry is None:
            out[activity.id] = "tidsgrænserne for rettelsen er ikke målt: kør kodefag curriculum time-limits"
        elif entry.notebook_sha256 != notebook_hash(path):
            out[activity.id] = ("notesbogen er ændret siden tidsgrænserne blev målt: "
                                "kør kodefag curriculum time-limits")
    return out
