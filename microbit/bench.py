"""`kodefag bench microbit`: how fast .hex building and the simulator are.

Baselines measured in the same run: the plain library path
(micropython-microbit-fs add_files + universal-hex create_uhex for every build)
and uflash 2.0.0 (Mu's tool, older V2 beta runtime). Results go to
docs/performance.md via kodefag.benchmarks.record.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

from kodefag.benchmarks import record

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

    from kodefag.microbit import hexbuild

    start = time.perf_counter()
    hexbuild.build_hex({"main.py": source})
    first = time.perf_counter() - start
    ours = _timed(lambda: hexbuild.build_hex({"main.py": source}), 50)
    plain = _timed(lambda: hexbuild.build_hex_plain({"main.py": source}), 3)
    uflash_lib = _timed(lambda: uflash.embed_fs_uhex(uflash._RUNTIME, source.encode()), 10)
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "main.py"
        script.write_text(source)
        command = [str(Path(sys.executable).with_name("py2hex")), str(script), "-o", tmp]
        uflash_cli = _timed(lambda: subprocess.run(command, capture_output=True, check=True), 3)
        ours_cli_command = [str(Path(sys.executable).with_name("kodefag")), "microbit", "build", str(script),
                            "-o", str(Path(tmp) / "k.hex")]
        ours_cli = _timed(lambda: subprocess.run(ours_cli_command, capture_output=True, check=True), 3)
    return [("kodefag build (warm, runtimes parsed once per process)", ours),
            ("kodefag build (first in a process)", first),
            ("plain micropython-microbit-fs + universal-hex", plain),
            ("uflash 2.0.0 embed_fs_uhex (in process)", uflash_lib),
            ("uflash 2.0.0 command line (new process)", uflash_cli),
            ("kodefag microbit build command line (new process)", ours_cli)]


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
def bench():
    """Mål .hex-bygning og simulator mod uflash og biblioteket (docs/performance.md)."""
    source = _program()
    rows = _bench_build(source)
    ours = rows[0][1]
    lines = ["| what | median time | ratio to kodefag warm build |", "|---|---|---|"]
    for name, seconds in rows:
        lines.append(f"| {name} | {seconds * 1000:.1f} ms | {seconds / ours:.1f}x |")
    lines.append("")
    lines.append("Target: <= 50 ms per Universal Hex build after warm-up "
                 f"({'met' if ours <= 0.05 else 'NOT met'}: {ours * 1000:.1f} ms).")
    try:
        sim = _bench_simulator()
    except ImportError:
        sim = []
    if sim:
        lines += ["", "| simulator | wall time | faster than real time (60 s) |", "|---|---|---|"]
        lines += [f"| {name} | {seconds * 1000:.1f} ms | {60 / seconds:.0f}x |" for name, seconds in sim]
    body = "\n".join(lines)
    record("micro:bit", body)
    click.echo(body)
