"""Measuring a notebook's model solution in the sandbox, for its grading time limits.

See :mod:`.time_limits` for why and for the file this writes.
"""
from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import nbformat
import yaml

from kodefag.grader.engine import grade
from kodefag.jobs import TimeLimits

from .loader import Curriculum
from .schema import Activity
from .time_limits import (FACTOR, MIN_CELL_SECONDS, MIN_NOTEBOOK_SECONDS, Measured, file_path, limits_for,
                          measured_activities, notebook_hash)

#: generous limits for the measurement itself (the solution must finish, however busy the machine)
MEASURE_LIMITS = TimeLimits(cell_seconds=60, notebook_seconds=300)


def cell_run_seconds(nb: nbformat.NotebookNode) -> list[float]:
    """Seconds each executed code cell ran, from nbclient's timing metadata."""
    seconds = []
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if cell.cell_type == "code" and start and end:
            seconds.append((_parse(end) - _parse(start)).total_seconds())
    return seconds


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def measure(curriculum: Curriculum, activity: Activity) -> Measured:
    """Grade the model solution in the sandbox and derive the activity's limits."""
    source = curriculum.notebook_path(activity)
    with tempfile.TemporaryDirectory(prefix="kodefag-timing-") as folder:
        submission = Path(folder) / source.name
        submission.write_bytes(source.read_bytes())
        result, graded = grade(source, submission, cell_timeout=MEASURE_LIMITS.cell_seconds,
                               notebook_timeout=MEASURE_LIMITS.notebook_seconds)
    if result["score"] != result["max_score"] and not any(cell["status"] == "manual" for cell in result["cells"]):
        raise ValueError(f"{activity.id}: the solution does not get full marks, so its time says nothing")
    seconds = cell_run_seconds(graded) or [0.0]
    cell, notebook = limits_for(max(seconds), sum(seconds))
    return Measured(notebook_sha256=notebook_hash(source), slowest_cell_seconds=round(max(seconds), 3),
                    total_seconds=round(sum(seconds), 3), cell_seconds=cell, notebook_seconds=notebook)


def record(curriculum: Curriculum, on_progress=lambda activity_id: None) -> dict[str, Measured]:
    """Measure every such activity (once per distinct notebook) and write the file."""
    by_hash: dict[str, Measured] = {}
    out: dict[str, Measured] = {}
    for activity in measured_activities(curriculum):
        on_progress(activity.id)
        digest = notebook_hash(curriculum.notebook_path(activity))
        if digest not in by_hash:
            by_hash[digest] = measure(curriculum, activity)
        out[activity.id] = by_hash[digest]
    header = ("# Grading time limits per notebook activity, measured from its model solution in the sandbox.\n"
              f"# Written by `kodefag curriculum time-limits`: limits = max({MIN_CELL_SECONDS:g} s, {FACTOR} x "
              "the solution's slowest cell) per cell,\n"
              f"# max({MIN_NOTEBOOK_SECONDS:g} s, {FACTOR} x its total) per notebook. Do not edit by hand.\n")
    body = {"activities": {key: value.model_dump() for key, value in sorted(out.items())}}
    file_path(curriculum).write_text(header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True),
                                     encoding="utf-8")
    return out
