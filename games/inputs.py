"""Input scripts: which keys and mouse buttons a game gets at which frame.

Written the same way on the command line and in checks.yaml:

- keys ``"right@0-29,space@45"``: hold RIGHT from frame 0 through frame 29 (30
  frames), tap SPACE at frame 45 (down at 45, up at 46). Key names are Pygame
  Zero's ``keys`` names in any case: ``left``, ``space``, ``a``, ``k_1``/``1``.
- mouse ``"click@100:200,50; move@5:10,10"``: press and release the left button
  at (200, 50) at frame 100; ``down@F:x,y``, ``up@F:x,y``, ``move@F:x,y`` do one part.

A script becomes a list of events ``[frame, action, argument]`` with action
``down``/``up`` (argument: key name) or ``mouse_down``/``mouse_up``/``mouse_move``
(argument: ``[x, y]``). Key names are checked in the game's process, where
pgzero's key table is loaded.
"""
import re


class ScriptError(ValueError):
    """A key or mouse script could not be read (message in Danish)."""


_KEY_ITEM = re.compile(r"^\s*(\w+)\s*@\s*(\d+)\s*(?:-\s*(\d+))?\s*$")
_MOUSE_ITEM = re.compile(r"^\s*(click|down|up|move)\s*@\s*(\d+)\s*:\s*(-?\d+)\s*,\s*(-?\d+)\s*$")


def parse_keys(script):
    """Events for a key script such as ``"right@0-29,space@45"``."""
    events = []
    for item in _items(script, ","):
        match = _KEY_ITEM.match(item)
        if not match:
            raise ScriptError(f"Kan ikke forstå tasten '{item}'. Skriv fx right@0-30 eller space@45.")
        key, first, last = match.group(1), int(match.group(2)), match.group(3)
        last = int(last) if last is not None else first
        if last < first:
            raise ScriptError(f"I '{item}' slutter tasten før den starter.")
        events.append([first, "down", key.lower()])
        events.append([last + 1, "up", key.lower()])
    return events


def parse_mouse(script):
    """Events for a mouse script such as ``"click@100:200,50"``."""
    events = []
    for item in _items(script, ";"):
        match = _MOUSE_ITEM.match(item)
        if not match:
            raise ScriptError(
                f"Kan ikke forstå musen '{item}'. Skriv fx click@100:200,50 (billede 100, x=200, y=50)."
            )
        action, frame, x, y = match.group(1), int(match.group(2)), int(match.group(3)), int(match.group(4))
        position = [x, y]
        if action == "click":
            events.append([frame, "mouse_down", position])
            events.append([frame + 1, "mouse_up", position])
        else:
            events.append([frame, "mouse_" + action, position])
    return events


def _items(script, separator):
    if not script:
        return []
    if isinstance(script, (list, tuple)):
        return [item for part in script for item in _items(part, separator)]
    return [item for item in re.split(rf"[{separator}\n]", str(script)) if item.strip()]
