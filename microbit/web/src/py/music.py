# music for the browser simulator: notes become sounds the page plays (and shows as text).
import _hw
import _mbdata

_state = {"ticks": 4, "bpm": 120, "octave": 4, "duration": 4}
_NOTES = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}

for _name, _tune in _mbdata.TUNES.items():
    globals()[_name] = list(_tune)


def set_tempo(ticks=4, bpm=120):
    _state["ticks"], _state["bpm"] = ticks, bpm


def get_tempo():
    return (_state["ticks"], _state["bpm"])


def reset():
    _state.update(ticks=4, bpm=120, octave=4, duration=4)


def _tick_ms():
    return 60000 // _state["bpm"] // _state["ticks"]


def _parse(note):
    note = note.lower()
    name, rest = note[0], note[1:]
    if ":" in rest:
        rest, length = rest.split(":")
        _state["duration"] = int(length)
    sharp = rest.startswith("#")
    flat = rest.startswith("b") and name != "b" or rest.startswith("b") and len(rest) > 1
    rest = rest.lstrip("#").lstrip("b") if (sharp or flat) else rest
    if rest:
        _state["octave"] = int(rest)
    ms = _state["duration"] * _tick_ms()
    if name == "r":
        return 0, ms
    semitone = _NOTES[name] + (1 if sharp else 0) - (1 if flat else 0)
    midi = 12 * (_state["octave"] + 1) + semitone
    return int(440 * 2 ** ((midi - 69) / 12)), ms


def pitch(frequency, duration=-1, pin=None, wait=True):
    _hw.tone(int(frequency), int(duration))
    if wait and duration > 0:
        _hw.sleep(int(duration))


def play(music, pin=None, wait=True, loop=False):
    notes = [music] if isinstance(music, str) else list(music)
    while True:
        for note in notes:
            frequency, ms = _parse(note)
            _hw.tone(frequency, ms)
            _hw.sleep(ms) if wait else None
        if not loop or not wait:
            return


def stop(pin=None):
    _hw.tone(0, 0)
