"""A virtual-time micro:bit simulator for checking pupils' programs.

``simulate(source, seconds=10, inputs=["a@1000"])`` runs the program unchanged
(``from microbit import *``, ``import music``, ``import radio``...) in a limited
child process and returns its trace: ``serial`` (all printed text), ``display``
(``[ms, frame-or-text]``), ``error`` (None or a Danish message with the line
number) and ``ms`` (virtual time reached), plus sounds, pins and radio.
"""
from __future__ import annotations

from kodefag.microbit.simulator.inputs import InputError, parse_inputs
from kodefag.microbit.simulator.runner import run_job
from kodefag.sandbox import Policy

__all__ = ["simulate", "simulate_boards", "InputError", "Policy", "parse_inputs"]

DEFAULT_WALL_SECONDS = 5.0


def simulate(source: str, *, seconds: float = 10, inputs=(), seed: int = 0, modules: dict | None = None,
             boards: int = 1, wall_seconds: float = DEFAULT_WALL_SECONDS, policy: Policy = Policy.GRADING) -> dict:
    """Simulate one program (on ``boards`` micro:bits that all run it).

    ``policy`` is the sandbox policy (kodefag.sandbox): GRADING for the platform's
    runs, OWN_CODE for the pupil's own kernel (``%%microbit``)."""
    files = {"main.py": source, **(modules or {})}
    return simulate_boards([files] * boards, seconds=seconds, inputs=inputs, seed=seed, wall_seconds=wall_seconds,
                           policy=policy)


def simulate_boards(programs: list[dict], *, seconds: float = 10, inputs=(), seed: int = 0,
                    wall_seconds: float = DEFAULT_WALL_SECONDS, policy: Policy = Policy.GRADING) -> dict:
    """Simulate several micro:bits, each with its own files ({"main.py": ..., "modul.py": ...})."""
    parse_inputs(inputs)  # fail early, in Danish, on input the child would reject
    job = {"boards": [{"files": dict(p)} for p in programs], "seconds": seconds,
           "inputs": [i if isinstance(i, (str, dict)) else str(i) for i in inputs], "seed": seed,
           "wall_seconds": wall_seconds}
    result, problem = run_job(job, wall_seconds, policy)
    if result is None:
        message = ("Programmet blev stoppet: det brugte for lang tid eller for meget hukommelse "
                   "(måske en løkke uden sleep eller en meget stor beregning).")
        return {"serial": "", "display": [], "error": message, "ms": 0, "boards": [], "radio": [],
                "runner_problem": problem}
    return result
