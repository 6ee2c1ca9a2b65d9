"""A synthetic municipality around the demo school: `kodefag demo --municipality`.

Why: the leader's and the municipality's reports only say something with many schools and
a few school years of kompetencetjek behind them, and the portal must stay fast at that
scale (`kodefag bench portal`). This module makes such data, reproducibly: the same seed
and the same school year give the same rows. Rows are written with bulk inserts (one
statement per table and batch), so 5,000 pupils and 200,000 results take seconds.

The demo school itself is left exactly as `seed_demo` makes it, so the demo accounts and
their notebooks keep working. Synthetic schools get a leader ``leder-sNN`` and a teacher
per class ``laerer-sNN-<class>`` (password "demo", like the demo accounts); their pupils
have no password (they cannot log in) and made-up names. Every school year before this
one is complete (the year plan released, done, both kompetencetjek taken); this year is
under way.
"""
from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from kodefag.curriculum.kompetencetjek import area_of, parse_check_in
from kodefag.curriculum.loader import Curriculum
from kodefag.curriculum.schema import AREA_IDS

from .db import analyze
from .learning import SignTick
from .models import (LessonSlot, Progress, Release, Role, School, SchoolClass, Status, Submission, User,
                     class_pupils, class_teachers)
from .reports import school_year_start
from .roster import hash_password
from .seed import DEMO_PASSWORD, FIRST_NAMES

SCHOOL_NAMES = ["Nordskolen", "Søndervangskolen", "Bakkeskolen", "Engskolen", "Havnens Skole", "Skovbrynet",
                "Åskolen", "Lindeskolen", "Kirkebjerg Skole", "Vestre Skole", "Mølleskolen", "Strandskolen",
                "Østerbro Skole", "Højvangskolen", "Fjordskolen"]
LETTERS = "AB"
#: how far into this school year the synthetic classes are (share of the year plan released)
THIS_YEAR_SHARE = 0.6
BATCH = 5000


@dataclass
class Counts:
    schools: int = 0
    classes: int = 0
    pupils: int = 0
    releases: int = 0
    results: int = 0


def seed_municipality(session: Session, curriculum: Curriculum, *, pupils: int = 5000, results: int = 200_000,
                      seed: int = 2026, today: dt.date | None = None) -> Counts:
    """Add synthetic schools until ``pupils`` pupils; at most ``results`` progress rows.

    Does nothing when synthetic schools exist already (returns zero counts): run it on a
    fresh var/ to change the size."""
    if session.scalar(select(func.count()).select_from(School).where(School.name.in_(SCHOOL_NAMES))):
        return Counts()
    rng = random.Random(seed)
    year_start = school_year_start(today or dt.date.today())
    password = hash_password(DEMO_PASSWORD)
    plans = {grade: curriculum.plan(grade).activities for grade in curriculum.grades}
    per_pupil = results / max(pupils, 1)
    history = _history_years(plans, per_pupil)
    counts = Counts()
    made = 0
    for index in range(len(SCHOOL_NAMES)):
        if made >= pupils:
            break
        school_id = session.execute(insert(School).returning(School.id), [{"name": SCHOOL_NAMES[index]}]).scalar()
        counts.schools += 1
        code = f"s{index + 1:02d}"
        #: how well the school's teaching works: the municipality's question is where there is effect
        school_effect = rng.uniform(0.05, 0.25)
        _bulk(session, User, [{"username": f"leder-{code}", "display_name": f"Skoleleder, {SCHOOL_NAMES[index]}",
                               "role": Role.leader, "school_id": school_id, "password_hash": password}])
        for grade in sorted(plans):
            for letter in LETTERS:
                if made >= pupils:
                    break
                size = min(rng.randint(18, 26), pupils - made)
                made += size
                _seed_class(session, rng, code, school_id, grade, letter, size, plans, history, year_start,
                            school_effect, password, counts)
    counts.pupils = made
    analyze(session)
    return counts


def _history_years(plans: dict, per_pupil: float) -> int:
    """How many earlier school years of releases fit in ``per_pupil`` results per pupil."""
    this_year = THIS_YEAR_SHARE * sum(len(p) for p in plans.values()) / len(plans)
    full_year = sum(len(p) for p in plans.values()) / len(plans)
    return max(0, min(3, math.floor((per_pupil - this_year) / full_year)))


def _bulk(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert rows in batches; the new ids in the rows' order."""
    ids: list[int] = []
    for start in range(0, len(rows), BATCH):
        result = session.execute(insert(model).returning(model.id, sort_by_parameter_order=True),
                                 rows[start:start + BATCH])
        ids += list(result.scalars())
    return ids


def _seed_class(session, rng, code, school_id, grade, letter, size, plans, history, year_start, school_effect,
                password, counts) -> None:
    slug = f"{code}-{grade}{letter.lower()}"
    class_id = _bulk(session, SchoolClass, [{"school_id": school_id, "name": f"{grade}.{letter}", "slug": slug,
                                             "grade": grade}])[0]
    counts.classes += 1
    teacher_id = _bulk(session, User, [{"username": f"laerer-{slug}", "display_name": f"Lærer {grade}.{letter}",
                                        "role": Role.teacher, "school_id": school_id, "password_hash": password}])[0]
    session.execute(insert(class_teachers), [{"class_id": class_id, "user_id": teacher_id}])
    pupil_ids = _bulk(session, User, [
        {"username": f"e{code[1:]}{grade}{letter.lower()}{n:02d}", "role": Role.pupil, "school_id": school_id,
         "display_name": f"{rng.choice(FIRST_NAMES)} ({grade}.{letter}, {code})", "password_hash": None}
        for n in range(1, size + 1)])
    session.execute(insert(class_pupils), [{"class_id": class_id, "user_id": p} for p in pupil_ids])
    slots = rng.sample(range(5), rng.choice((1, 2)))
    _bulk(session, LessonSlot, [{"class_id": class_id, "weekday": d, "starts": "10:00", "ends": "10:45"}
                                for d in slots])
    ability = {p: rng.gauss(0.45, 0.15) for p in pupil_ids}
    # earlier years: the class was in lower grades and did the whole plan; this year: part of it
    for years_back in range(history, -1, -1):
        year_grade = grade - years_back
        if year_grade not in plans:
            continue
        start = year_start.replace(year=year_start.year - years_back)
        plan = plans[year_grade]
        share = 1.0 if years_back else THIS_YEAR_SHARE
        released = [a for a in plan if not a.id.endswith("-slut")][:max(1, round(share * len(plan)))]
        if years_back:
            released = list(plan)
        _release_year(session, rng, class_id, released, pupil_ids, ability, start, years_back == 0,
                      school_effect, counts)


def _release_year(session, rng, class_id, activities, pupil_ids, ability, year_start, current, school_effect,
                  counts) -> None:
    days = 300 if not current else 100
    rows = []
    base = dt.datetime.combine(year_start, dt.time(8))
    for position, activity in enumerate(activities):
        offset = 310 if activity.id.endswith("-slut") else round(days * position / max(len(activities), 1))
        released_at = base + dt.timedelta(days=offset)
        rows.append({"class_id": class_id, "activity_id": activity.id, "kind": activity.kind, "title": activity.title,
                     "max_score": float(activity.points), "released_at": released_at})
    release_ids = _bulk(session, Release, rows)
    counts.releases += len(release_ids)
    progress, ticks, check_ins = [], [], []
    for release_id, activity, row in zip(release_ids, activities, rows):
        recent = current and activity is activities[-1]
        check = parse_check_in(activity.id)
        for pupil in pupil_ids:
            if check is not None:
                shares = _check_in_shares(rng, ability[pupil], check.phase, school_effect)
                if activity.kind == "unplugged":
                    ticked = [s for s in activity.signs if area_of(s) and rng.random() < shares[area_of(s)]]
                    ticks += [{"pupil_id": pupil, "activity_id": activity.id, "sign_id": s} for s in ticked]
                    progress.append(_progress(pupil, release_id, Status.checked_off, 0.0, 0.0))
                else:
                    check_ins.append((pupil, release_id, row, activity, shares))
                continue
            status, score = _outcome(rng, ability[pupil], activity.points, recent)
            progress.append(_progress(pupil, release_id, status, score, float(activity.points)))
    if check_ins:
        _notebook_check_ins(session, rng, check_ins, progress)
    _bulk(session, Progress, progress)
    if ticks:
        session.execute(insert(SignTick), ticks)
    counts.results += len(progress)


def _progress(pupil, release_id, status, score, max_score, submission_id=None) -> dict:
    return {"pupil_id": pupil, "release_id": release_id, "status": status, "score": score, "max_score": max_score,
            "attempts": 1 if status is not Status.released else 0, "last_submission_id": submission_id}


def _outcome(rng, ability: float, points: int, recent: bool) -> tuple[Status, float | None]:
    """Most work of the year is done; the newest activity is still under way for many.

    Under way means not handed in: a "handed in" or "needs the teacher" status without a
    hand-in behind it would disagree with the grading queue's counter on the class page."""
    roll = rng.random()
    if recent and roll < 0.5:
        return rng.choice((Status.released, Status.fetched)), None
    if roll < 0.06:
        return Status.released, None
    share = min(1.0, max(0.0, rng.gauss(ability + 0.25, 0.2)))
    return Status.graded, round(share * points)


def _check_in_shares(rng, ability: float, phase: str, school_effect: float) -> dict[str, float]:
    """The pupil's share of each area's points; the end of the year is better by the school's effect."""
    growth = school_effect if phase == "slut" else 0.0
    offsets = {"computationel": -0.05, "design": 0.05, "myndiggoerelse": 0.08, "handleevne": 0.0}
    return {area: min(1.0, max(0.0, rng.gauss(ability + offsets[area] + growth * (0.6 + 0.8 * rng.random()), 0.1)))
            for area in AREA_IDS}


def _notebook_check_ins(session, rng, check_ins, progress) -> None:
    """Graded hand-ins of a notebook kompetencetjek: 3 items of 1 point per area, as the grader writes them."""
    rows = []
    for pupil, release_id, row, activity, shares in check_ins:
        cells = [{"grade_id": f"test-{area}-{n}", "score": 1.0 if rng.random() < shares[area] else 0.0,
                  "max_score": 1.0, "status": "passed"} for area in AREA_IDS for n in (1, 2, 3)]
        score = sum(c["score"] for c in cells)
        rows.append({"release_id": release_id, "pupil_id": pupil, "submitted_at": row["released_at"],
                     "timestamp": row["released_at"].isoformat(), "folder": "-", "status": Status.graded,
                     "score": score, "max_score": float(len(cells)), "graded_at": row["released_at"],
                     "result": {"version": 1, "score": score, "max_score": float(len(cells)), "cells": cells,
                                "messages": []}})
    ids = _bulk(session, Submission, rows)
    for submission_id, row in zip(ids, rows):
        progress.append(_progress(row["pupil_id"], row["release_id"], Status.graded, row["score"], row["max_score"],
                                  submission_id))
