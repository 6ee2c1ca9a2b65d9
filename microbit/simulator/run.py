"""Running a whole simulation in this process (the sandboxed child calls this)."""
from __future__ import annotations

from kodefag.microbit.simulator.board import Board
from kodefag.microbit.simulator.engine import World
from kodefag.microbit.simulator.inputs import InputError, parse_inputs
from kodefag.microbit.simulator.modules import RadioAir

MAX_SECONDS = 600
MAX_BOARDS = 8


def run_world(job: dict) -> dict:
    """Simulate ``job`` and return the trace.

    job = {"boards": [{"files": {"main.py": source, ...}}, ...], "seconds": 10,
           "inputs": ["a@1000", "2:shake@500", ...], "seed": 0, "wall_seconds": 5}
    The result has the first board's trace at top level (serial, display, error, ms)
    and every board's trace under "boards".
    """
    seconds = min(float(job.get("seconds", 10)), MAX_SECONDS)
    boards_spec = job.get("boards") or [{"files": {"main.py": ""}}]
    if len(boards_spec) > MAX_BOARDS:
        return _failed(f"Højst {MAX_BOARDS} micro:bits ad gangen i simulatoren.")
    try:
        inputs = parse_inputs(job.get("inputs"))
    except InputError as error:
        return _failed(str(error))
    world = World(end_ms=seconds * 1000, wall_seconds=float(job.get("wall_seconds", 5)))
    air = RadioAir()
    boards = [Board(world, air, i, spec["files"], int(job.get("seed", 0))) for i, spec in enumerate(boards_spec)]
    for item in inputs:
        if item.board >= len(boards):
            return _failed(f"Input til micro:bit nummer {item.board + 1}, men der er kun {len(boards)}.")
        boards[item.board].schedule(item)
    world.run([board.run_program for board in boards])
    traces = [board.result() for board in boards]
    result = dict(traces[0])
    result["boards"] = traces
    result["radio"] = air.log
    result["seconds"] = seconds
    return result


def _failed(message: str) -> dict:
    return {"serial": "", "display": [], "error": message, "ms": 0, "boards": [], "radio": []}
