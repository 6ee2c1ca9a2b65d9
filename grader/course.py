"""Grade a whole class: nbgrader's course layout, grades into nbgrader's gradebook.

Layout under ``settings.courses_dir/<course>/`` (nbgrader's own):

* ``source/<assignment>/<notebook>.ipynb``            - the teacher's source notebooks
* ``submitted/<student>/<assignment>/<notebook>.ipynb`` - the pupils' hand-ins
* ``autograded/<student>/<assignment>/<notebook>.ipynb`` - written here (for feedback)
* ``gradebook.db``                                     - nbgrader's gradebook, written here

Pupil code runs in the sandbox, in parallel worker processes; only this (parent)
process writes the gradebook, so grades never race and never come from inside
a sandbox.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from kodefag.grader import engine
from kodefag.sandbox import require_bwrap


class CourseError(ValueError):
    """The course or assignment folders are missing or empty (operator error)."""


@dataclass(frozen=True)
class Job:
    student: str
    notebook: str
    source: Path
    submission: Path


def find_jobs(course_dir: Path, assignment: str) -> tuple[list[Path], list[Job]]:
    """The assignment's source notebooks and one job per submitted notebook."""
    source_dir = course_dir / "source" / assignment
    sources = sorted(source_dir.glob("*.ipynb"))
    if not sources:
        raise CourseError(f"no source notebooks in {source_dir}")
    jobs = []
    for student_dir in sorted((course_dir / "submitted").glob("*")):
        for source in sources:
            submission = student_dir / assignment / source.name
            if submission.is_file():
                jobs.append(Job(student_dir.name, source.stem, source, submission))
    return sources, jobs


def prepare_gradebook(db_url: str, assignment: str, sources: list[Path]) -> None:
    """Make sure the gradebook knows the assignment's cells (as generate_assignment does)."""
    for source in sources:
        with Gradebook(db_url) as gradebook:
            try:
                gradebook.find_notebook(source.stem, assignment)
                continue
            except MissingEntry:
                pass
        resources = {"nbgrader": {"notebook": source.stem, "assignment": assignment, "db_url": db_url}}
        engine.cache_alembic_version()
        engine.store_source(engine.read_notebook(source), resources)


def _grade_job(job: Job, cell_timeout, notebook_timeout):
    """Runs in a worker process: grade one notebook (pupil code in the sandbox)."""
    try:
        result, graded = engine.grade(job.source, job.submission, cell_timeout=cell_timeout,
                                      notebook_timeout=notebook_timeout)
        return job, result, nbformat.writes(graded), None
    except (engine.NotebookError, engine.GradingError) as error:
        return job, None, None, str(error)


def save_grades(gradebook: Gradebook, assignment: str, job: Job, result: dict) -> None:
    """Write one notebook's autograde scores into nbgrader's gradebook (idempotent)."""
    gradebook.update_or_create_student(job.student)
    gradebook.update_or_create_submission(assignment, job.student)
    for cell in result["cells"]:
        grade = gradebook.find_grade(cell["grade_id"], job.notebook, assignment, job.student)
        grade.auto_score = cell["score"]
        grade.needs_manual_grade = cell["score"] is None or grade.manual_score is not None
    gradebook.db.commit()


def grade_course(course_dir: Path, assignment: str, *, workers: int, cell_timeout: float,
                 notebook_timeout: float, on_done=None) -> dict[str, dict]:
    """Grade every submission of ``assignment``; returns {student: {notebook: result}}.

    ``on_done(job, result_or_None, error_or_None)`` is called as each finishes
    (for progress bars). Errors are per notebook; the rest of the class goes on.
    """
    require_bwrap()  # fail before touching the gradebook if pupil code cannot be sandboxed
    sources, jobs = find_jobs(course_dir, assignment)
    engine.start_fork_server(wait=False)  # one kernel template for the forked workers: it imports meanwhile
    db_url = f"sqlite:///{course_dir / 'gradebook.db'}"
    prepare_gradebook(db_url, assignment, sources)
    engine.cache_alembic_version()
    for source in sources:  # built once here; the forked workers inherit the cache
        engine.source_cells(source)
    engine.start_fork_server()  # ready before the workers fork, so they share it
    results: dict[str, dict] = {}
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context) as pool:
        futures = [pool.submit(_grade_job, job, cell_timeout, notebook_timeout) for job in jobs]
        # one connection for the whole class (opening nbgrader's Gradebook inspects and creates its
        # schema), opened after the workers are forked: they never share it
        with Gradebook(db_url) as gradebook:
            for future in as_completed(futures):
                job, result, graded, error = future.result()
                if result is not None:
                    save_grades(gradebook, assignment, job, result)
                    out = course_dir / "autograded" / job.student / assignment / f"{job.notebook}.ipynb"
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_text(graded)
                    results.setdefault(job.student, {})[job.notebook] = result
                if on_done:
                    on_done(job, result, error)
    return results
