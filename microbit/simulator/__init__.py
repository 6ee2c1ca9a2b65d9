"""A virtual-time micro:bit simulator for checking pupils' programs.

``simulate(source, seconds=10, inputs=["a@1000"])`` runs the program unchanged
(``from microbit import *``, ``import music``, ``import radio``...) in a limited
child process and returns its trace: ``serial`` (all printed text), ``display``
(``[ms, frame-or-text]``), ``error`` (None or a Danish message with the line
number) and ``ms`` (virtual time reached), plus sounds, pins and radio.

Pins and components (the engine API the browser's simulator builds on):
- ``inputs`` drive pins from outside: ``pin1=600@1000`` (0/1 digital, 2-1023 analog, ``none``
  disconnects), ``pin1=900..100@1000:3000`` (a ramp), ``touch0@500:300`` (a finger on pin0);
- the trace lists every write to a pin in ``pins`` as ``[ms, "pin0", value]`` (write_digital 0/1,
  write_analog 0-1023) and every tune in ``sounds`` as ``[ms, "play"|"pitch"|"stop", value, "pin0"]``;
- ``components={"pin0": "lysdiode"}`` is returned as ``components`` for drawing (see COMPONENTS).
Pin modes, pulls and error messages follow the V1 firmware (compared under QEMU in tests/microbit).
"""
from __future__ import annotations

from kodefag.microbit.simulator.inputs import InputError, parse_inputs
from kodefag.microbit.simulator.runner import run_job
from kodefag.sandbox import Policy

__all__ = ["simulate", "simulate_boards", "InputError", "Policy", "parse_inputs", "COMPONENTS", "check_components"]

DEFAULT_WALL_SECONDS = 5.0


def simulate(source: str, *, seconds: float = 10, inputs=(), seed: int = 0, modules: dict | None = None,
             boards: int = 1, wall_seconds: float = DEFAULT_WALL_SECONDS, policy: Policy = Policy.GRADING,
             components: dict | None = None) -> dict:
    """Simulate one program (on ``boards`` micro:bits that all run it).

    ``policy`` is the sandbox policy (kodefag.sandbox): GRADING for the platform's
    runs, OWN_CODE for the pupil's own kernel (``%%microbit``)."""
    files = {"main.py": source, **(modules or {})}
    return simulate_boards([files] * boards, seconds=seconds, inputs=inputs, seed=seed, wall_seconds=wall_seconds,
                           policy=policy, components=components)


def simulate_boards(programs: list[dict], *, seconds: float = 10, inputs=(), seed: int = 0,
                    wall_seconds: float = DEFAULT_WALL_SECONDS, policy: Policy = Policy.GRADING,
                    components: dict | None = None) -> dict:
    """Simulate several micro:bits, each with its own files ({"main.py": ..., "modul.py": ...}).

    ``components`` ({"pin0": "lysdiode", "pin1": "lyssensor"}, see :data:`COMPONENTS`) says what is
    connected to the pins; it does not change how the program runs (scripted ``inputs`` drive the
    sensors), it is returned in the trace so a page can draw the LED or the sensor.
    """
    parse_inputs(inputs)  # fail early, in Danish, on input the child would reject
    components = check_components(components)
    job = {"boards": [{"files": dict(p)} for p in programs], "seconds": seconds,
           "inputs": [i if isinstance(i, (str, dict)) else str(i) for i in inputs], "seed": seed,
           "wall_seconds": wall_seconds}
    result, problem = run_job(job, wall_seconds, policy)
    if result is None:
        message = ("Programmet blev stoppet: det brugte for lang tid eller for meget hukommelse "
                   "(måske en løkke uden sleep eller en meget stor beregning).")
        return {"serial": "", "display": [], "error": message, "ms": 0, "boards": [], "radio": [],
                "runner_problem": problem, "components": components}
    return {**result, "components": components}


#: what can be connected to a pin in a lesson: the Danish name -> what it is to the program
COMPONENTS = {
    "lysdiode": "output: lyser, når pinnen er 1 (write_digital) eller med en styrke (write_analog)",
    "summer": "output: spiller music.play/music.pitch på pinnen",
    "motor": "output: drejer med farten fra write_analog",
    "lyssensor": "input: read_analog giver lysstyrken 0-1023",
    "potentiometer": "input: read_analog giver drejeknappens stilling 0-1023",
    "fugtsensor": "input: read_analog giver fugtigheden 0-1023",
    "temperatursensor": "input: read_analog giver en spænding, der stiger med temperaturen",
    "kontakt": "input: read_digital giver 1, når kontakten er lukket",
}


def check_components(components: dict | None) -> dict:
    """{pin: component} with known pins and components, or InputError in Danish."""
    checked = {}
    for pin, component in (components or {}).items():
        if not str(pin).startswith("pin") or component not in COMPONENTS:
            raise InputError(f"Ukendt komponent '{component}' på '{pin}'. "
                             f"Kendte komponenter: {', '.join(COMPONENTS)}.")
        checked[str(pin)] = str(component)
    return checked
