"""The curriculum as typed data: competence areas, goals, year plans, activities.

The YAML files under ``curriculum/`` are the source of truth (see
``curriculum/areas.yaml`` and ``curriculum/grades/grade-<N>.yaml``); these
pydantic models are their schema. They reject unknown keys, so a misspelt
field is an error instead of silently lost data. Cross-file references
(goals, prerequisites, content paths) are checked by
:mod:`kodefag.curriculum.validate`, because they need the whole curriculum.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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
    #: filled in from the area the goal is listed under
    area: str = Field(default="", exclude=True)

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
    """The teacher guide (lærervejledning) of an activity."""

    goal: str = Field(min_length=10)
    time: str = Field(min_length=5)
    preparation: str = Field(min_length=5)
    weaker: str = Field(min_length=10)
    stronger: str = Field(min_length=10)
    discussion: list[str] = Field(min_length=1)

    @field_validator("discussion")
    @classmethod
    def _no_empty_questions(cls, questions: list[str]) -> list[str]:
        if any(not question.strip() for question in questions):
            raise ValueError("et samtalepunkt er tomt")
        return questions


class GradingLimits(_Strict):
    """Time limits for grading one hand-in, when the school defaults do not fit the activity."""

    cell_seconds: int = Field(ge=1, le=600)
    notebook_seconds: int = Field(ge=1, le=3600)


class Activity(_Strict):
    """One thing a pupil does (aktivitet), as listed in a year plan."""

    id: str = Field(pattern=ID_PATTERN, max_length=60)
    title: str = Field(min_length=3)
    kind: Kind
    goals: list[str] = Field(min_length=1)
    lessons: int = Field(ge=1)
    points: int = Field(ge=0)
    prerequisites: list[str] = Field(default_factory=list)
    content: str = Field(min_length=1)
    guide: Guide
    #: per-activity grading limits (default: the school's KODEFAG_CELL_TIMEOUT / KODEFAG_NOTEBOOK_TIMEOUT)
    grading: GradingLimits | None = None
    #: set from the year plan the activity is listed in
    grade: int = Field(default=-1, ge=-1, le=9)

    @property
    def band(self) -> str:
        return band_of_grade(self.grade)


class GradePlan(_Strict):
    """The year plan (årsplan) of one grade: activities in teaching order."""

    grade: int = Field(ge=0, le=9)
    title: str = Field(min_length=3)
    activities: list[Activity]

    @model_validator(mode="after")
    def _activities_know_their_grade(self) -> "GradePlan":
        for activity in self.activities:
            if activity.grade not in (-1, self.grade):
                raise ValueError(
                    f"aktiviteten {activity.id} siger klassetrin {activity.grade}, "
                    f"men står i årsplanen for {self.grade}. klasse"
                )
            activity.grade = self.grade
        return self

    @property
    def band(self) -> str:
        return band_of_grade(self.grade)

    @property
    def total_lessons(self) -> int:
        return sum(activity.lessons for activity in self.activities)
