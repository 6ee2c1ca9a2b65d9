"""`kodefag curriculum ...`: validate the curriculum and show year plans."""
from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from kodefag.kinds import kind_of
from kodefag.settings import REPO_ROOT

from .loader import CurriculumError, Problem, load_curriculum
from .schema import GRADES
from .time_limits import measured_activities

ROOT_OPTION = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=REPO_ROOT,
    show_default=False, help="Projektmappen med curriculum/ (standard: denne installation).",
)


@click.group()
def cli():
    """Læseplanen: tjek den, og vis årsplaner."""


@cli.command()
@ROOT_OPTION
@click.option("--no-run", is_flag=True, help="Kør ikke løsninger og startkode (kun data og henvisninger).")
@click.option("--no-coverage", is_flag=True, help="Spring dækningskravene over (fx for et udkast).")
@click.option("--workers", type=int, default=None, help="Antal samtidige rettelser (standard: én pr. CPU-kerne).")
def validate(root: Path, no_run: bool, no_coverage: bool, workers: int | None):
    """Tjek hele læseplanen: skema, henvisninger, dækning og alt indhold."""
    from .validate import validate as run_validation

    started = time.monotonic()
    problems = run_validation(root, run=not no_run, coverage=not no_coverage, workers=workers)
    seconds = time.monotonic() - started
    if problems:
        _print_problems(problems)
        click.echo(f"\nLæseplanen har {len(problems)} fejl ({seconds:.0f} s).", err=True)
        sys.exit(1)
    curriculum = load_curriculum(root)
    lessons = sum(plan.total_lessons for plan in curriculum.plans.values())
    click.echo(
        f"Læseplanen er i orden: {len(curriculum.activities())} aktiviteter, {lessons} lektioner "
        f"i {len(curriculum.plans)} årsplaner ({seconds:.0f} s)."
    )


@cli.command("time-limits")
@ROOT_OPTION
def time_limits_command(root: Path):
    """Mål løsningernes køretid og skriv rettelsens tidsgrænser (curriculum/time_limits.yaml)."""
    from .timing import record

    curriculum = _load_or_exit(root)
    with click.progressbar(length=len(measured_activities(curriculum)), label="Måler løsningerne") as bar:
        measured = record(curriculum, on_progress=lambda activity_id: bar.update(1))
    for activity_id, entry in measured.items():
        click.echo(f"{activity_id}: {entry.cell_seconds:g} s pr. celle, {entry.notebook_seconds:g} s i alt "
                   f"(løsningen: {entry.slowest_cell_seconds:.3f} s / {entry.total_seconds:.3f} s)")


def _print_problems(problems: list[Problem]) -> None:
    """Problems grouped by file, each line naming the activity."""
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_file[problem.file].append(problem)
    for file, file_problems in by_file.items():
        click.echo(f"{file}:", err=True)
        for problem in file_problems:
            where = f"{problem.activity}: " if problem.activity else ""
            click.echo(f"  - {where}{problem.message}", err=True)


def _load_or_exit(root: Path):
    """The curriculum, or the list of problems and exit code 1 (never a traceback)."""
    try:
        return load_curriculum(root)
    except CurriculumError as error:
        click.echo("Læseplanen kan ikke læses:", err=True)
        _print_problems(error.problems)
        sys.exit(1)


@cli.command("list")
@ROOT_OPTION
@click.option("--grade", type=click.IntRange(min(GRADES), max(GRADES)), default=None, help="Klassetrin 0-9.")
@click.option("--track", default=None, help="Et spor i stedet for et klassetrin, fx valgfag.")
@click.option("--json", "as_json", is_flag=True, help="Skriv aktiviteterne som JSON.")
def list_plan(root: Path, grade: int | None, track: str | None, as_json: bool):
    """Vis årsplanen for et klassetrin eller et spor (fx valgfaget)."""
    if (grade is None) == (track is None):
        click.echo("Vælg enten --grade (klassetrin 0-9) eller --track (fx valgfag).", err=True)
        sys.exit(2)
    curriculum = _load_or_exit(root)
    if track is not None:
        if track not in curriculum.tracks:
            click.echo(f"Sporet '{track}' findes ikke (endnu).", err=True)
            sys.exit(1)
        plan = curriculum.track(track)
        heading = f"Spor: {plan.title} ({plan.total_lessons} lektioner)"
    else:
        if grade not in curriculum.plans:
            click.echo(f"Der er ingen årsplan for {grade}. klasse endnu.", err=True)
            sys.exit(1)
        plan = curriculum.plan(grade)
        heading = f"Årsplan: {plan.title} ({plan.band}, {plan.total_lessons} lektioner)"
    if as_json:
        click.echo(json.dumps([curriculum.summary(a) for a in plan.activities], ensure_ascii=False, indent=2))
        return
    table = Table(title=heading)
    for column in ("#", "Id", "Titel", "Type", "Lektioner", "Point", "Kompetenceområder", "Fag"):
        table.add_column(column, justify="right" if column in ("#", "Lektioner", "Point") else "left")
    for number, activity in enumerate(plan.activities, start=1):
        areas = ", ".join(curriculum.area(area_id).title for area_id in curriculum.areas_of(activity))
        table.add_row(str(number), activity.id, activity.title, kind_of(activity.kind).label_in_sentence,
                      str(activity.lessons), str(activity.points), areas, ", ".join(activity.subjects))
    Console(width=180).print(table)


@cli.command()
@ROOT_OPTION
@click.argument("activity_id")
def show(root: Path, activity_id: str):
    """Vis lærervejledningen for én aktivitet."""
    curriculum = _load_or_exit(root)
    if not curriculum.has_activity(activity_id):
        click.echo(f"Aktiviteten '{activity_id}' findes ikke i læseplanen.", err=True)
        sys.exit(1)
    activity = curriculum.activity(activity_id)
    guide = activity.guide
    console = Console(width=100)
    console.print(f"[bold]{activity.title}[/bold] ({activity.grade}. klasse, {kind_of(activity.kind).label_in_sentence}, "
                  f"{activity.lessons} lektioner, {activity.points} point)")
    for goal_id in activity.goals:
        console.print(f"  Mål: {curriculum.goal(goal_id).text}" if curriculum.has_goal(goal_id) else f"  Mål: {goal_id}")
    console.print(f"  Fag: {', '.join(activity.subjects)}")
    for heading, text in (("Formål", guide.goal), ("Tid", guide.time), ("Forberedelse", guide.preparation),
                          ("Elever der har brug for støtte", guide.weaker), ("Elever der kan mere", guide.stronger),
                          ("Faglig note", guide.subject_note)):
        console.print(f"\n[bold]{heading}[/bold]\n{text}")
    for heading, items in (("Tal med klassen om", guide.discussion), ("Typiske misforståelser", guide.misconceptions),
                           ("Fagord", [f"{term}: {text}" for term, text in guide.key_terms.items()]),
                           ("Tegn på læring", list(activity.signs.values()))):
        console.print(f"\n[bold]{heading}[/bold]")
        for item in items:
            console.print(f"  - {item}", markup=False)
    if activity.rubric:
        console.print(f"\n[bold]Rubrik ({activity.rubric_points} point)[/bold]")
        for criterion in activity.rubric:
            console.print(f"  {criterion.criterion}", markup=False)
            for level in criterion.levels:
                console.print(f"    {level.points} point: {level.text}", markup=False)


@cli.command("print")
@ROOT_OPTION
@click.argument("activity_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="PDF-filen, der skal skrives.")
def print_kopiark(root: Path, activity_id: str, output: Path):
    """Lav kopiarket (kort, arbejdsark, læs op) til en aktivitet som PDF."""
    from .kopiark import KopiarkError, has_kopiark, write_kopiark

    curriculum = _load_or_exit(root)
    if not curriculum.has_activity(activity_id):
        click.echo(f"Aktiviteten '{activity_id}' findes ikke i læseplanen.", err=True)
        sys.exit(1)
    activity = curriculum.activity(activity_id)
    if not has_kopiark(curriculum, activity):
        click.echo(f"Aktiviteten '{activity_id}' har ikke noget kopiark.", err=True)
        sys.exit(1)
    try:
        size = write_kopiark(curriculum, activity, output)
    except KopiarkError as error:
        click.echo(f"Kopiarket kan ikke laves: {error}", err=True)
        sys.exit(1)
    except OSError as error:
        click.echo(f"Kunne ikke skrive {output}: {error.strerror}", err=True)
        sys.exit(1)
    click.echo(f"Kopiarket til {activity.title} er gemt i {output} ({size // 1024} KB).")
