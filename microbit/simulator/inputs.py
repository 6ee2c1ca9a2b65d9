"""Scripted input for the simulator, written the way a teacher would: ``a@1000``.

Grammar (one item each, ``[N:]`` picks board N, counted from 1; default board 1):
  ``a@1000`` / ``b@1000`` / ``ab@1000``   press button A / B / both (held 100 ms)
  ``a@1000:500``                        hold for 500 ms
  ``shake@2500``, ``up@..``, ``face down@..``, ``freefall@..``, ``3g@..``  gestures
  ``accel=100,-200,-1000@3000``         accelerometer reading (milli-g)
  ``temp=23@4000``                      temperature in °C
  ``light=120@0``                       light level 0-255
  ``pin0=1@500`` / ``pin1=512@500``     what drives a pin from outside: 0/1 digital low/high (analog 0/1023),
                                        2-1023 an analog level (a light sensor, a potentiometer);
                                        ``pin0=none@500`` disconnects it again
  ``pin1=0..1023@1000:2000``            a ramp: the level moves from 0 to 1023 over 2000 ms
  ``touch0@500`` / ``logo@500``         touch a pin / the logo (held 100 ms)
  ``radio=hej@1500`` / ``radio:hej@1500`` a radio message arriving from another board
  ``heading=90@0``                      compass heading
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kodefag.microbit.simulator.hardware import GESTURES

DEFAULT_HOLD_MS = 100
BUTTON_ALIASES = {"button_a": "a", "button_b": "b", "knap_a": "a", "knap_b": "b", "a+b": "ab", "ba": "ab"}
_ITEM = re.compile(r"^(?:(\d+):)?(.+?)@(\d+(?:\.\d+)?)(?::(\d+))?$", re.S)


class InputError(ValueError):
    """A scripted input that cannot be understood; the message is Danish."""


@dataclass(frozen=True)
class ScriptedInput:
    board: int  # 0-based
    kind: str  # button, gesture, accel, temp, light, pin, touch, radio, heading
    target: str  # "a", "b", "ab", gesture name, pin name
    value: object
    ms: float
    hold_ms: float = DEFAULT_HOLD_MS


def parse_input(text) -> ScriptedInput:
    """One scripted input from its text form (or a dict with the same fields)."""
    if isinstance(text, dict):
        return _from_dict(text)
    text = str(text).strip()
    match = _ITEM.match(text)
    if not match:
        raise InputError(f"Kan ikke forstå input '{text}'. Skriv fx a@1000 eller shake@2500.")
    board = int(match.group(1) or 1) - 1
    what, ms = match.group(2).strip(), float(match.group(3))
    hold = float(match.group(4)) if match.group(4) else DEFAULT_HOLD_MS
    if board < 0:
        raise InputError(f"Boardnummeret i '{text}' skal være 1 eller mere.")
    lowered = what.lower()
    lowered = BUTTON_ALIASES.get(lowered, lowered)
    if lowered in ("a", "b", "ab"):
        return ScriptedInput(board, "button", lowered, None, ms, hold)
    if lowered.startswith("radio:"):
        return ScriptedInput(board, "radio", "", what.split(":", 1)[1], ms, hold)
    gesture = lowered.replace("_", " ")
    if gesture in GESTURES:
        return ScriptedInput(board, "gesture", gesture, None, ms, hold)
    if re.fullmatch(r"touch(\d+)", lowered) or lowered == "logo":
        pin = "pin_logo" if lowered == "logo" else "pin" + lowered[5:]
        return ScriptedInput(board, "touch", pin, None, ms, hold)
    if "=" in what:
        key, _, value = what.partition("=")
        return _keyed(text, board, key.strip().lower(), value, ms, hold)
    raise InputError(f"Ukendt input '{what}' i '{text}'.")


def _keyed(text, board, key, value, ms, hold) -> ScriptedInput:
    try:
        if key == "radio":
            return ScriptedInput(board, "radio", "", value, ms, hold)
        if key in ("accel", "acc"):
            numbers = tuple(int(float(v)) for v in value.split(","))
            if len(numbers) != 3:
                raise ValueError
            return ScriptedInput(board, "accel", "", numbers, ms, hold)
        if key in ("temp", "temperature"):
            return ScriptedInput(board, "temp", "", int(float(value)), ms, hold)
        if key == "light":
            return ScriptedInput(board, "light", "", int(float(value)), ms, hold)
        if key == "heading":
            return ScriptedInput(board, "heading", "", int(float(value)), ms, hold)
        if re.fullmatch(r"pin\d+", key):
            text_value = value.strip().lower()
            if text_value in ("none", "ingen"):
                return ScriptedInput(board, "pin", key, None, ms, hold)
            if ".." in text_value:
                low, _, high = text_value.partition("..")
                return ScriptedInput(board, "pin_ramp", key, (_level(low), _level(high)), ms, hold)
            return ScriptedInput(board, "pin", key, _level(text_value), ms, hold)
    except ValueError:
        raise InputError(f"Værdien i '{text}' er ikke et tal (for en pin: 0-1023).") from None
    raise InputError(f"Ukendt input '{key}' i '{text}'.")


def _level(text: str) -> int:
    level = int(float(text))
    if not 0 <= level <= 1023:
        raise ValueError
    return level


def _from_dict(item: dict) -> ScriptedInput:
    """Scenario files may write inputs as mappings: {at: 1000, press: a}."""
    at = item.get("at", item.get("ms", 0))
    board = int(item.get("board", 1))
    for key in ("press", "gesture", "touch"):
        if key in item:
            hold = item.get("hold")
            target = str(item[key]) if key != "touch" else f"touch{item[key]}"
            suffix = f":{hold}" if hold else ""
            return parse_input(f"{board}:{target}@{at}{suffix}")
    for key in ("radio", "temp", "light", "heading", "accel"):
        if key in item:
            value = item[key]
            if key == "accel":
                value = ",".join(str(v) for v in value)
            return parse_input(f"{board}:{key}={value}@{at}")
    for key, value in item.items():
        if key.startswith("pin"):
            return parse_input(f"{board}:{key}={value}@{at}")
    raise InputError(f"Ukendt input {item!r}.")


def parse_inputs(items) -> list[ScriptedInput]:
    return [parse_input(item) for item in items or ()]
