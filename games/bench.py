"""``kodefag bench pgzero``: seconds to grade one pupil's game project.

Target: a median of at most 0.25 s per pupil per project, sandboxed process included.
Measured for every project's solution with :func:`grade_project` (one process,
pygame imported once, a fork per check) as a worker grades a hand-in: with the
sandboxed child its idle time started ahead (:func:`start_warm_child`), from the
hand-in to the result. The naive baseline is measured in the same run: a fresh
Python process per check that imports pygame the usual way (with pkg_resources)
and runs that one check - what calling ``pgzrun`` once per check would cost at best.
"""
import json
import statistics
import tempfile
import time
from pathlib import Path

import click

from kodefag.benchmarks import load_average, load_note, record
from kodefag.bytecode import compile_bytecode
from kodefag.games.grading import _run_spec, grade_project, load_checks
from kodefag.games.runner import (GAMES_DIR, LIMITS, PROJECTS_DIR, START_SECONDS, prepare_job, python_command,
                                  start_warm_child, stop_warm_child)
from kodefag.sandbox import Policy, run

TARGET_SECONDS = 0.25

NAIVE_CHILD = (
    "import pkg_resources, runpy; "  # what a plain `import pygame` pays
    "runpy.run_module('kodefag.games.child', run_name='__main__')"
)


def naive_grade(project_dir, game_file):
    """Baseline: one fresh process per check, no shared imports, no forks."""
    checks = load_checks(project_dir)
    with tempfile.TemporaryDirectory() as workdir:
        game = prepare_job(workdir, game_file, project_dir=project_dir)
        passed = 0
        for check in checks["checks"]:
            job = {"game": str(game), "run_timeout": 2.0, "runs": [_run_spec(check)]}
            completed = run(
                [python_command("x")[0], "-P", "-c", NAIVE_CHILD], policy=Policy.GRADING, workdir=Path(workdir),
                limits=LIMITS.with_cpu_for(30), wall_seconds=30, stdin=json.dumps(job).encode(),
                ro_binds=(GAMES_DIR,),
            )
            result = json.loads(completed.stdout)["results"][0]
            passed += result["error"] is None
    return passed


def _time(function, *args):
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def _time_handed_in(project, solution):
    """One grading as a worker does it: its child started and ready before the hand-in arrives."""
    child = start_warm_child()
    if child is None or not child.wait_ready(START_SECONDS * 4):
        raise click.ClickException("the warm game child did not start (is bubblewrap installed?)")
    return _time(grade_project, project, solution)


@click.command()
@click.option("--rounds", default=5, show_default=True, help="Gradings per project (median is reported).")
def bench(rounds):
    """Grade every project's solution; compare with one process per check."""
    compile_bytecode()  # as `make install` does; the sandbox cannot write it
    highest_load = start_load = load_average()
    rows, ours_all, naive_all = [], [], []
    for project in sorted(p for p in PROJECTS_DIR.iterdir() if (p / "checks.yaml").exists()):
        solution = project / "solution.py"
        grade_project(project, solution)  # warm the file cache
        checks = len(load_checks(project)["checks"])
        try:
            ours = [_time_handed_in(project, solution) for _ in range(rounds)]
        finally:
            stop_warm_child()
        naive = [_time(naive_grade, project, solution) for _ in range(max(1, rounds // 2))]
        ours_all.append(statistics.median(ours))
        naive_all.append(statistics.median(naive))
        rows.append(f"| {project.name} | {checks} | {statistics.median(ours):.3f} | {min(ours):.3f} "
                    f"| {statistics.median(naive):.3f} | {statistics.median(naive) / statistics.median(ours):.1f}x |")
        click.echo(rows[-1])
        highest_load = max(highest_load, load_average())
    worst = max(ours_all)
    end_load = load_average()
    body = "\n".join([
        "Seconds (wall clock) to grade one pupil's game project - all its checks, bubblewrap sandbox",
        f"included - on the projects' reference solutions; {rounds} gradings per project, one after another,",
        "each from the hand-in to the result with the sandboxed game child started ahead (as an idle worker does).",
        "Baseline (same run, same sandbox): a fresh Python process per check importing pygame the usual way.",
        load_note(highest_load) + f" 1-minute load average at the start {start_load:.1f}, at the end {end_load:.1f}."
        " The fastest run shows the time on a quieter machine.",
        "",
        "| project | checks | kodefag median (s) | kodefag fastest (s) | one process per check (s) | speed-up |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"Mean {statistics.mean(ours_all):.3f} s vs {statistics.mean(naive_all):.3f} s baseline "
        f"({statistics.mean(naive_all) / statistics.mean(ours_all):.1f}x). Median over all projects "
        f"{statistics.median(ours_all):.3f} s, worst project {worst:.3f} s: "
        + ("meets" if worst <= TARGET_SECONDS else "misses")
        + f" the target of at most {TARGET_SECONDS} s per pupil for every project.",
    ])
    record("Pygame Zero grading", body)
    click.echo(body)
