"""`kodefag grade ...`: grade one notebook, or a whole class."""
import json
import sys
from pathlib import Path

import click


@click.group()
def cli():
    """Automatic grading of notebooks (pupil code runs in a sandbox)."""


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("submission", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--cell-timeout", type=int, default=None, help="Seconds per cell (default: settings).")
@click.option("--notebook-timeout", type=int, default=None, help="Seconds per notebook (default: settings).")
def notebook(source, submission, as_json, cell_timeout, notebook_timeout):
    """Grade SUBMISSION against the nbgrader source notebook SOURCE.

    Exits 0 whenever grading ran, whatever the pupil's code did; non-zero only
    when the files are missing or not notebooks (1) or the sandbox failed (2).
    """
    from kodefag.grader.engine import GradingError, NotebookError, grade_notebook
    from kodefag.sandbox import SandboxUnavailable
    from kodefag.settings import get_settings

    settings = get_settings()
    try:
        result = grade_notebook(source, submission, cell_timeout=cell_timeout or settings.cell_timeout,
                                notebook_timeout=notebook_timeout or settings.notebook_timeout)
    except NotebookError as error:
        raise click.ClickException(str(error))
    except (GradingError, SandboxUnavailable) as error:
        click.echo(f"Error: grading could not run: {error}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"Point: {_number(result['score'])} af {_number(result['max_score'])}")
    for cell in result["cells"]:
        score = "mangler rettelse" if cell["score"] is None else _number(cell["score"])
        click.echo(f"  {cell['grade_id']}: {score} / {_number(cell['max_score'])}")
    for message in result["messages"]:
        click.echo(f"- {message}")


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


@cli.command()
@click.option("--course", required=True, help="Course (class) folder name under the courses dir.")
@click.option("--assignment", required=True, help="Assignment name (folder under source/).")
@click.option("--workers", type=int, default=None, help="Parallel graders (default: settings).")
@click.option("--cell-timeout", type=int, default=None)
@click.option("--notebook-timeout", type=int, default=None)
def run(course, assignment, workers, cell_timeout, notebook_timeout):
    """Grade every submission of ASSIGNMENT in COURSE into its nbgrader gradebook.

    Reads <courses_dir>/<course>/source/<assignment>/*.ipynb and
    submitted/<student>/<assignment>/*.ipynb; writes gradebook.db and autograded/.
    """
    from rich.progress import Progress

    from kodefag.grader.course import CourseError, find_jobs, grade_course
    from kodefag.sandbox import SandboxUnavailable
    from kodefag.settings import get_settings

    settings = get_settings()
    course_dir = settings.courses_dir / course
    if not course_dir.is_dir():
        raise click.ClickException(f"course folder {course_dir} does not exist")
    try:
        _, jobs = find_jobs(course_dir, assignment)
    except CourseError as error:
        raise click.ClickException(str(error))
    failures = []
    with Progress(transient=False) as progress:
        task = progress.add_task(f"Retter {assignment}", total=len(jobs))

        def done(job, result, error):
            if error:
                failures.append(f"{job.student}/{job.notebook}: {error}")
            progress.advance(task)

        try:
            results = grade_course(course_dir, assignment, workers=workers or settings.worker_count,
                                   cell_timeout=cell_timeout or settings.cell_timeout,
                                   notebook_timeout=notebook_timeout or settings.notebook_timeout, on_done=done)
        except SandboxUnavailable as error:
            click.echo(f"Error: grading could not run: {error}", err=True)
            sys.exit(2)
    for student in sorted(results):
        score = sum(result["score"] for result in results[student].values())
        max_score = sum(result["max_score"] for result in results[student].values())
        click.echo(f"{student}: {_number(score)} / {_number(max_score)}")
    for failure in failures:
        click.echo(f"Kunne ikke rettes: {failure}", err=True)
