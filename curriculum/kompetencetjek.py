"""Kompetencetjek: the check-ins taken at the start and the end of a school year.

Why this module exists: the portal's effect report compares a class's check-in results
between the start and the end of the year, per competence area. The facts it needs are
conventions of the curriculum, kept here in one place instead of in the report:

- ids: ``kompetencetjek-<group>-<phase>``; ``group`` is ``g0``..``g9`` (the grade's own pair -
  a class keeps its release rows when it moves up a grade, so each grade needs its own ids)
  or a track's name (``valgfag``); ``phase`` is ``start`` or ``slut``.
- the start and end check of a group have the same items (one item bank per band), so scores
  are comparable as they are.
- every graded item names its area first: notebook cells ``computationel-2``,
  ``test-computationel-2``, ``design-refleksion``; the indskoling's "tegn på læring"
  ``handleevne-input-output``. Each area has the same maximum within a check.

Nothing here reads the database: callers pass the result cells (``{"grade_id", "score",
"max_score"}`` as the graders write them) or the ticked signs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import AREA_IDS

PREFIX = "kompetencetjek-"
PHASES = ("start", "slut")
_ID = re.compile(r"^kompetencetjek-(?P<group>g[0-9]|[a-z][a-z0-9]*)-(?P<phase>start|slut)$")


@dataclass(frozen=True)
class CheckIn:
    """One check-in activity, parsed from its id."""

    activity_id: str
    group: str  # "g0".."g9" or a track's name, e.g. "valgfag"
    phase: str  # "start" | "slut"

    @property
    def grade(self) -> int | None:
        """The grade of a grade's check-in; None for a track's."""
        return int(self.group[1:]) if re.fullmatch(r"g[0-9]", self.group) else None

    @property
    def partner_id(self) -> str:
        """The id of the other occasion (start <-> slut) with the same items."""
        other = "slut" if self.phase == "start" else "start"
        return f"{PREFIX}{self.group}-{other}"


def parse_check_in(activity_id: str) -> CheckIn | None:
    """The check-in an activity id names, or None when it is not a kompetencetjek."""
    match = _ID.match(activity_id or "")
    if not match:
        return None
    return CheckIn(activity_id, match.group("group"), match.group("phase"))


def area_of(item_id: str) -> str | None:
    """The competence area of a graded item (cell grade_id or sign id), or None."""
    area = item_id.removeprefix("test-").split("-")[0]
    return area if area in AREA_IDS else None


def area_scores(cells: list[dict], manual_scores: dict[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """``{area: (score, max_score)}`` for one pupil's check-in result.

    ``manual_scores`` are the points a teacher gave the reflection answers ({grade_id: points});
    a cell with no score yet (an answer not graded) is left out of both sums, so a half-graded
    result does not look like a low one.
    """
    manual_scores = manual_scores or {}
    totals: dict[str, tuple[float, float]] = {}
    for cell in cells:
        area = area_of(str(cell.get("grade_id", "")))
        if area is None:
            continue
        score = manual_scores.get(cell["grade_id"], cell.get("score"))
        if score is None:
            continue
        got, most = totals.get(area, (0.0, 0.0))
        totals[area] = (got + float(score), most + float(cell.get("max_score") or 0))
    return {area: totals[area] for area in AREA_IDS if area in totals}


def area_signs(signs: dict[str, str], ticked: set[str] | list[str]) -> dict[str, tuple[int, int]]:
    """``{area: (ticked, possible)}`` for a check-in recorded as "tegn på læring" (indskoling)."""
    ticked = set(ticked)
    totals: dict[str, tuple[int, int]] = {}
    for sign_id in signs:
        area = area_of(sign_id)
        if area is None:
            continue
        got, most = totals.get(area, (0, 0))
        totals[area] = (got + (sign_id in ticked), most + 1)
    return {area: totals[area] for area in AREA_IDS if area in totals}
