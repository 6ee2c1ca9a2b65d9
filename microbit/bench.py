"""`kodefag bench microbit`: how fast .hex building and the simulator are.

Baselines measured in the same run: the plain library path
(micropython-microbit-fs add_files + universal-hex create_uhex for every build)
and uflash 2.0.0 (Mu's tool, older V2 beta runtime). Results go to
docs/performance.md via kodefag.benchmarks.record.

The command lines are timed as new processes, taking turns (uflash, kodefag,
uflash, ...) so that other work on the machine slows both alike. Both run with
bytecode: pip compiled uflash when it was installed, and our own modules are
compiled first, as ``make install`` does (see kodefag.bytecode), which also
prepares the runtimes and the checker's API index (kodefag.microbit.runtimes).
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

from kodefag.benchmarks import load_average, load_note, record
from kodefag.bytecode import compile_bytecode

LESSONS = Path(__file__).resolve().parent / "lessons"
FALLBACK_PROGRAM = "from microbit import *\nwhile True:\n    if button_a.was_pressed():\n        display.scroll('Hej')\n    sleep(100)\n"


def _timed(function, repeat: int) -> float:
    """Median seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _program() -> str:
    path = LESSONS / "mb-skridttaeller" / "solution.py"
    return path.read_text() if path.exists() else FALLBACK_PROGRAM


def _bench_build(source: str) -> list[tuple[str, float]]:
    import uflash

    from kodefag.microbit import hexbuild, runtimes

    start = time.perf_counter()
    hexbuild.build_hex({"main.py": source})
    first = time.perf_counter() - start
    ours = _timed(lambda: hexbuild.build_hex({"main.py": source}), 50)
    plain = _timed(lambda: runtimes.build_hex_plain({"main.py": source}), 3)
    uflash_lib = _timed(lambda: uflash.embed_fs_uhex(uflash._RUNTIME, source.encode()), 10)
    return [("kodefag build (warm, runtimes read once per process)", ours),
            ("kodefag build (first in a process)", first),
            ("plain micropython-microbit-fs + universal-hex", plain),
            ("uflash 2.0.0 embed_fs_uhex (in process)", uflash_lib)]


def _bench_command_lines(source: str, rounds: int) -> tuple[float, float]:
    """Median seconds of (uflash's py2hex, ``kodefag microbit build``), each a new process, taking turns."""
    from kodefag.microbit import runtimes

    compile_bytecode()  # as `make install` does (and pip for uflash)
    runtimes.prepare()  # as `make install` does: the runtimes and the API index the checker reads
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "main.py"
        script.write_text(source)
        commands = {
            "uflash": [str(bin_dir / "py2hex"), str(script), "-o", tmp],
            "kodefag": [str(bin_dir / "kodefag"), "microbit", "build", str(script), "-o", str(Path(tmp) / "k.hex")],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(rounds + 2):  # two rounds to warm the file cache, not counted
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, check=True)
                if round_number >= 2:
                    times[name].append(time.perf_counter() - start)
    return statistics.median(times["uflash"]), statistics.median(times["kodefag"])


def _bench_simulator() -> list[tuple[str, float]]:
    from kodefag.microbit.simulator import simulate
    from kodefag.microbit.simulator.run import run_world

    source = _program()
    inputs = ["shake@1000", "a@5000", "b@9000"]
    sandboxed = _timed(lambda: simulate(source, seconds=60, inputs=inputs), 3)
    job = {"boards": [{"files": {"main.py": source}}], "seconds": 60, "inputs": inputs}
    in_process = _timed(lambda: run_world(job), 5)
    radio = LESSONS / "mb-afstemning" / "solution.py"
    rows = [("60 virtual s of mb-skridttaeller, sandboxed subprocess (what grading uses)", sandboxed),
            ("the same, engine only (in process)", in_process)]
    if radio.exists():
        job = {"boards": [{"files": {"main.py": radio.read_text()}}] * 4, "seconds": 60,
               "inputs": ["2:a@1000", "3:b@2000", "4:a@3000"]}
        rows.append(("60 virtual s of mb-afstemning on 4 boards with radio, engine only", _timed(lambda: run_world(job), 3)))
    return rows


@click.command()
@click.option("--rounds", default=21, show_default=True, help="New processes per command line (median is reported).")
def bench(rounds):
    """Mål .hex-bygning og simulator mod uflash og biblioteket (docs/performance.md)."""
    highest_load = start_load = load_average()
    source = _program()
    uflash_cli, ours_cli = _bench_command_lines(source, rounds)
    highest_load = max(highest_load, load_average())
    rows = _bench_build(source) + [("uflash 2.0.0 command line `py2hex` (new process)", uflash_cli),
                                   ("`kodefag microbit build` command line (new process)", ours_cli)]
    ours = rows[0][1]
    lines = ["| what | median time | ratio to kodefag warm build |", "|---|---|---|"]
    for name, seconds in rows:
        lines.append(f"| {name} | {seconds * 1000:.1f} ms | {seconds / ours:.1f}x |")
    lines.append("")
    lines.append("Target: <= 50 ms per Universal Hex build after warm-up "
                 f"({'met' if ours <= 0.05 else 'NOT met'}: {ours * 1000:.1f} ms).")
    ratio = ours_cli / uflash_cli
    lines.append("")
    lines.append(f"**Command line, new process each time ({rounds} each, taking turns): `kodefag microbit build` "
                 f"{ours_cli * 1000:.1f} ms, uflash `py2hex` {uflash_cli * 1000:.1f} ms: {ratio:.2f}x uflash's time** "
                 f"(target: at most 1.0x, {'met' if ratio <= 1.0 else 'NOT met'}). Ours also checks the program "
                 "(syntax for V1 with MicroPython 1.9.2's compiler, API names, size); uflash does not.")
    try:
        sim = _bench_simulator()
    except ImportError:
        sim = []
    end_load = load_average()
    highest_load = max(highest_load, end_load)
    if sim:
        lines += ["", "| simulator | wall time | faster than real time (60 s) |", "|---|---|---|"]
        lines += [f"| {name} | {seconds * 1000:.1f} ms | {60 / seconds:.0f}x |" for name, seconds in sim]
    lines += ["", load_note(highest_load) + f" 1-minute load average at the start {start_load:.1f}, at the end "
              f"{end_load:.1f}: the machine may be shared, so compare the ratios, measured side by side."]
    body = "\n".join(lines)
    record("micro:bit", body)
    click.echo(body)
