"""Read the curriculum YAML files into a :class:`Curriculum` with lookups.

``load_curriculum()`` is what the rest of the platform calls (the portal lists
a class's activities from its grade's plan, shows the teacher guide, releases
notebooks). It refuses a curriculum that does not even parse - broken YAML,
schema errors, duplicate ids - with a :class:`CurriculumError` listing every
problem. The deeper checks (references, coverage, running the content) live in
:mod:`kodefag.curriculum.validate`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from kodefag.settings import REPO_ROOT

from .schema import (
    AREA_IDS, GRADE_TRACK, GRADES, Activity, ActivityUse, Area, AreasFile, Goal, GradePlan, SubjectsFile, TrackGoal,
    TrackPlan,
)

AREAS_FILE = "curriculum/areas.yaml"
SUBJECTS_FILE = "curriculum/subjects.yaml"
GRADES_DIR = "curriculum/grades"
TRACKS_DIR = "curriculum/tracks"

Plan = GradePlan | TrackPlan


def grade_file(grade: int) -> str:
    """Path of a grade's year plan, relative to the repository root."""
    return f"{GRADES_DIR}/grade-{grade}.yaml"


def track_file(track: str) -> str:
    """Path of a track's plan (e.g. the valgfag), relative to the repository root."""
    return f"{TRACKS_DIR}/{track}.yaml"


def plan_file(plan: Plan) -> str:
    return grade_file(plan.grade) if isinstance(plan, GradePlan) else track_file(plan.track)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the curriculum: where it is and what it is (Danish)."""

    file: str
    activity: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.activity}" if self.activity else self.file
        return f"{where}: {self.message}"


class CurriculumError(Exception):
    """The curriculum cannot be used; ``problems`` says why, one line each."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class Curriculum:
    """The whole curriculum: areas with goals, one year plan per grade, and the tracks (valgfag).

    Every activity is *defined* in exactly one plan (its home: ``activity.grade`` and
    ``activity.track``); other plans may *use* it (``- use: id``). ``plan.activities``
    is a plan's teaching order with those uses resolved.
    """

    def __init__(self, root: Path, areas: list[Area], plans: dict[int, GradePlan],
                 tracks: dict[str, TrackPlan] | None = None, subjects: list[str] | None = None):
        self.root = Path(root)
        self.areas = list(areas)
        self.plans = dict(sorted(plans.items()))
        self.tracks = dict(sorted((tracks or {}).items()))
        self.subjects = list(subjects or [])
        self._areas = {area.id: area for area in self.areas}
        self._goals = {goal.id: goal for area in self.areas for goal in area.goals}
        self._track_goals = {goal.id: goal for track in self.tracks.values() for goal in track.goals}
        self._activities = {activity.id: activity for plan in self.all_plans() for activity in plan.defined}

    # -- areas and goals -------------------------------------------------
    def area(self, area_id: str) -> Area:
        return self._areas[area_id]

    @property
    def goals(self) -> list[Goal]:
        return list(self._goals.values())

    def goal(self, goal_id: str) -> Goal:
        return self._goals[goal_id]

    def has_goal(self, goal_id: str) -> bool:
        return goal_id in self._goals

    def goals_for(self, band: str | None = None, area: str | None = None) -> list[Goal]:
        return [
            goal for goal in self._goals.values()
            if (band is None or goal.band == band) and (area is None or goal.area == area)
        ]

    def track_goal(self, goal_id: str) -> TrackGoal:
        return self._track_goals[goal_id]

    # -- year plans, tracks and activities --------------------------------
    @property
    def grades(self) -> list[int]:
        return list(self.plans)

    def plan(self, grade: int) -> GradePlan:
        return self.plans[grade]

    def track(self, name: str) -> TrackPlan:
        return self.tracks[name]

    def all_plans(self) -> list[Plan]:
        """The grade year plans in grade order, then the tracks."""
        return [*self.plans.values(), *self.tracks.values()]

    def activities(self) -> list[Activity]:
        """Every activity once, where it is defined: by grade in plan order, then the tracks."""
        return [activity for plan in self.all_plans() for activity in plan.defined]

    def plans_using(self, activity: Activity) -> list[Plan]:
        """The plans that teach ``activity`` (its home plan first)."""
        return [plan for plan in self.all_plans() if any(a.id == activity.id for a in plan.activities)]

    def activity(self, activity_id: str) -> Activity:
        return self._activities[activity_id]

    def has_activity(self, activity_id: str) -> bool:
        return activity_id in self._activities

    def areas_of(self, activity: Activity) -> list[str]:
        """Competence area ids an activity trains (from its goals), in fixed order."""
        found = {self._goals[goal_id].area for goal_id in activity.goals if goal_id in self._goals}
        return [area_id for area_id in AREA_IDS if area_id in found]

    def home_plan(self, activity: Activity) -> Plan:
        return self.plans[activity.grade] if activity.track == GRADE_TRACK else self.tracks[activity.track]

    def file_of(self, activity: Activity) -> str:
        return grade_file(activity.grade) if activity.track == GRADE_TRACK else track_file(activity.track)

    def content_path(self, activity: Activity) -> Path:
        return self.root / activity.content

    def notebook_path(self, activity: Activity) -> Path:
        """The nbgrader source notebook of a notebook activity."""
        return self.content_path(activity) / f"{activity.id}.ipynb"

    def summary(self, activity: Activity) -> dict:
        """The plain-data view used by ``kodefag curriculum list --json``."""
        return {
            "id": activity.id,
            "title": activity.title,
            "grade": activity.grade,
            "kind": activity.kind,
            "lessons": activity.lessons,
            "points": activity.points,
            "goals": list(activity.goals),
            "areas": self.areas_of(activity),
            "subjects": list(activity.subjects),
            "track": activity.track,
            "track_goals": list(activity.track_goals),
        }


# ---------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------
_PYDANTIC_DANISH = {
    "missing": "feltet mangler",
    "extra_forbidden": "ukendt felt (stavefejl?)",
    "string_type": "skal være tekst",
    "int_type": "skal være et heltal",
    "int_parsing": "skal være et heltal",
    "list_type": "skal være en liste",
    "literal_error": "ugyldig værdi",
    "string_pattern_mismatch": "ugyldigt format",
    "greater_than_equal": "er for lille",
    "less_than_equal": "er for stor",
    "too_short": "er for kort eller tom",
    "string_too_short": "er for kort eller tom",
    "string_too_long": "er for lang",
    "model_type": "skal være en samling af felter (nøgle: værdi)",
    "dict_type": "skal være en samling af felter (nøgle: værdi)",
}


def _read_yaml(path: Path, relative: str, problems: list[Problem]):
    """Parse one YAML file; on failure record a problem and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(relative, None, "filen findes ikke"))
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(relative, None, f"filen kan ikke læses som UTF-8-tekst ({error})"))
        return None
    if not text.strip():
        problems.append(Problem(relative, None, "filen er tom"))
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (linje {mark.line + 1}, kolonne {mark.column + 1})" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        problems.append(Problem(relative, None, f"ugyldig YAML{where}: {reason}"))
        return None


def _without_union_tags(location: tuple) -> tuple:
    """Drop the plan item's union tag ("activity"/"use") from an error location: activities.0.title."""
    if len(location) >= 3 and location[0] == "activities" and location[2] in ("activity", "use"):
        return location[:2] + location[3:]
    return location


def _activity_at(data, location: tuple) -> str | None:
    """The id of the activity a pydantic error location points into, if any."""
    if len(location) >= 2 and location[0] == "activities" and isinstance(location[1], int):
        try:
            activity = data["activities"][location[1]]
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(activity, dict) and isinstance(activity.get("id", activity.get("use")), str):
            return activity.get("id", activity.get("use"))
        return f"aktivitet nr. {location[1] + 1}"
    return None


def _schema_problems(error: ValidationError, data, relative: str) -> list[Problem]:
    problems = []
    for detail in error.errors():
        location = _without_union_tags(tuple(detail["loc"]))
        activity = _activity_at(data, location)
        field = ".".join(str(part) for part in location) or "(hele filen)"
        message = _PYDANTIC_DANISH.get(detail["type"], detail["msg"])
        context = detail.get("ctx", {})
        if detail["type"] == "greater_than_equal":
            message = f"skal være mindst {context['ge']}"
        if detail["type"] == "less_than_equal":
            message = f"må højst være {context['le']}"
        if detail["type"] in ("too_short", "string_too_short") and context.get("min_length", 0) > 1:
            message = f"er for kort (mindst {context['min_length']})"
        if detail["type"] in ("value_error", "assertion_error"):
            message = str(detail.get("ctx", {}).get("error", detail["msg"]))
        if detail["type"] in ("literal_error", "enum"):
            message = f"ugyldig værdi {detail.get('input')!r}, skal være en af {detail['ctx']['expected']}"
        problems.append(Problem(relative, activity, f"{field}: {message}"))
    return problems


def _parse(model, data, relative: str, problems: list[Problem]):
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(_schema_problems(error, data, relative))
        return None


def _read_areas(root: Path, problems: list[Problem]) -> list[Area]:
    data = _read_yaml(root / AREAS_FILE, AREAS_FILE, problems)
    if data is None:
        return []
    parsed = _parse(AreasFile, data, AREAS_FILE, problems)
    if parsed is None:
        return []
    seen_areas, seen_goals = set(), set()
    for area in parsed.areas:
        if area.id in seen_areas:
            problems.append(Problem(AREAS_FILE, None, f"kompetenceområdet {area.id} står der to gange"))
        seen_areas.add(area.id)
        for goal in area.goals:
            if goal.id in seen_goals:
                problems.append(Problem(AREAS_FILE, None, f"mål-id'et {goal.id} bruges to gange"))
            seen_goals.add(goal.id)
    return parsed.areas


def _read_plan(root: Path, grade: int, problems: list[Problem]) -> GradePlan | None:
    relative = grade_file(grade)
    data = _read_yaml(root / relative, relative, problems)
    if data is None:
        return None
    plan = _parse(GradePlan, data, relative, problems)
    if plan is not None and plan.grade != grade:
        problems.append(Problem(relative, None, f"filen er for {grade}. klasse, men siger grade: {plan.grade}"))
        return None
    return plan


def _read_subjects(root: Path, problems: list[Problem]) -> list[str]:
    data = _read_yaml(root / SUBJECTS_FILE, SUBJECTS_FILE, problems)
    if data is None:
        return []
    parsed = _parse(SubjectsFile, data, SUBJECTS_FILE, problems)
    if parsed is None:
        return []
    if len(set(parsed.subjects)) != len(parsed.subjects):
        problems.append(Problem(SUBJECTS_FILE, None, "et fag står der flere gange"))
    return parsed.subjects


def _read_tracks(root: Path, problems: list[Problem]) -> dict[str, TrackPlan]:
    """Every ``curriculum/tracks/<name>.yaml``; the file name is the track's name."""
    tracks = {}
    folder = root / TRACKS_DIR
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        relative = track_file(path.stem)
        data = _read_yaml(path, relative, problems)
        if data is None:
            continue
        track = _parse(TrackPlan, data, relative, problems)
        if track is None:
            continue
        if track.track != path.stem:
            problems.append(Problem(relative, None, f"filen hedder {path.stem}, men siger track: {track.track}"))
            continue
        tracks[track.track] = track
    return tracks


def _duplicate_problems(plans: list[Plan]) -> list[Problem]:
    problems, first_seen = [], {}
    for plan in plans:
        for activity in plan.defined:
            if activity.id in first_seen:
                problems.append(Problem(
                    plan_file(plan), activity.id,
                    f"aktivitets-id'et bruges allerede i {first_seen[activity.id]} (id'er skal være unikke)",
                ))
            else:
                first_seen[activity.id] = plan_file(plan)
    return problems


def _resolve_uses(plans: list[Plan]) -> list[Problem]:
    """Give every plan its teaching order, with ``- use: id`` replaced by the activity defined elsewhere."""
    defined = {activity.id: activity for plan in plans for activity in plan.defined}
    problems = []
    for plan in plans:
        sequence, seen = [], set()
        for item in plan.items:
            if isinstance(item, ActivityUse):
                activity = defined.get(item.use)
                if activity is None:
                    problems.append(Problem(plan_file(plan), item.use,
                                            f"planen bruger aktiviteten '{item.use}', som ikke findes i læseplanen"))
                    continue
                if any(a.id == item.use for a in plan.defined):
                    problems.append(Problem(plan_file(plan), item.use,
                                            "aktiviteten står allerede i denne plan; 'use:' er til aktiviteter fra andre planer"))
                    continue
            else:
                activity = item
            if activity.id in seen:
                problems.append(Problem(plan_file(plan), activity.id, "aktiviteten står flere gange i planen"))
                continue
            seen.add(activity.id)
            sequence.append(activity)
        plan.resolve(sequence)
    return problems


def read_curriculum(root: Path = REPO_ROOT) -> tuple[Curriculum | None, list[Problem]]:
    """Read everything that can be read; return the curriculum and the problems found.

    Grade files that do not exist are skipped here (coverage is the validator's
    job), as are tracks (``curriculum/tracks/*.yaml`` are optional); the curriculum
    is None when something could not be parsed at all.
    """
    root = Path(root)
    problems: list[Problem] = []
    areas = _read_areas(root, problems)
    subjects = _read_subjects(root, problems)
    plans = {}
    for grade in GRADES:
        if not (root / grade_file(grade)).exists():
            continue
        plan = _read_plan(root, grade, problems)
        if plan is not None:
            plans[grade] = plan
    tracks = _read_tracks(root, problems)
    every_plan = [*plans.values(), *tracks.values()]
    problems.extend(_duplicate_problems(every_plan))
    if not problems:
        problems.extend(_resolve_uses(every_plan))
    if problems:
        return None, problems
    return Curriculum(root, areas, plans, tracks, subjects), problems


def load_curriculum(root: Path = REPO_ROOT) -> Curriculum:
    """The curriculum under ``root``; raises :class:`CurriculumError` if it does not parse."""
    curriculum, problems = read_curriculum(root)
    if curriculum is None:
        raise CurriculumError(problems)
    return curriculum


@lru_cache(maxsize=4)
def cached_curriculum(root: str = str(REPO_ROOT)) -> Curriculum:
    """The curriculum read once per process (for web requests)."""
    return load_curriculum(Path(root))
