"""The curriculum as typed data: competence areas, goals, year plans, activities.

The YAML files under ``curriculum/`` are the source of truth (see
``curriculum/areas.yaml`` and ``curriculum/grades/grade-<N>.yaml``); these
pydantic models are their schema. They reject unknown keys, so a misspelt
field is an error instead of silently lost data. Cross-file references
(goals, prerequisites, content paths) are checked by
:mod:`kodefag.curriculum.validate`, because they need the whole curriculum.
"""
from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Tag, field_validator, model_validator

from kodefag.kinds import Kind  # the one table of activity kinds

AreaId = Literal["myndiggoerelse", "design", "computationel", "handleevne"]
Band = Literal["indskoling", "mellemtrin", "udskoling"]

AREA_IDS: tuple[str, ...] = ("myndiggoerelse", "design", "computationel", "handleevne")
BANDS: tuple[str, ...] = ("indskoling", "mellemtrin", "udskoling")
GRADES: tuple[int, ...] = tuple(range(10))

#: which grades belong to which band (trin)
BAND_GRADES: dict[str, tuple[int, ...]] = {
    "indskoling": (0, 1, 2, 3),
    "mellemtrin": (4, 5, 6),
    "udskoling": (7, 8, 9),
}

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: the track of the activities defined in the grade year plans
GRADE_TRACK = "aarsplan"
#: the grades whose micro:bit lessons may offer blocks (Blockly) in the editor
BLOCKS_GRADES = (3, 5)


def band_of_grade(grade: int) -> str:
    """The band (trin) a grade belongs to, e.g. 5 -> "mellemtrin"."""
    for band, grades in BAND_GRADES.items():
        if grade in grades:
            return band
    raise ValueError(f"no band for grade {grade}")


class _Strict(BaseModel):
    """Base: unknown keys are errors, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class Goal(_Strict):
    """A goal (færdigheds- og vidensmål) of one competence area for one band."""

    id: str = Field(pattern=r"^(myndiggoerelse|design|computationel|handleevne)-(indskoling|mellemtrin|udskoling)-[0-9]+$")
    band: Band
    text: str = Field(min_length=10)
    #: 2-3 progression levels, from first steps to the full goal (Danish, for teachers and elevplaner)
    levels: list[str] = Field(min_length=2, max_length=3)
    #: filled in from the area the goal is listed under
    area: str = Field(default="", exclude=True)

    @field_validator("levels")
    @classmethod
    def _levels_are_sentences(cls, levels: list[str]) -> list[str]:
        if any(len(level.strip()) < 10 for level in levels):
            raise ValueError("et niveau er tomt eller for kort")
        return levels

    @model_validator(mode="after")
    def _band_matches_id(self) -> "Goal":
        if self.id.split("-")[1] != self.band:
            raise ValueError(f"målet {self.id} står under trin '{self.band}', men id'et siger noget andet")
        return self


class Area(_Strict):
    """A competence area (kompetenceområde) of teknologiforståelse."""

    id: AreaId
    title: str = Field(min_length=3)
    description: str = ""
    goals: list[Goal]

    @model_validator(mode="after")
    def _goals_belong_here(self) -> "Area":
        for goal in self.goals:
            if not goal.id.startswith(self.id + "-"):
                raise ValueError(f"målet {goal.id} står under kompetenceområdet {self.id}")
            goal.area = self.id
        return self


class AreasFile(_Strict):
    """The contents of ``curriculum/areas.yaml``."""

    areas: list[Area]


class Guide(_Strict):
    """The teacher guide (lærervejledning) of an activity.

    Written for a teacher who is not a specialist in the subject: besides the plan
    for the lessons it names the misconceptions pupils typically have, the key
    terms with a one-line explanation, and a short subject note (faglig note).
    """

    goal: str = Field(min_length=10)
    time: str = Field(min_length=5)
    preparation: str = Field(min_length=5)
    weaker: str = Field(min_length=10)
    stronger: str = Field(min_length=10)
    discussion: list[str] = Field(min_length=1)
    #: typical wrong ideas pupils have, each with what to do about it
    misconceptions: list[str] = Field(min_length=1)
    #: key terms (fagord) -> a short explanation a pupil of the grade understands
    key_terms: dict[str, str] = Field(min_length=1)
    #: a few sentences of background for a teacher who is not a specialist
    subject_note: str = Field(min_length=20)

    @field_validator("discussion", "misconceptions")
    @classmethod
    def _no_empty_items(cls, items: list[str]) -> list[str]:
        if any(not item.strip() for item in items):
            raise ValueError("et punkt er tomt")
        return items

    @field_validator("key_terms")
    @classmethod
    def _terms_are_explained(cls, terms: dict[str, str]) -> dict[str, str]:
        for term, explanation in terms.items():
            if not str(term).strip() or len(str(explanation).strip()) < 5:
                raise ValueError(f"fagordet '{term}' mangler en forklaring")
        return terms


class GradingLimits(_Strict):
    """Time limits for grading one hand-in, when the school defaults do not fit the activity."""

    cell_seconds: int = Field(ge=1, le=600)
    notebook_seconds: int = Field(ge=1, le=3600)


class RubricLevel(_Strict):
    """One level of a rubric criterion: what the teacher sees, and the points it gives."""

    points: int = Field(ge=0, le=20)
    text: str = Field(min_length=5)


class RubricCriterion(_Strict):
    """One thing the teacher judges (vurderingskriterium), with levels from 0 points up."""

    id: str = Field(pattern=ID_PATTERN, max_length=40)
    criterion: str = Field(min_length=3)
    levels: list[RubricLevel] = Field(min_length=2, max_length=5)

    @model_validator(mode="after")
    def _levels_climb_from_zero(self) -> "RubricCriterion":
        points = [level.points for level in self.levels]
        if points[0] != 0 or points != sorted(set(points)):
            raise ValueError(f"niveauerne i kriteriet '{self.id}' skal starte ved 0 point og stige")
        return self

    @property
    def max_points(self) -> int:
        return self.levels[-1].points


class Activity(_Strict):
    """One thing a pupil does (aktivitet), as listed in a year plan or a track."""

    id: str = Field(pattern=ID_PATTERN, max_length=60)
    title: str = Field(min_length=3)
    kind: Kind
    goals: list[str] = Field(min_length=1)
    lessons: int = Field(ge=1)
    #: everything the activity can give: the engine's checks plus the teacher's rubric
    points: int = Field(ge=0)
    prerequisites: list[str] = Field(default_factory=list)
    content: str = Field(min_length=1)
    #: the school subjects the activity links to (curriculum/subjects.yaml)
    subjects: list[str] = Field(min_length=1)
    #: tegn på læring: short id -> what the teacher can see the pupil do (ticked per pupil)
    signs: dict[str, str] = Field(min_length=1)
    #: the teacher-judged part of the points (games, micro:bit, design work)
    rubric: list[RubricCriterion] | None = None
    #: goals of the track the activity is taught in (valgfag goals), when it belongs to one
    track_goals: list[str] = Field(default_factory=list)
    guide: Guide
    #: per-activity grading limits (default: the school's KODEFAG_CELL_TIMEOUT / KODEFAG_NOTEBOOK_TIMEOUT)
    grading: GradingLimits | None = None
    #: the editor offers blocks (Blockly) that become Python: micro:bit lessons of grades 3-5 only
    blocks: bool = False
    #: set from the plan the activity is defined in (a track's first grade for track activities)
    grade: int = Field(default=-1, ge=-1, le=9)
    #: set from the plan the activity is defined in: "aarsplan" or the track's name
    _track: str = PrivateAttr(default=GRADE_TRACK)

    @field_validator("signs")
    @classmethod
    def _signs_are_items(cls, signs: dict[str, str]) -> dict[str, str]:
        for sign_id, text in signs.items():
            if not re.fullmatch(ID_PATTERN, str(sign_id)):
                raise ValueError(f"tegn på læring '{sign_id}': id'et må kun have små bogstaver, tal og bindestreger")
            if len(str(text).strip()) < 10:
                raise ValueError(f"tegn på læring '{sign_id}' er for kort")
        return signs

    @model_validator(mode="after")
    def _blocks_only_for_microbit(self) -> "Activity":
        if self.blocks and self.kind != Kind.microbit:
            raise ValueError(f"aktiviteten {self.id}: blokke (blocks: true) findes kun til micro:bit-lektioner")
        return self

    @field_validator("rubric")
    @classmethod
    def _criteria_unique(cls, rubric):
        if rubric is not None:
            ids = [criterion.id for criterion in rubric]
            if len(ids) != len(set(ids)) or not ids:
                raise ValueError("rubrikkens kriterier skal have forskellige id'er (og der skal være mindst ét)")
        return rubric

    @property
    def band(self) -> str:
        return band_of_grade(self.grade)

    @property
    def track(self) -> str:
        """The plan the activity is defined in: "aarsplan" (a grade's year plan) or a track's name."""
        return self._track

    @property
    def rubric_points(self) -> int:
        """Points the teacher gives with the rubric (0 without one)."""
        return sum(criterion.max_points for criterion in self.rubric or [])


class ActivityUse(_Strict):
    """A plan item that teaches an activity defined in another plan (``- use: g7-soeg-og-sorter``)."""

    use: str = Field(pattern=ID_PATTERN)


def _item_kind(value) -> str:
    """Which model a plan item is: ``use:`` of another plan's activity, or an activity defined here."""
    if isinstance(value, ActivityUse) or (isinstance(value, dict) and "use" in value):
        return "use"
    return "activity"


PlanItem = Annotated[Union[Annotated[ActivityUse, Tag("use")], Annotated[Activity, Tag("activity")]],
                     Discriminator(_item_kind)]


def _defined(items: list) -> list[Activity]:
    return [item for item in items if isinstance(item, Activity)]


class _Plan(_Strict):
    """What a grade's year plan and a track have alike: a sequence of activities.

    ``items`` is what the file says (activities defined here, or ``use:`` of an
    activity defined elsewhere); the loader resolves them into ``activities``.
    """

    title: str = Field(min_length=3)
    items: list[PlanItem] = Field(alias="activities")
    #: the plan in teaching order with ``use:`` items resolved (set by the loader)
    _sequence: list[Activity] | None = PrivateAttr(default=None)

    @property
    def defined(self) -> list[Activity]:
        """The activities this file defines (not the ones it uses from other plans)."""
        return _defined(self.items)

    @property
    def activities(self) -> list[Activity]:
        """The plan in teaching order (after the loader resolved ``use:``; before that, the defined ones)."""
        return list(self._sequence) if self._sequence is not None else self.defined

    def resolve(self, sequence: list[Activity]) -> None:
        self._sequence = list(sequence)

    @property
    def total_lessons(self) -> int:
        return sum(activity.lessons for activity in self.activities)


class GradePlan(_Plan):
    """The year plan (årsplan) of one grade: activities in teaching order."""

    grade: int = Field(ge=0, le=9)

    @model_validator(mode="after")
    def _activities_know_their_grade(self) -> "GradePlan":
        for activity in _defined(self.items):
            if activity.grade not in (-1, self.grade):
                raise ValueError(
                    f"aktiviteten {activity.id} siger klassetrin {activity.grade}, "
                    f"men står i årsplanen for {self.grade}. klasse"
                )
            activity.grade = self.grade
            activity._track = GRADE_TRACK
            if activity.blocks and not BLOCKS_GRADES[0] <= self.grade <= BLOCKS_GRADES[1]:
                raise ValueError(f"aktiviteten {activity.id}: blokke (blocks: true) er til {BLOCKS_GRADES[0]}.-"
                                 f"{BLOCKS_GRADES[1]}. klasse, ikke {self.grade}. klasse")
        return self

    @property
    def key(self) -> str:
        return f"grade-{self.grade}"

    @property
    def band(self) -> str:
        return band_of_grade(self.grade)


class TrackGoal(_Strict):
    """A goal of a track (e.g. the valgfag's goals), with progression levels like the areas' goals."""

    id: str = Field(pattern=ID_PATTERN, max_length=60)
    text: str = Field(min_length=10)
    levels: list[str] = Field(min_length=2, max_length=3)


class TrackPlan(_Plan):
    """A plan outside the grade year plans, e.g. the one-year valgfag for grades 7-9.

    Its activities are defined in the track file (their id starts with the track's
    name) or used from a grade plan (``- use: id``); the whole track must stand on
    its own: no prerequisite outside it.
    """

    track: str = Field(pattern=ID_PATTERN)
    #: grades the track is offered in; track activities count as the first of them
    grades: list[int] = Field(min_length=1)
    #: the goals are provisional (e.g. until a new national fagplan is confirmed)
    provisional: bool = False
    description: str = ""
    goals: list[TrackGoal] = Field(min_length=1)

    @field_validator("grades")
    @classmethod
    def _grades_in_one_band(cls, grades: list[int]) -> list[int]:
        if any(grade not in GRADES for grade in grades) or len({band_of_grade(g) for g in grades}) != 1:
            raise ValueError("klassetrinnene skal være 0-9 og høre til samme trin")
        return sorted(grades)

    @model_validator(mode="after")
    def _activities_know_their_track(self) -> "TrackPlan":
        for activity in _defined(self.items):
            activity.grade = self.grades[0]
            activity._track = self.track
        return self

    @property
    def key(self) -> str:
        return self.track

    @property
    def band(self) -> str:
        return band_of_grade(self.grades[0])


class SubjectsFile(_Strict):
    """The contents of ``curriculum/subjects.yaml``: the school subjects activities link to."""

    subjects: list[str] = Field(min_length=1)
