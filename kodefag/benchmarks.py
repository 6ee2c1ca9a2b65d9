"""Writing benchmark results into docs/performance.md.

Each benchmark owns one section of the file, headed ``## <title>``; running a
benchmark again replaces its own section and leaves the others alone. Every
section says on which machine and on which date it was measured. `kodefag bench`
(the group at the end) runs them.
"""
import datetime
import os
import platform
import re
from pathlib import Path

import click

from kodefag.cli import load_command
from kodefag.settings import REPO_ROOT

PERFORMANCE_MD = REPO_ROOT / "docs" / "performance.md"
HEADER = (
    "# Performance\n\n"
    "Written by `kodefag bench ...`; each section is replaced when its benchmark runs again.\n"
    "Baselines (stock nbgrader, uflash, ...) are measured in the same run and compared as a ratio.\n"
)


def machine_description() -> str:
    """One line naming the machine the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        memory = f"{psutil.virtual_memory().total / 2**30:.0f} GiB"
    except Exception:
        memory = "unknown memory"
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def load_average() -> float:
    """The machine's 1-minute load average (0.0 where the OS does not report one)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def load_note(highest: float) -> str:
    """One sentence saying how busy the machine was, for a benchmark's section."""
    return (f"Highest 1-minute load average during the run: {highest:.1f} on {os.cpu_count()} cores "
            "(other work on the machine slows every number; the ratios compare runs made side by side).")


def record(title: str, body: str, path: Path = PERFORMANCE_MD) -> None:
    """Replace (or add) the section ``## title`` with body, stamped with machine and date."""
    stamp = f"Measured {datetime.date.today().isoformat()} on {machine_description()}.\n\n"
    section = f"## {title}\n\n{stamp}{body.strip()}\n"
    text = path.read_text() if path.exists() else HEADER
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip("\n") + "\n")


#: benchmark name -> "module:attribute"; each writes its section of docs/performance.md
BENCHMARKS = {
    "grading": "kodefag.grader.bench:bench",
    "microbit": "kodefag.microbit.bench:bench",
    "pgzero": "kodefag.games.bench:bench",
    "portal": "kodefag.teacher_portal.bench:bench",
    "hub": "kodefag.hub.bench:bench",
    "pupil": "kodefag.hub.bench_pupil:bench",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported only when used."""

    def __init__(self, *args, lazy_commands=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy_commands))

    def get_command(self, ctx, name):
        if name in self.lazy_commands:
            return load_command(self.lazy_commands[name])
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, lazy_commands=BENCHMARKS)
def bench():
    """Benchmarks; results go to docs/performance.md with machine and date."""
