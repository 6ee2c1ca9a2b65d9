"""`kodefag bench grading`: our sandboxed parallel grader against stock nbgrader.

Builds a class set of 28 submissions of the foundation's grade-5 notebook
(honest, wrong, broken and two infinite loops), grades it with the real
``nbgrader autograde`` command in a temporary course folder and with our engine
(sandbox on, parallel workers) in the same run, checks that both give the same
scores on the honest submissions, and records wall times, CPU seconds per
hand-in, the load average before and after, and the ratio in docs/performance.md.

The machine may be shared: wall times of both graders stretch with other work, the
stock one less (most of its time is two 30 s cell timeouts, which do not stretch).
CPU seconds per hand-in (every process of each grader, kernels included, counted
by a cpuacct cgroup where the machine has cgroup v1 and we are root) barely
depend on the load, so they are recorded beside the wall times.
"""
from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click
import nbformat

from kodefag.settings import REPO_ROOT

NOTEBOOK = REPO_ROOT / "notebooks" / "g5-lister-og-loekker" / "g5-lister-og-loekker.ipynb"
ASSIGNMENT = "g5"

SUM_VARIANTS = [
    "def samlet_point(point):\n    summen = 0\n    for p in point:\n        summen = summen + p\n    return summen",
    "def samlet_point(point):\n    return sum(point)",
    "def samlet_point(point):\n    i = 0\n    total = 0\n    while i < len(point):\n        total += point[i]\n        i += 1\n    return total",
    "def samlet_point(point):\n    s = 0\n    for p in point:\n        print('lægger', p, 'til')\n        s += p\n    return s",
]
COUNT_VARIANTS = [
    "def antal_mindst(point, grænse):\n    antal = 0\n    for p in point:\n        if p >= grænse:\n            antal = antal + 1\n    return antal",
    "def antal_mindst(point, grænse):\n    return len([p for p in point if p >= grænse])",
    "def antal_mindst(point, grænse):\n    return sum(1 for p in point if not p < grænse)",
]
EXPLANATION = "Med en løkke skriver man koden én gang, og den virker for alle længder."

#: (kind, samlet-point answer, antal-mindst answer)
NON_HONEST = [
    ("forkert", "def samlet_point(point):\n    return len(point)", COUNT_VARIANTS[0]),
    ("forkert", SUM_VARIANTS[1], "def antal_mindst(point, grænse):\n    return len([p for p in point if p > grænse])"),
    ("forkert", "def samlet_point(point):\n    for p in point:\n        return p", "def antal_mindst(point, grænse):\n    pass"),
    ("forkert", "def samlet_point(point):\n    print(sum(point))", COUNT_VARIANTS[1]),
    ("i stykker", "def samlet_point(point)\n    return sum(point)", COUNT_VARIANTS[0]),
    ("i stykker", "def samlet_point(point):\n    return summ(point)", "def antal_mindst(point, grænse):\n    return point.count(grænse) +"),
    ("uendelig løkke", SUM_VARIANTS[0] + "\nwhile True:\n    pass", COUNT_VARIANTS[0]),
    ("uendelig løkke", SUM_VARIANTS[1], "def antal_mindst(point, grænse):\n    antal = 0\n    i = 0\n    while i < len(point):\n"
     "        if point[i] >= grænse:\n            antal += 1\n    return antal"),
]
CLASS_SIZE = 28
CPUACCT = Path("/sys/fs/cgroup/cpuacct")


def class_set(size: int = CLASS_SIZE) -> list[tuple[str, str, str, str]]:
    """(student, kind, samlet-point code, antal-mindst code) for a class (the non-honest ones first)."""
    pupils = []
    for index, (kind, first, second) in enumerate(NON_HONEST[:size]):
        pupils.append((f"elev{index + 1:02d}", kind, first, second))
    for index in range(len(NON_HONEST), size):
        first = SUM_VARIANTS[index % len(SUM_VARIANTS)]
        second = COUNT_VARIANTS[index % len(COUNT_VARIANTS)]
        pupils.append((f"elev{index + 1:02d}", "ærlig", first, second))
    return pupils


@contextlib.contextmanager
def cpu_meter(name: str):
    """Count the CPU of this process and everything it starts from now on (cgroup v1 cpuacct).

    Yields a function returning the CPU seconds so far, or None where the machine
    cannot count them (no cgroup v1 cpuacct, not root).
    """
    group = CPUACCT / f"kodefag-bench-{name}-{os.getpid()}"
    try:
        group.mkdir()
        (group / "cgroup.procs").write_text(str(os.getpid()))
    except OSError:
        yield lambda: None
        return
    try:
        yield lambda: int((group / "cpuacct.usage").read_text()) / 1e9
    finally:
        (CPUACCT / "cgroup.procs").write_text(str(os.getpid()))
        with contextlib.suppress(OSError):
            group.rmdir()  # refused while a straggler still runs: an empty folder, harmless


def _nbgrader(root: Path, *args: str) -> float:
    """Run the real nbgrader command in the course folder; returns wall seconds."""
    started = time.monotonic()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    completed = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=root, env=env,
                               capture_output=True, text=True)
    if completed.returncode != 0:
        raise click.ClickException(f"nbgrader {' '.join(args)} failed:\n{completed.stderr[-3000:]}")
    return time.monotonic() - started


def make_course(root: Path) -> None:
    """A course folder with the source notebook, released with stock generate_assignment."""
    (root / "source" / ASSIGNMENT).mkdir(parents=True)
    shutil.copy(NOTEBOOK, root / "source" / ASSIGNMENT / NOTEBOOK.name)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        "c.CourseDirectory.course_id = 'bench'\n"
    )
    _nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")


def write_submissions(root: Path, pupils) -> None:
    """Fill the released notebook as each pupil would, into submitted/<student>/g5/."""
    released = nbformat.read(str(root / "release" / ASSIGNMENT / NOTEBOOK.name), as_version=4)
    for student, _, first, second in pupils:
        nb = nbformat.reads(nbformat.writes(released), as_version=4)
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id == "samlet-point":
                cell.source = first
            elif grade_id == "antal-mindst":
                cell.source = second
            elif grade_id == "forklaring":
                cell.source = EXPLANATION
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / NOTEBOOK.name))


def stock_scores(root: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        return {submission.student.id: submission.score for submission in gradebook.assignment_submissions(ASSIGNMENT)}


@click.command()
@click.option("--workers", type=int, default=None, help="Our parallel graders (default: three per CPU core).")
@click.option("--pupils", type=click.IntRange(1, 200), default=CLASS_SIZE, show_default=True,
              help="Class size (a smaller class for a quick look; only the full class is recorded).")
@click.option("--profile", is_flag=True,
              help="Instead: where one hand-in's CPU goes (kernel start, notebook, grader), one hand-in at a time.")
def bench(workers, pupils, profile):
    """Grade a class set with stock nbgrader autograde and with kodefag; record both."""
    from kodefag.benchmarks import record
    from kodefag.curriculum import time_limits
    from kodefag.curriculum.loader import load_curriculum
    from kodefag.grader.course import grade_course

    curriculum = load_curriculum()
    # the limits the platform grades this activity with: measured from its model solution
    limits = time_limits.activity_limits(curriculum, curriculum.activity(NOTEBOOK.stem))
    if profile:
        record("Grading: where a hand-in's CPU goes (kodefag bench grading --profile)", profile_report(limits))
        return
    # kernels wait on I/O much of the time, and a job in an endless loop holds its worker
    # (at the lowest CPU priority) until the cell time limit: three workers per core
    workers = workers or 3 * (os.cpu_count() or 1)
    size, pupils = pupils, class_set(pupils)
    kinds = {student: kind for student, kind, _, _ in pupils}
    with tempfile.TemporaryDirectory(prefix="kodefag-bench-") as temp:
        stock_root, our_root = Path(temp) / "stock", Path(temp) / "kodefag"
        for root in (stock_root, our_root):
            make_course(root)
            write_submissions(root, pupils)
        load_before = os.getloadavg()
        click.echo(f"load average before: {_loads(load_before)}")
        click.echo(f"Stock nbgrader autograde: {len(pupils)} submissions, sequential ...")
        with cpu_meter("stock") as stock_cpu:
            stock_seconds = _nbgrader(stock_root, "autograde", ASSIGNMENT)
            stock_cpu_seconds = stock_cpu()
        stock = stock_scores(stock_root)
        click.echo(f"  {stock_seconds:.1f} s")
        load_between = os.getloadavg()
        click.echo(f"kodefag: same class, sandbox on, {workers} workers ...")
        with cpu_meter("kodefag") as our_cpu:
            started = time.monotonic()
            results = grade_course(our_root, ASSIGNMENT, workers=workers, cell_timeout=limits.cell_seconds,
                                   notebook_timeout=limits.notebook_seconds)
            our_seconds = time.monotonic() - started
            our_cpu_seconds = our_cpu()
        click.echo(f"  {our_seconds:.1f} s")
        load_after = os.getloadavg()
        click.echo(f"load average after: {_loads(load_after)}")
    ours = {student: sum(r["score"] for r in notebooks.values()) for student, notebooks in results.items()}
    honest = [student for student, kind in kinds.items() if kind == "ærlig"]
    mismatched = [student for student in honest if stock.get(student) != ours.get(student)]
    if mismatched:
        raise click.ClickException(f"scores differ on honest submissions: {[(s, stock.get(s), ours.get(s)) for s in mismatched]}")
    ratio = stock_seconds / our_seconds
    timings = {"stock": stock_seconds, "ours": our_seconds, "stock_cpu": stock_cpu_seconds, "our_cpu": our_cpu_seconds,
               "loads": (load_before, load_between, load_after)}
    click.echo(f"Stock {stock_seconds:.1f} s, kodefag {our_seconds:.1f} s: {ratio:.1f}x faster; honest scores identical.")
    if stock_cpu_seconds is not None and our_cpu_seconds is not None:
        click.echo(f"CPU per hand-in: stock {stock_cpu_seconds / len(pupils):.2f} s, "
                   f"kodefag {our_cpu_seconds / len(pupils):.2f} s")
    if size != CLASS_SIZE:
        click.echo(f"A class of {size}, not {CLASS_SIZE}: not recorded in docs/performance.md.")
        return
    record("Grading (kodefag bench grading)", _report(pupils, kinds, stock, ours, timings, ratio, workers, limits))


PROFILE_ROUNDS = 8


def profile_report(limits, rounds: int = PROFILE_ROUNDS) -> str:
    """Grade honest hand-ins one at a time, each with a kernel started just before; CPU of each part."""
    import statistics

    from kodefag.grader import engine

    parts: dict[str, list[float]] = {"kernel start": [], "notebook in the kernel": [], "grading process": [],
                                     "wall": []}
    honest = [pupil for pupil in class_set() if pupil[1] == "ærlig"][: rounds + 1]
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="kodefag-bench-") as temp, cpu_meter("profile") as meter, \
            contextlib.ExitStack() as cleanup:
        cleanup.callback(engine.stop_warm_kernel)  # none is left unless a grading failed
        if meter() is None:
            raise click.ClickException("--profile counts CPU with a cgroup v1 cpuacct group: run it as root")
        root = Path(temp) / "kodefag"
        make_course(root)
        write_submissions(root, honest)
        source = root / "source" / ASSIGNMENT / NOTEBOOK.name
        for index, (student, *_) in enumerate(honest):
            all_0, own_0 = meter(), _own_cpu()
            engine.start_warm_kernel()  # what an idle worker does; the kernel serves exactly this hand-in
            all_1, own_1 = meter(), _own_cpu()
            started = time.monotonic()
            engine.grade(source, root / "submitted" / student / ASSIGNMENT / NOTEBOOK.name,
                         cell_timeout=limits.cell_seconds, notebook_timeout=limits.notebook_seconds)
            wall = time.monotonic() - started
            all_2, own_2 = meter(), _own_cpu()
            if index == 0:
                continue  # the first hand-in of a process fills its caches
            parts["kernel start"].append((all_1 - all_0) - (own_1 - own_0))
            parts["notebook in the kernel"].append((all_2 - all_1) - (own_2 - own_1))
            parts["grading process"].append(own_2 - own_0)
            parts["wall"].append(wall)
    median = {name: statistics.median(values) for name, values in parts.items()}
    total = sum(value for name, value in median.items() if name != "wall")
    what = {
        "kernel start": "bubblewrap, setpriv, prlimit, Python, ipykernel and IPython imported and set up, "
                        "the kernel guard installed",
        "notebook in the kernel": "the pupil's cells and the tests, the kernel guard's restore before each test",
        "grading process": "nbgrader's preprocessors, nbformat, the result, the uid and cgroup bookkeeping",
    }
    lines = [
        f"{rounds} honest hand-ins of `{NOTEBOOK.relative_to(REPO_ROOT)}` graded one at a time, each with a "
        "sandboxed kernel started just before it (as an idle worker does); CPU seconds of every process "
        "(cpuacct cgroup), median. The first hand-in of the process is not counted (it fills the caches).",
        "",
        "| part | CPU s per hand-in | share | what it is |",
        "|---|---|---|---|",
    ]
    for name, text in what.items():
        lines.append(f"| {name} | {median[name]:.3f} | {median[name] / total:.0%} | {text} |")
    lines += [
        f"| total | {total:.3f} | 100% | |",
        "",
        f"Grading one hand-in whose kernel was started ahead took {median['wall']:.2f} s (wall, median).",
        f"Load average (1, 5, 15 min) on {os.cpu_count()} cores: {_loads(load)} before, "
        f"{_loads(os.getloadavg())} after.",
    ]
    return "\n".join(lines)


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _loads(loads) -> str:
    return ", ".join(f"{value:.2f}" for value in loads)


def _per_pupil(seconds, pupils) -> str:
    return "not counted" if seconds is None else f"{seconds / len(pupils):.2f} s"


def _report(pupils, kinds, stock, ours, timings, ratio, workers, limits) -> str:
    counts = {}
    for kind in kinds.values():
        counts[kind] = counts.get(kind, 0) + 1
    mix = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    stock_seconds, our_seconds = timings["stock"], timings["ours"]
    lines = [
        f"Class set: {len(pupils)} submissions of `{NOTEBOOK.relative_to(REPO_ROOT)}` ({mix}).",
        "",
        "| grader | settings | wall time | CPU per hand-in |",
        "|---|---|---|---|",
        f"| stock `nbgrader autograde` (one command, sequential) | nbgrader defaults: 30 s per cell, no sandbox "
        f"| {stock_seconds:.1f} s | {_per_pupil(timings['stock_cpu'], pupils)} |",
        f"| kodefag `grade_course` | sandbox on (bubblewrap, own uid, rlimits), {workers} workers, "
        f"{limits.cell_seconds:g} s per cell, {limits.notebook_seconds:g} s per notebook (measured from the model "
        f"solution, curriculum/time_limits.yaml) | {our_seconds:.1f} s | {_per_pupil(timings['our_cpu'], pupils)} |",
        "",
        f"**Ratio: {ratio:.1f}x faster than stock** (wall time, same run; target: at least 15x on 2 cores).",
        f"Load average (1, 5, 15 min) on {os.cpu_count()} cores: {_loads(timings['loads'][0])} before, "
        f"{_loads(timings['loads'][1])} between the two graders, {_loads(timings['loads'][2])} after. "
        "CPU per hand-in counts every process of the grader, kernels and sandboxes included "
        "(stock's includes its two endless loops burning a core for 30 s each).",
        "",
        "Scores on the honest submissions are identical in both graders (checked in the run).",
        "The other submissions (scores out of 4 automatic points):",
        "",
        "| pupil | kind | stock | kodefag |",
        "|---|---|---|---|",
    ]
    for student, kind in kinds.items():
        if kind != "ærlig":
            note = " (stock: full marks although the cell never finished)" if stock.get(student) != ours.get(student) else ""
            lines.append(f"| {student} | {kind} | {stock.get(student):g} | {ours.get(student):g}{note} |")
    return "\n".join(lines)
