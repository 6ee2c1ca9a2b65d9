"""Teachers grade the answers that need a human (nbgrader's manually graded cells).

The worker's result lists those cells with status "manual" and no score; the
teacher's points are stored beside it, and the submission's score becomes the
automatic points plus the teacher's.
"""
from dataclasses import dataclass
from pathlib import Path

import nbformat

from kodefag.curriculum.loader import cached_curriculum

from .models import Submission, User, utcnow
from .results import RUBRIC_PREFIX, combine_scores, manual_grade_ids


class ManualGradeError(ValueError):
    """Points that cannot be given; the message is Danish, for the teacher."""


@dataclass
class ManualAnswer:
    grade_id: str
    max_score: float
    question: str
    answer: str
    model_answer: str
    points: float | None


def manual_cells(submission: Submission) -> list[dict]:
    manual = manual_grade_ids(submission.result or {})
    return [cell for cell in (submission.result or {}).get("cells", []) if cell.get("grade_id") in manual]


def _cells_by_id(path: Path) -> tuple[dict, dict]:
    """grade_id -> cell, and grade_id -> the cell just before it (the question)."""
    try:
        notebook = nbformat.read(path, as_version=4)
    except (OSError, ValueError, nbformat.ValidationError):
        return {}, {}
    cells, questions, previous = {}, {}, None
    for cell in notebook.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id:
            cells[grade_id] = cell
            questions[grade_id] = previous.source if previous is not None else ""
        previous = cell
    return cells, questions


def answers_to_grade(submission: Submission, source: Path) -> list[ManualAnswer]:
    """The pupil's answers of the manually graded cells, with the question and model answer.

    The question and the model answer come from the class's source notebook: the
    pupil's copy is the pupil's to rewrite, and only the answer cell is read from it."""
    activity = submission.release.activity_id
    pupil_cells, _ = _cells_by_id(Path(submission.folder) / f"{activity}.ipynb")
    model_cells, questions = _cells_by_id(source)
    answers = []
    for cell in manual_cells(submission):
        grade_id = cell["grade_id"]
        answers.append(ManualAnswer(
            grade_id=grade_id, max_score=float(cell.get("max_score") or 0), question=questions.get(grade_id, ""),
            answer=pupil_cells[grade_id].source if grade_id in pupil_cells else "(svaret mangler)",
            model_answer=model_cells[grade_id].source if grade_id in model_cells else "",
            points=(submission.manual_scores or {}).get(grade_id)))
    return answers


@dataclass
class RubricItem:
    """One criterion of the activity's rubric (curriculum), with the teacher's chosen level."""

    key: str
    criterion: str
    levels: list[tuple[int, str]]
    points: float | None


def rubric_to_grade(submission: Submission) -> list[RubricItem]:
    """The activity's rubric (games, micro:bit, design work), [] when it has none."""
    curriculum = cached_curriculum()
    activity_id = submission.release.activity_id
    rubric = curriculum.activity(activity_id).rubric if curriculum.has_activity(activity_id) else None
    given = submission.manual_scores or {}
    return [RubricItem(f"{RUBRIC_PREFIX}{c.id}", c.criterion, [(level.points, level.text) for level in c.levels],
                       given.get(f"{RUBRIC_PREFIX}{c.id}")) for c in rubric or []]


def parse_rubric(form, items: list[RubricItem]) -> dict[str, float]:
    """The chosen level of each criterion ("" = not judged yet); only the rubric's own levels."""
    chosen = {}
    for item in items:
        raw = form.get(item.key, "")
        if raw == "":
            continue
        if raw not in {str(points) for points, _ in item.levels}:
            raise ManualGradeError("Vælg et af rubrikkens niveauer.")
        chosen[item.key] = float(raw)
    return chosen


def parse_points(raw: str, maximum: float) -> float:
    try:
        points = float(raw.replace(",", "."))
    except (AttributeError, ValueError):
        raise ManualGradeError("Skriv point som et tal, fx 1 eller 1,5.") from None
    if not 0 <= points <= maximum:
        raise ManualGradeError(f"Point skal være mellem 0 og {maximum:g}.")
    return points


def apply_manual_grade(submission: Submission, points: dict[str, float], teacher: User) -> None:
    """Store the teacher's points; the score is the automatic points plus these (and the rubric's)."""
    allowed = {cell["grade_id"]: float(cell.get("max_score") or 0) for cell in manual_cells(submission)}
    rubric = rubric_to_grade(submission)
    unknown = set(points) - set(allowed) - {item.key for item in rubric}
    if unknown:
        raise ManualGradeError("Der er ingen opgave at rette med det navn.")
    submission.manual_scores = {**(submission.manual_scores or {}), **points}
    if any(key.startswith(RUBRIC_PREFIX) for key in points):  # the rubric's share joins the maximum
        automatic_max = float((submission.result or {}).get("max_score") or 0)
        submission.max_score = max(submission.max_score or 0,
                                   automatic_max + sum(max(p for p, _ in item.levels) for item in rubric))
    submission.manual_graded_by_id = teacher.id
    combine_scores(submission)
    submission.graded_at = utcnow()
