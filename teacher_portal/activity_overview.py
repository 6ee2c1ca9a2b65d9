"""What the activity page shows: each pupil's result and the checks most pupils fail.

Read from each pupil's newest hand-in (the progress row and its submission) and
from the Tjek runs pupils made while working (``help_signal.CheckRun``), so the
teacher sees where the class is stuck before anything is handed in.
"""
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .models import Progress, Release, SchoolClass, Submission, User

FAILING = {"failed", "partial", "error"}


@dataclass
class PupilResult:
    pupil: User
    progress: Progress | None
    submission: Submission | None


def pupil_results(session: Session, school_class: SchoolClass, release: Release) -> list[PupilResult]:
    """One row per pupil of the class, in name order, with their newest hand-in."""
    # the hand-ins in one query, not one lazy load per pupil
    rows = {p.pupil_id: p for p in session.scalars(select(Progress).where(Progress.release_id == release.id)
                                                   .options(selectinload(Progress.last_submission)))}
    return [PupilResult(pupil, rows.get(pupil.id), rows[pupil.id].last_submission if pupil.id in rows else None)
            for pupil in sorted(school_class.pupils, key=lambda p: p.display_name)]


def failing_checks(results: list[PupilResult], extra: dict[str, set[str]] | None = None) -> list[tuple[str, int]]:
    """The checks most pupils fail, as (what the check is called, number of pupils), most first.

    A pupil counts once per check: from their newest graded hand-in, plus ``extra``
    (check name -> pupils failing it in their latest Tjek run) for pupils not handed in."""
    failing: dict[str, set[str]] = {name: set(pupils) for name, pupils in (extra or {}).items()}
    for row in results:
        cells = ((row.submission.result or {}).get("cells", []) if row.submission is not None else [])
        for cell in cells:
            if cell.get("status") in FAILING:
                failing.setdefault(cell.get("label") or cell["grade_id"], set()).add(row.pupil.username)
    counts = Counter({name: len(pupils) for name, pupils in failing.items()})
    return [(name, number) for name, number in counts.most_common() if number]
