"""A simulation asked for by a page: validated, run sandboxed, answered as the page's JSON.

The micro:bit page (and the teacher's activity page) queue these as
``microbit-simulation`` run jobs (kodefag.jobs.RunJob); a worker calls
:func:`simulate_request` and the page polls for the answer. Nothing here runs in
the portal's web process.
"""
from __future__ import annotations

from kodefag.microbit.magic import STEP_MS, frames_from_trace
from kodefag.microbit.simulator import InputError, Policy, parse_inputs, simulate_boards

MAX_SECONDS = 60
MAX_INPUTS = 100
#: what the page shows of a trace
KEPT = ("serial", "display", "display_events", "error", "ms", "sounds")


def scripted_inputs(raw) -> list[str]:
    """The page's input field ("a@1000, shake@2500") or list as checked inputs; InputError in Danish."""
    inputs = (raw.replace(",", " ").split() if isinstance(raw, str) else [str(i) for i in raw or ()])[:MAX_INPUTS]
    parse_inputs(inputs)
    return inputs


def simulate_request(request: dict) -> dict:
    """``{"files": {"main.py": ...}, "seconds", "inputs"}`` -> the trace the page draws, or ``{"error"}``."""
    files = request.get("files")
    if not isinstance(files, dict) or not isinstance(files.get("main.py"), str):
        return {"error": "Der er ingen kode. Skriv dit program først."}
    try:
        seconds = min(max(float(request.get("seconds", 10)), 1), MAX_SECONDS)
        inputs = scripted_inputs(request.get("inputs", []))
        trace = simulate_boards([files], seconds=seconds, inputs=inputs, policy=Policy.GRADING)
    except InputError as error:
        return {"error": str(error)}
    except (ValueError, TypeError):
        return {"error": "Ugyldige indstillinger."}
    return {**{key: trace.get(key) for key in KEPT}, "frames": frames_from_trace(trace), "step_ms": STEP_MS}
