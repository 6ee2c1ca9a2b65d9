"""A new school year: every class moves up one grade, 9th grade leaves.

A class is the same cohort from year to year (5.A becomes 6.A): the class row keeps
its id, hub group, course folder, releases and every pupil's progress, so each pupil
keeps their history. Its grade changes, so its page offers the new grade's year plan.
9th-grade classes end and their pupils are marked as left (deleted after the retention
period). New 0th-grade classes come with the next CSV import or the roster pages.
"""
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from . import audit, roster_admin
from .models import School, SchoolClass

LAST_GRADE = 9


def pupils(count: int) -> str:
    return f"{count} elev" if count == 1 else f"{count} elever"


@dataclass
class Step:
    school_class: SchoolClass
    new_name: str | None  # None: the class ends
    pupils: int

    def describe(self) -> str:
        if self.new_name is None:
            return f"{self.school_class.name} går ud af skolen ({pupils(self.pupils)} markeres som udmeldt)"
        return f"{self.school_class.name} bliver til {self.new_name} ({pupils(self.pupils)})"


@dataclass
class YearPlan:
    steps: list[Step] = field(default_factory=list)

    @property
    def moved(self) -> list[Step]:
        return [s for s in self.steps if s.new_name is not None]

    @property
    def ended(self) -> list[Step]:
        return [s for s in self.steps if s.new_name is None]

    @property
    def leaving(self) -> int:
        return sum(s.pupils for s in self.ended)

    def as_json(self) -> dict:
        return {"moved": [{"from": s.school_class.name, "to": s.new_name, "pupils": s.pupils} for s in self.moved],
                "ended": [{"class": s.school_class.name, "pupils": s.pupils} for s in self.ended],
                "left": self.leaving}


def plan_new_year(session: Session, school: School) -> YearPlan:
    """What the new school year will do (the portal's preview; changes nothing)."""
    steps = []
    for school_class in roster_admin.active_classes(session, school):
        letter = school_class.name.split(".", 1)[1]
        new_name = None if school_class.grade >= LAST_GRADE else f"{school_class.grade + 1}.{letter}"
        steps.append(Step(school_class, new_name, len(school_class.pupils)))
    # highest grade first, so 8.A can become 9.A after the old 9.A has ended
    steps.sort(key=lambda s: -s.school_class.grade)
    return YearPlan(steps)


def start_new_year(session: Session, school: School, actor) -> set[str]:
    """Carry out the new school year; returns the user names whose hub groups change."""
    plan = plan_new_year(session, school)
    touched = set()
    for step in plan.steps:
        if step.new_name is None:
            for pupil in list(step.school_class.pupils):
                roster_admin.mark_left(session, pupil, actor)
                touched.add(pupil.username)
            roster_admin.end_class(session, step.school_class, actor)
        else:
            roster_admin.rename_class(session, step.school_class, step.new_name, actor)
        session.flush()
    audit.record(session, actor, "school.new_year", school=school.name, moved=len(plan.moved),
                 ended=len(plan.ended), left=plan.leaving)
    return touched
