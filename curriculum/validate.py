"""Check the whole curriculum: schema, references, coverage, and the content itself.

``validate(root)`` returns a list of :class:`Problem` (empty = all good). It is
what ``kodefag curriculum validate`` prints and what ``make test`` runs. Three
layers, each reported per file and activity in Danish:

1. structure - YAML and schema, unique ids (done by the loader);
2. references and coverage - goals, prerequisites, content files, the rules of
   the curriculum format (lessons per grade, areas per band, fixed activities);
3. running the content - every notebook's reference solution must get full
   marks and its released starter zero on the auto-graded cells; every micro:bit
   lesson's and game's solution must pass and its starter must not. These
   gradings go through the real grading modules, in a process pool.
"""
from __future__ import annotations

import copy
import hashlib
import json
import multiprocessing
import re
import tempfile
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import nbformat
from nbgrader.preprocessors import CheckCellMetadata

from kodefag.games.grading import ChecksError, grade_project, project_max_score
from kodefag.grader.engine import grade_notebook
from kodefag.jobs import DEFAULT_LIMITS
from kodefag.kinds import kind_of
from kodefag.microbit.grading import ScenarioError, grade_lesson, lesson_max_score
from kodefag.settings import REPO_ROOT, default_worker_count

from .kopiark import KopiarkError, has_kopiark, kopiark_file, kopiark_html, kopiark_pdf
from .loader import Curriculum, Plan, Problem, cached_curriculum, grade_file, plan_file, read_curriculum, track_file
from . import time_limits
from .release import auto_graded_ids, graded_points, release_notebook
from .schema import AREA_IDS, BAND_GRADES, GRADE_TRACK, GRADES, Activity, GradePlan, TrackPlan

#: fixed micro:bit lesson and game ids per grade (shared with the other components)
MICROBIT_BY_GRADE = {
    3: "mb-navneskilt", 4: "mb-terning", 5: "mb-skridttaeller", 6: "mb-reaktionsspil",
    7: "mb-radiobeskeder", 8: "mb-termometer", 9: "mb-afstemning",
}
GAME_BY_GRADE = {
    4: "spil-fang-aeblet", 5: "spil-labyrint", 6: "spil-rumskyder",
    7: "spil-platform", 8: "spil-quiz", 9: "spil-to-spillere",
}
#: lessons a year plan must hold at least (issue 15): a full school year with one lesson a week,
#: 20 for grades 0-2 (shorter days, more play) and 36 for grades 3-9.
MIN_LESSONS_BY_GRADE = {0: 20, 1: 20, 2: 20, 3: 36, 4: 36, 5: 36, 6: 36, 7: 36, 8: 36, 9: 36}
YOUNGEST_GRADES = (0, 1, 2)
#: a track (the valgfag) is a school year of its own ...
MIN_TRACK_LESSONS = 36
#: ... ending with an assessed product of this many lessons, judged with a rubric
FINAL_PRODUCT_LESSONS = (10, 12)
#: activities with this id prefix (the check-ins) may stand in any plan
KOMPETENCETJEK_PREFIX = "kompetencetjek-"
MIN_NOTEBOOKS = 2
NOTEBOOK_GRADES = (4, 5, 6, 7, 8, 9)
#: from this grade every notebook has a reflection answer the teacher grades
FIRST_REFLECTION_GRADE = 6
HIDDEN_TESTS_MARKER = "### BEGIN HIDDEN TESTS"


def validate(root: Path = REPO_ROOT, *, run: bool = True, coverage: bool = True,
             workers: int | None = None) -> list[Problem]:
    """Every problem with the curriculum under ``root`` (empty list = valid)."""
    curriculum, problems = read_curriculum(root)
    if curriculum is None:
        return problems
    problems += check_references(curriculum)
    if coverage:
        problems += check_coverage(curriculum)
    if run:
        problems += check_time_limits(curriculum)
        problems += run_content(curriculum, workers=workers)
    return problems


def check_time_limits(curriculum: Curriculum) -> list[Problem]:
    """Every notebook's grading limits are measured from its current solution (time_limits.py)."""
    return [Problem(curriculum.file_of(curriculum.activity(activity_id)), activity_id, message)
            for activity_id, message in time_limits.problems(curriculum).items()]


# ---------------------------------------------------------------------------
# references
# ---------------------------------------------------------------------------
def check_references(curriculum: Curriculum) -> list[Problem]:
    problems = []
    for activity in curriculum.activities():
        problems += [Problem(curriculum.file_of(activity), activity.id, message)
                     for message in _activity_problems(curriculum, activity)]
    for plan in curriculum.all_plans():
        for activity in plan.activities:
            problems += [Problem(plan_file(plan), activity.id, message)
                         for message in _prerequisite_problems(curriculum, plan, activity)]
    problems += _cycle_problems(curriculum)
    return problems


def _activity_problems(curriculum: Curriculum, activity: Activity) -> list[str]:
    return (_id_problems(activity) + _goal_problems(curriculum, activity) + _subject_problems(curriculum, activity)
            + _track_goal_problems(curriculum, activity) + _content_problems(curriculum, activity)
            + _points_problems(curriculum, activity) + _facts_problems(curriculum, activity)
            + _lesson_label_problems(curriculum, activity) + _kopiark_problems(curriculum, activity))


def _kopiark_problems(curriculum: Curriculum, activity: Activity) -> list[str]:
    """Every activity without a computer has a printable; its pages and figures can be laid out.

    (Whether WeasyPrint makes a PDF of it is checked when the content is run.)"""
    if activity.kind != "unplugged" and not has_kopiark(curriculum, activity):
        return []
    if not has_kopiark(curriculum, activity):
        return [f"kopiarket {kopiark_file(activity.id)} mangler (kort, arbejdsark eller læs op-tekst til print)"]
    try:
        kopiark_html(curriculum, activity)
    except KopiarkError as error:
        return [str(error)]
    return []


def _id_problems(activity: Activity) -> list[str]:
    if activity.kind == "microbit":
        expected = "mb-"
    elif activity.kind == "pgzero":
        expected = "spil-"
    elif activity.id.startswith(KOMPETENCETJEK_PREFIX):
        return []
    elif activity.track != GRADE_TRACK:
        expected = f"{activity.track}-"
    else:
        expected = f"g{activity.grade}-"
    if not activity.id.startswith(expected):
        where = f"{activity.grade}. klasse" if activity.track == GRADE_TRACK else f"sporet {activity.track}"
        return [f"id'et skal begynde med '{expected}' ({kind_of(activity.kind).label_in_sentence} i {where})"]
    return []


def _subject_problems(curriculum: Curriculum, activity: Activity) -> list[str]:
    problems = [f"faget '{subject}' findes ikke i curriculum/subjects.yaml" for subject in activity.subjects
                if subject not in curriculum.subjects]
    if len(set(activity.subjects)) != len(activity.subjects):
        problems.append("det samme fag står flere gange")
    return problems


def _track_goal_problems(curriculum: Curriculum, activity: Activity) -> list[str]:
    """Activities taught in a track map to its goals; other activities have no track goals."""
    tracks = [plan for plan in curriculum.plans_using(activity) if isinstance(plan, TrackPlan)]
    if not tracks:
        return ["track_goals bruges kun af aktiviteter i et spor (fx valgfaget)"] if activity.track_goals else []
    problems = []
    for track in tracks:
        own = {goal.id for goal in track.goals}
        if not set(activity.track_goals) & own:
            problems.append(f"aktiviteten står i sporet {track.track}, men track_goals nævner ingen af sporets mål")
    known = {goal.id for track in tracks for goal in track.goals}
    problems += [f"sporets mål '{goal_id}' findes ikke" for goal_id in activity.track_goals if goal_id not in known]
    return problems


def _goal_problems(curriculum: Curriculum, activity: Activity) -> list[str]:
    problems = []
    for goal_id in activity.goals:
        if not curriculum.has_goal(goal_id):
            problems.append(f"målet '{goal_id}' findes ikke i curriculum/areas.yaml")
        elif curriculum.goal(goal_id).band != activity.band:
            problems.append(
                f"målet '{goal_id}' hører til {curriculum.goal(goal_id).band}, "
                f"men {activity.grade}. klasse er {activity.band}"
            )
    if len(set(activity.goals)) != len(activity.goals):
        problems.append("det samme mål står flere gange")
    return problems


def _prerequisite_problems(curriculum: Curriculum, plan: Plan, activity: Activity) -> list[str]:
    """A prerequisite comes earlier: in the same plan, or (grade plans) in an earlier grade's plan.

    A track stands on its own, so its activities' prerequisites must all be earlier in the track.
    """
    problems = []
    order = {a.id: index for index, a in enumerate(plan.activities)}
    for prerequisite in activity.prerequisites:
        if prerequisite == activity.id:
            problems.append("aktiviteten kan ikke være forudsætning for sig selv")
        elif not curriculum.has_activity(prerequisite):
            problems.append(f"forudsætningen '{prerequisite}' findes ikke i læseplanen")
        elif prerequisite in order:
            if order[prerequisite] > order[activity.id]:
                where = "i årsplanen" if isinstance(plan, GradePlan) else f"i sporet {plan.track}"
                problems.append(f"forudsætningen '{prerequisite}' kommer senere {where} end denne aktivitet")
        elif isinstance(plan, TrackPlan):
            problems.append(f"forudsætningen '{prerequisite}' står ikke i sporet {plan.track} "
                            "(et spor må ikke bygge på aktiviteter uden for sporet)")
        else:
            earlier = [grade for grade in curriculum.grades if grade < plan.grade
                       and prerequisite in {a.id for a in curriculum.plan(grade).activities}]
            if not earlier:
                other = curriculum.activity(prerequisite)
                where = f"{other.grade}. klasse" if other.track == GRADE_TRACK else f"sporet {other.track}"
                problems.append(
                    f"forudsætningen '{prerequisite}' ligger i {where} - senere end denne aktivitet"
                    if other.track == GRADE_TRACK else
                    f"forudsætningen '{prerequisite}' ligger i {where}, ikke i en årsplan før denne aktivitet"
                )
    return problems


def _cycle_problems(curriculum: Curriculum) -> list[Problem]:
    """Prerequisite cycles (a needs b needs a), each reported once."""
    problems, reported = [], set()
    for start in curriculum.activities():
        path = _find_cycle(curriculum, start.id, [start.id])
        if path and frozenset(path) not in reported:
            reported.add(frozenset(path))
            problems.append(Problem(
                curriculum.file_of(start), start.id,
                "forudsætningerne danner en kreds: " + " -> ".join(path),
            ))
    return problems


def _find_cycle(curriculum: Curriculum, current: str, path: list[str]) -> list[str] | None:
    for prerequisite in curriculum.activity(current).prerequisites:
        if not curriculum.has_activity(prerequisite):
            continue
        if prerequisite == path[0]:
            return path + [prerequisite]
        if prerequisite not in path:
            found = _find_cycle(curriculum, prerequisite, path + [prerequisite])
            if found:
                return found
    return None


def _content_problems(curriculum: Curriculum, activity: Activity) -> list[str]:
    content = PurePosixPath(activity.content)
    if content.is_absolute() or ".." in content.parts:
        return [f"indholdsstien '{activity.content}' skal være relativ til projektmappen og uden '..'"]
    expected = kind_of(activity.kind).content_path(activity.id)
    if str(content).rstrip("/") != expected:
        return [f"indholdsstien skal være '{expected}', men er '{activity.content}'"]
    path = curriculum.content_path(activity)
    if activity.kind == "unplugged":
        if not path.is_file():
            return [f"beskrivelsen {expected} findes ikke"]
        return _description_problems(path, expected)
    if not path.is_dir():
        return [f"indholdsmappen {expected} findes ikke"]
    if activity.kind == "notebook":
        return _notebook_problems(curriculum, activity)
    return [f"filen {expected}/{name} mangler" for name in kind_of(activity.kind).content_files
            if not (path / name).is_file()]


def engine_max_score(curriculum: Curriculum, activity: Activity) -> int | None:
    """What the activity's grading engine can give at most (None: no engine, or content unreadable).

    Notebooks count their graded cells (automatic and teacher-graded answers alike); games and
    micro:bit lessons ask their grading module; unplugged work has no engine.
    """
    path = curriculum.content_path(activity)
    try:
        if activity.kind == "notebook":
            notebook = nbformat.read(str(curriculum.notebook_path(activity)), as_version=4)
            auto, manual = graded_points(notebook)
            return auto + manual
        if activity.kind == "microbit":
            return lesson_max_score(path)
        if activity.kind == "pgzero":
            return project_max_score(path)
    except (OSError, ValueError, ScenarioError, ChecksError, TypeError, KeyError):
        return None  # missing or broken content is reported by _content_problems
    return 0


def _points_problems(curriculum: Curriculum, activity: Activity) -> list[str]:
    """points = the engine's maximum + the rubric's; a rubric wherever a teacher judges points.

    So every page shows one number: a game's 10 points are its checks' 5 plus the teacher's 5.
    """
    if activity.kind == "notebook":
        if activity.rubric:
            return ["notesbøger har ingen rubrik: læreren retter refleksionssvarene i notesbogen"]
        return []  # the notebook's own points are compared in _notebook_problems
    engine = engine_max_score(curriculum, activity)
    if engine is None:
        return []
    teacher = activity.points - engine
    problems = []
    if teacher < 0:
        return [f"aktiviteten siger points: {activity.points}, men tjekkene alene giver {engine} point"]
    if teacher > 0 and not activity.rubric:
        judged = "point" if activity.kind == "unplugged" else f"point ud over tjekkenes {engine}"
        problems.append(f"læreren giver {teacher} {judged}, men aktiviteten har ingen rubrik")
    elif activity.rubric and activity.rubric_points != teacher:
        shown = f"{activity.points} point" if not engine else f"{activity.points} point = tjek {engine} + lærerens {teacher}"
        problems.append(f"rubrikken giver {activity.rubric_points} point, men aktiviteten siger {shown}")
    return problems


#: the facts line of a README or description: "**Tid:** 4 lektioner · **Point:** 10 (tjek 5 + lærerens vurdering 5)"
FACTS_LESSONS = re.compile(r"\*\*Tid:\*\*\s*(\d+)\s+lektion", re.IGNORECASE)
FACTS_POINTS = re.compile(r"\*\*Point:\*\*\s*(\d+)(?:\s*\(tjek\s+(\d+)\s*\+\s*lærerens vurdering\s+(\d+)\))?",
                          re.IGNORECASE)
LOOSE_LESSONS = re.compile(r"(?<![\w-])(?:ca\.\s*)?(\d+)(?:\s*-\s*(\d+))?\s+lektion(?:er)?\b", re.IGNORECASE)


def facts_file(curriculum: Curriculum, activity: Activity) -> Path | None:
    """The text a teacher reads next to the plan: the README (games, micro:bit) or the description."""
    if activity.kind == "unplugged":
        return curriculum.content_path(activity)
    if activity.kind in ("microbit", "pgzero"):
        return curriculum.content_path(activity) / "README.md"
    return None


def _facts_problems(curriculum: Curriculum, activity: Activity) -> list[str]:
    """The README/description states the lessons and points of the year plan, and no other numbers."""
    path = facts_file(curriculum, activity)
    if path is None or not path.is_file():
        return []
    shown = path.relative_to(curriculum.root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []  # reported as not UTF-8 elsewhere
    if not text.strip():
        return []  # reported as empty elsewhere
    problems = []
    lessons = FACTS_LESSONS.search(text)
    if lessons is None:
        problems.append(f"{shown} skal sige antal lektioner som '**Tid:** {activity.lessons} lektioner'")
    elif int(lessons.group(1)) != activity.lessons:
        problems.append(f"{shown} siger {lessons.group(1)} lektioner, men årsplanen siger {activity.lessons}")
    for match in LOOSE_LESSONS.finditer(text):
        numbers = {int(n) for n in match.groups() if n}
        if numbers != {activity.lessons} and not _about_another_activity(text, match.start()):
            problems.append(f"{shown} nævner '{match.group(0).strip()}', men aktiviteten er {activity.lessons} lektioner")
    if activity.kind == "unplugged" and activity.points == 0:
        return problems
    points = FACTS_POINTS.search(text)
    engine = engine_max_score(curriculum, activity) or 0
    expected = f"**Point:** {activity.points}" + (
        f" (tjek {engine} + lærerens vurdering {activity.rubric_points})" if activity.kind != "unplugged" else "")
    if points is None:
        problems.append(f"{shown} skal sige pointene som '{expected}'")
    elif int(points.group(1)) != activity.points:
        problems.append(f"{shown} siger {points.group(1)} point, men årsplanen siger {activity.points}")
    elif activity.kind != "unplugged" and (points.group(2) is None or int(points.group(2)) != engine
                                           or int(points.group(3)) != activity.rubric_points):
        problems.append(f"{shown} skal fordele pointene som '{expected}'")
    return problems


#: a lesson named by its number: "Lektion 3", "(lektion 1-2)"
LESSON_LABEL = re.compile(r"(?<![\w-])lektion\s+(\d+)(?:\s*-\s*(\d+))?(?!\d)", re.IGNORECASE)


def _lesson_label_problems(curriculum: Curriculum, activity: Activity) -> list[str]:
    """The description and the kopiark name no lesson after the activity's last one.

    When an activity is shortened (or a kopiark is copied from a longer one), "Lektion 5" in a
    4-lesson plan leaves the teacher with a page for a lesson that does not exist.
    """
    problems = []
    for path in (facts_file(curriculum, activity), curriculum.root / kopiark_file(activity.id)):
        if path is None or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # reported elsewhere
        shown = path.relative_to(curriculum.root).as_posix()
        for match in LESSON_LABEL.finditer(text):
            last = max(int(number) for number in match.groups() if number)
            if last > activity.lessons and not _about_another_activity(text, match.start()):
                problems.append(f"{shown} nævner '{match.group(0)}', men aktiviteten er {activity.lessons} lektioner")
    return problems


def _about_another_activity(text: str, position: int) -> bool:
    """A lesson count on a line that names another activity ("3-4 lektioner i spil-platform")."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start:] if end == -1 else text[start:end]
    return bool(re.search(r"\b(?:g\d|mb|spil|valgfag|kompetencetjek)-[a-z0-9-]+", line))


def _description_problems(path: Path, shown: str) -> list[str]:
    """A teacher can only run an activity without a computer if it says what to bring."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [f"beskrivelsen {shown} er ikke UTF-8-tekst"]
    if not text.strip():
        return [f"beskrivelsen {shown} er tom"]
    if not re.search(r"^#+\s*Materialer", text, re.MULTILINE):
        return [f"beskrivelsen {shown} mangler et afsnit '## Materialer'"]
    return []


def _notebook_problems(curriculum: Curriculum, activity: Activity) -> list[str]:
    path = curriculum.notebook_path(activity)
    shown = f"{activity.content}/{activity.id}.ipynb"
    if not path.is_file():
        return [f"notesbogen {shown} findes ikke"]
    try:
        notebook = nbformat.read(str(path), as_version=4)
    except Exception as error:  # nbformat raises several unrelated types for bad files
        return [f"notesbogen {shown} kan ikke læses: {error}"]
    problems = []
    try:
        nbformat.validate(notebook)
        CheckCellMetadata().preprocess(copy.deepcopy(notebook), {})
    except Exception as error:  # nbformat's and nbgrader's validation errors share no base class
        problems.append(f"notesbogen {shown} er ikke en gyldig nbgrader-notesbog: {str(error).splitlines()[0]}")
    kernel = notebook.metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        problems.append(f"notesbogen {shown} skal bruge kernen python3, ikke {kernel!r}")
    grade_ids = [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells
                 if "grade_id" in cell.metadata.get("nbgrader", {})]
    duplicates = sorted({grade_id for grade_id in grade_ids if grade_ids.count(grade_id) > 1})
    if duplicates:
        problems.append(f"notesbogen {shown} har samme grade_id flere gange: {', '.join(duplicates)}")
    if not auto_graded_ids(notebook):
        problems.append(f"notesbogen {shown} har ingen automatisk rettede test-celler")
    elif not any(HIDDEN_TESTS_MARKER in cell.source for cell in notebook.cells):
        problems.append(f"notesbogen {shown} har ingen skjulte tests ({HIDDEN_TESTS_MARKER})")
    if activity.grade >= FIRST_REFLECTION_GRADE and not _has_manual_answer(notebook):
        problems.append(
            f"notesbogen {shown} skal have mindst ét refleksionssvar, som læreren retter "
            f"(fra {FIRST_REFLECTION_GRADE}. klasse)"
        )
    auto, manual = graded_points(notebook)
    if auto + manual != activity.points:
        problems.append(
            f"notesbogen {shown} giver {auto + manual} point ({auto} automatisk + {manual} af læreren), "
            f"men aktiviteten siger points: {activity.points}"
        )
    return problems


def _has_manual_answer(notebook: nbformat.NotebookNode) -> bool:
    """A markdown cell the pupil writes in and the teacher grades."""
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution"):
            return True
    return False


# ---------------------------------------------------------------------------
# coverage
# ---------------------------------------------------------------------------
def check_coverage(curriculum: Curriculum) -> list[Problem]:
    problems = []
    for track in curriculum.tracks.values():
        problems += [Problem(track_file(track.track), None, message) for message in _track_coverage(curriculum, track)]
    for grade in GRADES:
        if grade not in curriculum.plans:
            problems.append(Problem(grade_file(grade), None, f"årsplanen for {grade}. klasse mangler"))
            continue
        problems += [Problem(grade_file(grade), None, message) for message in _grade_coverage(curriculum, grade)]
    for band, grades in BAND_GRADES.items():
        covered = {area for grade in grades if grade in curriculum.plans
                   for activity in curriculum.plan(grade).activities for area in curriculum.areas_of(activity)}
        missing = [curriculum.area(area_id).title for area_id in AREA_IDS if area_id not in covered]
        if missing:
            problems.append(Problem(
                "curriculum/grades", None,
                f"{band} ({grades[0]}.-{grades[-1]}. klasse) dækker ikke kompetenceområderne: {', '.join(missing)}",
            ))
    return problems


def _grade_coverage(curriculum: Curriculum, grade: int) -> list[str]:
    plan = curriculum.plan(grade)
    kinds = [activity.kind for activity in plan.activities]
    ids = [activity.id for activity in plan.activities]
    problems = []
    minimum = MIN_LESSONS_BY_GRADE[grade]
    if plan.total_lessons < minimum:
        problems.append(f"årsplanen er kun {plan.total_lessons} lektioner; der skal være mindst {minimum}")
    if grade in YOUNGEST_GRADES and "unplugged" not in kinds:
        problems.append("årsplanen skal have aktiviteter uden computer")
    if grade in NOTEBOOK_GRADES and kinds.count("notebook") < MIN_NOTEBOOKS:
        problems.append(f"årsplanen har {kinds.count('notebook')} notesbøger; der skal være mindst {MIN_NOTEBOOKS}")
    for fixed, kind in ((MICROBIT_BY_GRADE.get(grade), "micro:bit-lektionen"), (GAME_BY_GRADE.get(grade), "spilprojektet")):
        if fixed and fixed not in ids:
            problems.append(f"{kind} {fixed} mangler i årsplanen")
    return problems


def _track_coverage(curriculum: Curriculum, track: TrackPlan) -> list[str]:
    """A track is a school year on its own: long enough, all four areas, every goal, a final product."""
    problems = []
    if track.total_lessons < MIN_TRACK_LESSONS:
        problems.append(f"sporet er kun {track.total_lessons} lektioner; der skal være mindst {MIN_TRACK_LESSONS}")
    covered = {area for activity in track.activities for area in curriculum.areas_of(activity)}
    missing = [curriculum.area(area_id).title for area_id in AREA_IDS if area_id not in covered]
    if missing:
        problems.append(f"sporet dækker ikke kompetenceområderne: {', '.join(missing)}")
    trained = {goal_id for activity in track.activities for goal_id in activity.track_goals}
    untrained = [goal.id for goal in track.goals if goal.id not in trained]
    if untrained:
        problems.append(f"ingen aktivitet i sporet træner målene: {', '.join(untrained)}")
    if track.activities:
        final = track.activities[-1]
        low, high = FINAL_PRODUCT_LESSONS
        if not final.rubric or not low <= final.lessons <= high:
            problems.append(f"sporet skal slutte med et produkt på {low}-{high} lektioner, der vurderes med en rubrik "
                            f"(sidste aktivitet er {final.id}: {final.lessons} lektioner"
                            f"{', ingen rubrik' if not final.rubric else ''})")
    return problems


# ---------------------------------------------------------------------------
# running the content
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ContentRun:
    """One grading the validator runs: an activity's solution or starter."""

    file: str
    activity_id: str
    kind: str
    variant: str  # "solution" | "starter"
    content: str  # absolute path of the content folder
    #: the activity's grading limits (its own or measured; seconds per cell, per notebook), None for the defaults
    limits: tuple[float, float] | None = None


def grading_jobs(curriculum: Curriculum) -> list[ContentRun]:
    """Every grading to run, and every kopiark to build as PDF (kind "kopiark")."""
    jobs = [ContentRun(curriculum.file_of(activity), activity.id, "kopiark", "pdf", str(curriculum.root))
            for activity in curriculum.activities() if has_kopiark(curriculum, activity)]
    measured = time_limits.read(curriculum)
    for activity in curriculum.activities():
        if activity.kind == "unplugged":
            continue
        for variant in ("solution", "starter"):
            own = time_limits.activity_limits(curriculum, activity, measured)
            limits = (own.cell_seconds, own.notebook_seconds) if own else None
            jobs.append(ContentRun(curriculum.file_of(activity), activity.id, activity.kind, variant,
                                   str(curriculum.content_path(activity)), limits))
    return jobs


def run_content(curriculum: Curriculum, *, workers: int | None = None) -> list[Problem]:
    """Grade every activity's solution and starter in parallel; problems in plan order.

    Notebooks whose graded content is identical (the kompetencetjek of each grade share one
    item bank) are graded once: the outcome cannot differ, and CI time is scarce. Every
    activity of such a group still gets its own problems.
    """
    jobs = [job for job in grading_jobs(curriculum) if _content_exists(job)]
    if not jobs:
        return []
    groups: dict[object, list[ContentRun]] = {}
    for job in jobs:
        groups.setdefault(_same_grading_key(job), []).append(job)
    unique = [group[0] for group in groups.values()]
    workers = max(1, min(workers or default_worker_count(), len(unique)))
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_quiet_worker) as pool:
        outcome = dict(zip((id(job) for job in unique), pool.map(run_job, unique)))
    problems = []
    for job in jobs:
        graded = groups[_same_grading_key(job)][0]
        problems += [Problem(job.file, job.activity_id, problem.message) for problem in outcome[id(graded)]]
    return problems


def _same_grading_key(job: ContentRun) -> object:
    """Jobs with equal keys grade identically: same notebook code and graded cells, variant and limits.

    Only notebooks are compared (their markdown text and titles do not change a grading);
    every other job is its own group.
    """
    if job.kind != "notebook":
        return job
    try:
        notebook = nbformat.read(str(Path(job.content) / f"{job.activity_id}.ipynb"), as_version=4)
    except Exception:  # unreadable notebooks are reported elsewhere; grade them on their own
        return job
    graded = tuple((cell.cell_type, cell.source, json.dumps(cell.metadata.get("nbgrader", {}), sort_keys=True))
                   for cell in notebook.cells
                   if cell.cell_type == "code" or cell.metadata.get("nbgrader", {}).get("grade"))
    return (job.variant, job.limits, hashlib.sha256(repr(graded).encode()).hexdigest())


def _content_exists(job: ContentRun) -> bool:
    """Missing content is already reported by check_references; do not grade it."""
    if job.kind == "kopiark":
        return True
    folder = Path(job.content)
    return all((folder / name.format(id=job.activity_id)).is_file() for name in kind_of(job.kind).content_files)


def _quiet_worker() -> None:
    """Library warnings (nbgrader's SQLAlchemy ones) would bury the problem list."""
    warnings.simplefilter("ignore")


def run_job(job: ContentRun, attempts: int = 2) -> list[Problem]:
    """Run one grading; never raises - a crash becomes a problem naming the activity.

    A grading that could not run at all (e.g. a kernel that did not start on a
    busy machine) is tried once more: the question is whether the content is
    right, and a content failure is a result, not an exception, so it is never retried.
    """
    for _ in range(attempts):
        try:
            messages = _RUNNERS[job.kind](job)
            break
        except Exception as error:  # report, do not crash the whole validation
            messages = [f"afprøvning af {_variant_danish(job.variant)} gik galt: {type(error).__name__}: {error}"]
    return [Problem(job.file, job.activity_id, message.strip()) for message in messages]


def _variant_danish(variant: str) -> str:
    return {"solution": "løsningen", "starter": "startkoden", "pdf": "kopiarket"}[variant]


def _run_notebook(job: ContentRun) -> list[str]:
    source = Path(job.content) / f"{job.activity_id}.ipynb"
    notebook = nbformat.read(str(source), as_version=4)
    auto_ids = auto_graded_ids(notebook)
    submission = notebook if job.variant == "solution" else release_notebook(notebook)
    with tempfile.TemporaryDirectory(prefix="kodefag-validate-") as folder:
        submitted = Path(folder) / source.name
        nbformat.write(submission, str(submitted))
        cell_timeout, notebook_timeout = job.limits or (DEFAULT_LIMITS.cell_seconds, DEFAULT_LIMITS.notebook_seconds)
        result = grade_notebook(source, submitted, cell_timeout=cell_timeout, notebook_timeout=notebook_timeout)
    cells = {cell["grade_id"]: cell for cell in result.get("cells", [])}
    problems = []
    for grade_id in auto_ids:
        cell = cells.get(grade_id)
        if cell is None:
            problems.append(f"{_variant_danish(job.variant)}: rettelsen gav intet resultat for cellen {grade_id}")
        elif job.variant == "solution" and cell["score"] != cell["max_score"]:
            problems.append(f"løsningen får {cell['score']:g}/{cell['max_score']:g} point i cellen {grade_id} "
                            f"(skal have fuldt point; status: {cell.get('status')})")
        elif job.variant == "starter" and cell["score"] != 0:
            problems.append(f"startkoden får {cell['score']:g} point i cellen {grade_id} (skal have 0)")
    return problems


def _run_graded_folder(job: ContentRun, grade) -> list[str]:
    folder = Path(job.content)
    result = grade(folder, folder / f"{job.variant}.py")
    if job.variant == "solution" and result["score"] != result["max_score"]:
        # The engines cap each scenario's wall time; on a machine busy with the other gradings a
        # multi-board simulation can hit the cap. A broken solution fails twice, so grade it again.
        result = grade(folder, folder / f"{job.variant}.py")
    score, max_score = result["score"], result["max_score"]
    if job.variant == "solution" and (max_score <= 0 or score != max_score):
        failed = [cell["grade_id"] for cell in result.get("cells", []) if cell["score"] != cell["max_score"]]
        return [f"løsningen består ikke alle tjek: {score:g}/{max_score:g} point"
                + (f" (fejler: {', '.join(failed)})" if failed else "")]
    if job.variant == "starter" and max_score > 0 and score == max_score:
        return [f"startkoden består alle tjek ({score:g}/{max_score:g}); den skal efterlade noget til eleven"]
    return []


def _run_microbit(job: ContentRun) -> list[str]:
    return _run_graded_folder(job, grade_lesson)


def _run_pgzero(job: ContentRun) -> list[str]:
    return _run_graded_folder(job, grade_project)


def _build_kopiark(job: ContentRun) -> list[str]:
    """WeasyPrint makes a PDF of the kopiark (content = the curriculum's root)."""
    curriculum = cached_curriculum(job.content)
    try:
        data = kopiark_pdf(curriculum, curriculum.activity(job.activity_id))
    except KopiarkError as error:
        return [str(error)]
    if not data.startswith(b"%PDF"):
        return [f"kopiarket {kopiark_file(job.activity_id)} blev ikke til en PDF"]
    return []


_RUNNERS = {"notebook": _run_notebook, "microbit": _run_microbit, "pgzero": _run_pgzero, "kopiark": _build_kopiark}
