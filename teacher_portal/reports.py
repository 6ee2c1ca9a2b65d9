"""Numbers for school leaders and the municipality: what has been taught, and what it did.

Why a module of its own: the leader's school view, the municipality view and the
benchmark all need the same few aggregate queries, and the privacy rules of
reports (docs/privacy.md) live in one place:

- nothing here returns a pupil's name or id; the smallest unit is a class;
- an average of pupils' results is shown only when at least :data:`MIN_PUPILS` pupils are
  behind it (:func:`shown`), so no one can work back to one child's result.

Every function takes the database session and the curriculum as arguments and runs a
fixed, small number of queries however many schools there are (one per table, grouped
in the database), so the pages stay fast at municipality scale (docs/performance.md).
"""
from __future__ import annotations

import datetime as dt
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from kodefag.curriculum.kompetencetjek import PREFIX as CHECK_IN_PREFIX
from kodefag.curriculum.kompetencetjek import area_scores, area_signs, parse_check_in
from kodefag.curriculum.loader import Curriculum
from kodefag.curriculum.schema import AREA_IDS

from .learning import DONE, SignTick
from .models import LessonSlot, Progress, Release, School, SchoolClass, Submission, class_pupils

#: the fewest pupils an average of results may stand for (docs/privacy.md)
MIN_PUPILS = 5
#: the Danish school year begins on 1 August
SCHOOL_YEAR_START_MONTH = 8


def school_year_of(moment: dt.date | dt.datetime) -> str:
    """"2026/27" for any day from 1 August 2026 to 31 July 2027."""
    first = moment.year if moment.month >= SCHOOL_YEAR_START_MONTH else moment.year - 1
    return f"{first}/{str(first + 1)[-2:]}"


def school_year_start(today: dt.date) -> dt.date:
    first = today.year if today.month >= SCHOOL_YEAR_START_MONTH else today.year - 1
    return dt.date(first, SCHOOL_YEAR_START_MONTH, 1)


def lessons_held(weekdays: list[int], today: dt.date) -> int:
    """Weekly lessons that have taken place from the start of the school year up to today.

    Counted from the class's lesson plan (LessonSlot); holidays are not known to the
    portal, so this is the number of lessons on the timetable, not a register."""
    start = school_year_start(today)
    days = (today - start).days + 1
    held = 0
    for weekday in weekdays:
        first = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
        if first <= today:
            held += (today - first).days // 7 + 1
    return held if days > 0 else 0


def shown(value: float | None, pupils: int) -> float | None:
    """An average of pupils' results, or None when too few pupils stand behind it."""
    return value if pupils >= MIN_PUPILS else None


# ----------------------------------------------------------------------------- teaching
@dataclass
class ClassReport:
    """What one class has been taught: no pupil data beyond counts."""

    school: str
    name: str
    slug: str
    grade: int
    pupils: int = 0
    planned: int = 0
    released: int = 0
    #: pupil x released activity pairs, and how many of them are done
    pairs: int = 0
    done_pairs: int = 0
    lessons: int = 0
    has_timetable: bool = False
    #: area -> (released activities touching the area, planned activities touching it)
    areas: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def done_share(self) -> float | None:
        return self.done_pairs / self.pairs if self.pairs else None

    def coverage(self, area: str) -> float | None:
        released, planned = self.areas.get(area, (0, 0))
        return released / planned if planned else None


@dataclass
class Summary:
    """Several classes added up: a grade, a school, the municipality."""

    label: str
    classes: list[ClassReport]

    def _sum(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.classes)

    @property
    def pupils(self) -> int:
        return self._sum("pupils")

    @property
    def released(self) -> int:
        return self._sum("released")

    @property
    def planned(self) -> int:
        return self._sum("planned")

    @property
    def lessons(self) -> int:
        return self._sum("lessons")

    @property
    def done_share(self) -> float | None:
        pairs = self._sum("pairs")
        return self._sum("done_pairs") / pairs if pairs else None

    def coverage(self, area: str) -> float | None:
        planned = sum(c.areas.get(area, (0, 0))[1] for c in self.classes)
        released = sum(c.areas.get(area, (0, 0))[0] for c in self.classes)
        return released / planned if planned else None


def class_reports(session: Session, curriculum: Curriculum, school_ids: list[int] | None,
                  today: dt.date) -> list[ClassReport]:
    """Every active class of the schools (None = all schools), in school, grade, name order."""
    query = (select(SchoolClass.id, School.name, SchoolClass.name, SchoolClass.slug, SchoolClass.grade)
             .join(School, School.id == SchoolClass.school_id).where(SchoolClass.ended_at.is_(None)))
    if school_ids is not None:
        query = query.where(SchoolClass.school_id.in_(school_ids))
    rows = session.execute(query.order_by(School.name, SchoolClass.grade, SchoolClass.name)).all()
    reports = {row[0]: ClassReport(school=row[1], name=row[2], slug=row[3], grade=row[4]) for row in rows}
    if not reports:
        return []
    ids = list(reports)
    for class_id, count in session.execute(select(class_pupils.c.class_id, func.count())
                                           .where(class_pupils.c.class_id.in_(ids))
                                           .group_by(class_pupils.c.class_id)):
        reports[class_id].pupils = count
    # per release: pupils with a row, and how many of them are done; only the class's own year
    # plan counts (a class keeps the releases of earlier grades when it moves up)
    plans = _plan_areas(curriculum)
    released: dict[int, set[str]] = defaultdict(set)
    done = case((Progress.status.in_(list(DONE)), 1), else_=0)
    for class_id, activity_id, pairs, done_pairs in session.execute(
            select(Release.class_id, Release.activity_id, func.count(Progress.id), func.sum(done))
            .outerjoin(Progress, Progress.release_id == Release.id)
            .where(Release.class_id.in_(ids)).group_by(Release.class_id, Release.activity_id)):
        report = reports[class_id]
        if activity_id not in plans.get(report.grade, {}):
            continue
        released[class_id].add(activity_id)
        report.pairs += pairs
        report.done_pairs += int(done_pairs or 0)
    weekdays: dict[int, list[int]] = defaultdict(list)
    for class_id, weekday in session.execute(select(LessonSlot.class_id, LessonSlot.weekday)
                                             .where(LessonSlot.class_id.in_(ids))):
        weekdays[class_id].append(weekday)
    for class_id, report in reports.items():
        plan = plans.get(report.grade, {})
        report.planned = len(plan)
        report.released = len(released[class_id])
        report.lessons = lessons_held(weekdays[class_id], today)
        report.has_timetable = bool(weekdays[class_id])
        report.areas = {area: (sum(1 for a, areas in plan.items() if area in areas and a in released[class_id]),
                               sum(1 for areas in plan.values() if area in areas)) for area in AREA_IDS}
    return list(reports.values())


#: the teaching numbers of a report page may be this old (seconds): summing every pupil's progress
#: at municipality scale costs more than a page may take, and no one needs them to the second
TEACHING_MAX_AGE = 60
_teaching_cache: dict[tuple, tuple[float, list[ClassReport]]] = {}


def cached_class_reports(session: Session, curriculum: Curriculum, school_ids: list[int] | None,
                         today: dt.date) -> list[ClassReport]:
    """:func:`class_reports`, kept for :data:`TEACHING_MAX_AGE` seconds per process."""
    key = (str(session.get_bind().url), tuple(school_ids) if school_ids is not None else None, today)
    cached = _teaching_cache.get(key)
    if cached is not None and time.monotonic() - cached[0] < TEACHING_MAX_AGE:
        return cached[1]
    reports = class_reports(session, curriculum, school_ids, today)
    _teaching_cache[key] = (time.monotonic(), reports)
    return reports


def _plan_areas(curriculum: Curriculum) -> dict[int, dict[str, list[str]]]:
    """grade -> {activity id of the year plan: its competence areas}."""
    return {grade: {activity.id: curriculum.areas_of(activity) for activity in curriculum.plan(grade).activities}
            for grade in curriculum.grades}


def by_grade(classes: list[ClassReport]) -> list[Summary]:
    grades: dict[int, list[ClassReport]] = defaultdict(list)
    for report in classes:
        grades[report.grade].append(report)
    return [Summary(f"{grade}. klasse", grades[grade]) for grade in sorted(grades)]


def by_school(classes: list[ClassReport]) -> list[Summary]:
    schools: dict[str, list[ClassReport]] = defaultdict(list)
    for report in classes:
        schools[report.school].append(report)
    return [Summary(name, schools[name]) for name in sorted(schools)]


# ----------------------------------------------------------------------------- effect
@dataclass(frozen=True)
class Growth:
    """The kompetencetjek of one class in one school year, for one area: pupils who took both."""

    school: str
    class_name: str
    grade: int | None
    school_year: str
    area: str
    pupils: int
    start: float  # mean share of the area's points at the start, 0..1
    end: float

    @property
    def growth(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class GrowthSummary:
    """Growth over a group (class, school, area, year), pupils-weighted; None when too few pupils."""

    label: str
    pupils: int
    start: float | None
    end: float | None

    @property
    def growth(self) -> float | None:
        return None if self.start is None or self.end is None else self.end - self.start


def growth_rows(session: Session, curriculum: Curriculum, school_ids: list[int] | None) -> list[Growth]:
    """Per class, school year and area: the mean start and end shares of pupils who took both checks.

    Notebook check-ins (grade 4 up) are read from the graded hand-in's cells and the
    teacher's points; the indskoling's unplugged ones from the ticked signs. A pupil
    counts once the check is done (graded or checked off) on both occasions."""
    scores = _pupil_check_scores(session, curriculum, school_ids)
    pairs: dict[tuple, dict[str, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
    for (class_key, group, pupil_id), phases in scores.items():
        if "start" not in phases or "slut" not in phases:
            continue
        (start_year, start_areas), (_, end_areas) = phases["start"], phases["slut"]
        for area in AREA_IDS:
            if area in start_areas and area in end_areas:
                pairs[(class_key, group, start_year)][area].append((start_areas[area], end_areas[area]))
    rows = []
    for ((school, class_name, grade), group, year), areas in pairs.items():
        check_grade = int(group[1:]) if group[1:].isdigit() else grade
        for area, values in areas.items():
            rows.append(Growth(school, class_name, check_grade, year, area, len(values),
                               sum(s for s, _ in values) / len(values), sum(e for _, e in values) / len(values)))
    return sorted(rows, key=lambda r: (r.school_year, r.school, r.class_name, AREA_IDS.index(r.area)))


def _is_check_in(column):
    """``column`` names a kompetencetjek: a range on the id, so the index on it is used."""
    return (column >= CHECK_IN_PREFIX) & (column < CHECK_IN_PREFIX[:-1] + chr(ord(CHECK_IN_PREFIX[-1]) + 1))


_growth_cache: dict[str, tuple[tuple, list[Growth]]] = {}
#: the fingerprint itself (tens of ms at municipality scale) is read at most this often (seconds)
FINGERPRINT_MAX_AGE = 15
_fingerprint_read: dict[str, float] = {}
_growth_lock = threading.Lock()


def check_in_fingerprint(session: Session) -> tuple:
    """Changes whenever anything the effect report reads changes: check-in results, their ticked
    signs, and the names of schools and classes. Cheap (index-only counts and maxima)."""
    progress = session.execute(select(func.count(), func.max(Progress.updated_at))
                               .join(Release, Release.id == Progress.release_id)
                               .where(_is_check_in(Release.activity_id))).one()
    ticks = session.execute(select(func.count(), func.max(SignTick.ticked_at))
                            .where(_is_check_in(SignTick.activity_id))).one()
    names = session.execute(select(SchoolClass.id, SchoolClass.name, School.name)
                            .join(School, School.id == SchoolClass.school_id).order_by(SchoolClass.id)).all()
    return tuple(progress), tuple(ticks), hash(tuple(map(tuple, names)))


def all_growth_rows(session: Session, curriculum: Curriculum) -> list[Growth]:
    """:func:`growth_rows` of every school, computed again only when :func:`check_in_fingerprint` changes.

    Reading every pupil's check-in takes seconds at municipality scale; the results change
    twice a year (when the classes take the kompetencetjek), so each portal process keeps the
    rows of the newest fingerprint, and looks at the fingerprint at most every
    :data:`FINGERPRINT_MAX_AGE` seconds (a new result shows within that time)."""
    database = str(session.get_bind().url)
    cached = _growth_cache.get(database)
    if cached is not None and time.monotonic() - _fingerprint_read.get(database, 0.0) < FINGERPRINT_MAX_AGE:
        return cached[1]
    fingerprint = check_in_fingerprint(session)
    _fingerprint_read[database] = time.monotonic()
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    with _growth_lock:  # one thread computes; the others then find its rows
        cached = _growth_cache.get(database)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        rows = growth_rows(session, curriculum, None)
        _growth_cache[database] = (fingerprint, rows)
        return rows


def _pupil_check_scores(session: Session, curriculum: Curriculum, school_ids: list[int] | None):
    """(class, check group, pupil) -> {phase: (school year, {area: share})}."""
    query = (select(School.name, SchoolClass.name, SchoolClass.grade, Release.activity_id, Release.kind,
                    Release.released_at, Progress.pupil_id, Progress.status, Submission.result,
                    Submission.manual_scores)
             .select_from(Progress)
             .join(Release, Release.id == Progress.release_id)
             .join(SchoolClass, SchoolClass.id == Release.class_id)
             .join(School, School.id == SchoolClass.school_id)
             .outerjoin(Submission, Submission.id == Progress.last_submission_id)
             .where(_is_check_in(Release.activity_id), Progress.status.in_(list(DONE))))
    if school_ids is not None:
        query = query.where(SchoolClass.school_id.in_(school_ids))
    rows = session.execute(query).all()
    ticks = _check_in_ticks(session, {row.pupil_id for row in rows if row.kind == "unplugged"})
    scores: dict[tuple, dict[str, tuple[str, dict[str, float]]]] = defaultdict(dict)
    for school, class_name, grade, activity_id, kind, released_at, pupil_id, _status, result, manual in rows:
        check = parse_check_in(activity_id)
        if check is None:
            continue
        if kind == "unplugged":
            if not curriculum.has_activity(activity_id):
                continue
            totals = area_signs(curriculum.activity(activity_id).signs, ticks.get((pupil_id, activity_id), set()))
        else:
            totals = area_scores((result or {}).get("cells", []), manual)
        shares = {area: got / most for area, (got, most) in totals.items() if most}
        scores[((school, class_name, grade), check.group, pupil_id)][check.phase] = (school_year_of(released_at), shares)
    return scores


def _check_in_ticks(session: Session, pupil_ids: set[int]) -> dict[tuple[int, str], set[str]]:
    if not pupil_ids:
        return {}
    ticks: dict[tuple[int, str], set[str]] = defaultdict(set)
    rows = session.execute(select(SignTick.pupil_id, SignTick.activity_id, SignTick.sign_id)
                           .where(_is_check_in(SignTick.activity_id),
                                  SignTick.pupil_id.in_(list(pupil_ids))))
    for pupil_id, activity_id, sign_id in rows:
        ticks[(pupil_id, activity_id)].add(sign_id)
    return ticks


def summarize(label: str, rows: list[Growth]) -> GrowthSummary:
    """Pupil-weighted means over rows of one area (or over several, each pupil-area counted once)."""
    pupils = sum(r.pupils for r in rows)
    if not pupils:
        return GrowthSummary(label, 0, None, None)
    start = sum(r.start * r.pupils for r in rows) / pupils
    end = sum(r.end * r.pupils for r in rows) / pupils
    # pupils are counted per area; the smallest area group is the number of pupils behind the figure
    behind = min(sum(r.pupils for r in rows if r.area == area) for area in {r.area for r in rows})
    return GrowthSummary(label, behind, shown(start, behind), shown(end, behind))


def group_growth(rows: list[Growth], key) -> dict:
    """Rows grouped by ``key(row)`` (e.g. school year and area), each summarised."""
    groups: dict = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return {k: summarize(str(k), v) for k, v in sorted(groups.items(), key=lambda item: str(item[0]))}

