"""The simulated hardware of one micro:bit: image, display, buttons, sensors, pins.

The classes follow the micro:bit MicroPython API (names, arguments, errors)
closely enough that pupils' programs run unchanged. Every method that a pupil
calls costs virtual time through ``board.clock.tick()``.
"""
from __future__ import annotations

import math
import struct

from kodefag.microbit.images import BUILTIN_IMAGES, FONT

BLANK = "00000:00000:00000:00000:00000"


def mp_str(value) -> str:
    """``str(value)`` as MicroPython prints it (floats with 6 significant digits)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (float, list, tuple, dict)) and not isinstance(value, bool):
        return mp_repr(value)
    return str(value)


def _single_precision(value: float) -> float:
    """micro:bit MicroPython floats are 32-bit: 1e100 is inf there."""
    try:
        return struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:
        return math.copysign(math.inf, value)


def mp_repr(value) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, float):
        text = "%g" % _single_precision(value)
        if text in ("inf", "-inf", "nan"):
            return text
        return text if any(c in text for c in ".e") else text + ".0"
    if isinstance(value, list):
        return "[" + ", ".join(mp_repr(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(mp_repr(v) for v in value)
        return "(" + inner + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{mp_repr(k)}: {mp_repr(v)}" for k, v in value.items()) + "}"
    return repr(value)


class _StrType(type):
    """Makes ``isinstance("a", str)`` true for the pupil's ``str`` below."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, str)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, str)


class MicroPythonStr(str, metaclass=_StrType):
    """The pupil's ``str``: ``str(1/3)`` gives '0.333333' as on the micro:bit, not CPython's 17 digits.

    Calling it returns a plain ``str``; everything else (methods, isinstance) is the normal str.
    """

    def __new__(cls, obj="", *args, **kwargs):
        if cls is MicroPythonStr and not args and not kwargs and isinstance(obj, (float, list, tuple, dict)):
            return mp_repr(obj)
        if cls is MicroPythonStr:
            return str(obj, *args, **kwargs)
        return super().__new__(cls, obj, *args, **kwargs)


class Image:
    """A picture of LED brightnesses 0-9 (``Image("09090:99999:...")``)."""

    def __init__(self, *args):
        self._readonly = False
        if not args:
            self._w, self._h, self._px = 5, 5, [0] * 25
        elif len(args) == 1 and isinstance(args[0], str):
            self._from_string(args[0])
        elif len(args) in (2, 3) and all(isinstance(a, int) for a in args[:2]):
            w, h = args[0], args[1]
            if w < 0 or h < 0:
                raise ValueError("image cannot be negative size")
            buffer = list(args[2]) if len(args) == 3 else [0] * (w * h)
            if len(buffer) != w * h:
                raise ValueError("image data is incorrect size")
            self._w, self._h, self._px = w, h, [self._brightness(v) for v in buffer]
        else:
            raise TypeError("Image(s) takes a string")

    def _from_string(self, text: str) -> None:
        if len(text) == 1:
            pattern = FONT.get(ord(text), FONT[ord("?")])
            rows = pattern.split(":")
        else:
            rows = text.rstrip(":").replace("\n", ":").split(":") if text else []
        width = max((len(r) for r in rows), default=0)
        pixels = []
        for row in rows:
            for ch in row.ljust(width, "0"):
                if ch == " ":
                    ch = "0"
                if not ch.isdigit():
                    raise ValueError("unexpected character in Image definition")
                pixels.append(int(ch))
        self._w, self._h, self._px = width, len(rows), pixels

    @staticmethod
    def _brightness(value) -> int:
        value = int(value)
        if not 0 <= value <= 9:
            raise ValueError("brightness out of bounds")
        return value

    def _check(self, x, y):
        if not (0 <= x < self._w and 0 <= y < self._h):
            raise ValueError("index out of bounds")

    def width(self):
        return self._w

    def height(self):
        return self._h

    def get_pixel(self, x, y):
        self._check(x, y)
        return self._px[y * self._w + x]

    def set_pixel(self, x, y, value):
        if self._readonly:
            raise TypeError("image cannot be modified (try copying first)")
        self._check(x, y)
        self._px[y * self._w + x] = self._brightness(value)

    def fill(self, value):
        if self._readonly:
            raise TypeError("image cannot be modified (try copying first)")
        self._px = [self._brightness(value)] * (self._w * self._h)

    def copy(self):
        return Image(self._w, self._h, list(self._px))

    def invert(self):
        return Image(self._w, self._h, [9 - p for p in self._px])

    def crop(self, x, y, w, h):
        out = Image(w, h)
        for j in range(h):
            for i in range(w):
                if 0 <= x + i < self._w and 0 <= y + j < self._h:
                    out._px[j * w + i] = self._px[(y + j) * self._w + x + i]
        return out

    def shift_left(self, n):
        return self.crop(n, 0, self._w, self._h)

    def shift_right(self, n):
        return self.crop(-n, 0, self._w, self._h)

    def shift_up(self, n):
        return self.crop(0, n, self._w, self._h)

    def shift_down(self, n):
        return self.crop(0, -n, self._w, self._h)

    def blit(self, src, x, y, w, h, xdest=0, ydest=0):
        if self._readonly:
            raise TypeError("image cannot be modified (try copying first)")
        for j in range(h):
            for i in range(w):
                tx, ty = xdest + i, ydest + j
                if 0 <= tx < self._w and 0 <= ty < self._h:
                    sx, sy = x + i, y + j
                    inside = 0 <= sx < src._w and 0 <= sy < src._h
                    self._px[ty * self._w + tx] = src._px[sy * src._w + sx] if inside else 0

    def __add__(self, other):
        if (self._w, self._h) != (other._w, other._h):
            raise ValueError("images must be the same size")
        return Image(self._w, self._h, [min(9, a + b) for a, b in zip(self._px, other._px)])

    def __sub__(self, other):
        if (self._w, self._h) != (other._w, other._h):
            raise ValueError("images must be the same size")
        return Image(self._w, self._h, [max(0, a - b) for a, b in zip(self._px, other._px)])

    def __mul__(self, factor):
        if factor < 0:
            raise ValueError("brightness multiplier must not be negative")
        return Image(self._w, self._h, [min(9, int(p * factor + 0.5)) for p in self._px])

    def __truediv__(self, factor):
        return self * (1 / factor)

    def __eq__(self, other):
        return isinstance(other, Image) and (self._w, self._h, self._px) == (other._w, other._h, other._px)

    def __hash__(self):
        return hash((self._w, self._h, tuple(self._px)))

    def rows(self) -> str:
        """'09090:99999:...' - the form frames are recorded in."""
        return ":".join("".join(str(p) for p in self._px[r * self._w:(r + 1) * self._w]) for r in range(self._h))

    def __repr__(self):
        return "Image('%s:')" % self.rows()

    def __str__(self):
        rows = self.rows().split(":")
        return "Image(\n" + "".join(f"    '{r}:'\n" for r in rows) + ")"


def _builtin(name: str) -> Image:
    image = Image(BUILTIN_IMAGES[name])
    image._readonly = True
    return image


for _name in BUILTIN_IMAGES:
    setattr(Image, _name, _builtin(_name))
Image.ALL_CLOCKS = [getattr(Image, n) for n in ["CLOCK12"] + [f"CLOCK{i}" for i in range(1, 12)]]
Image.ALL_ARROWS = [getattr(Image, n) for n in
                    ["ARROW_N", "ARROW_NE", "ARROW_E", "ARROW_SE", "ARROW_S", "ARROW_SW", "ARROW_W", "ARROW_NW"]]


def text_frames(text: str, delay: int = 150) -> list[tuple[int, str]]:
    """The frames a scrolled text shows, with their offsets in ms (for drawing it)."""
    columns: list[list[int]] = [[0] * 5 for _ in range(4)]  # the first column enters at once
    for ch in text:
        glyph = Image(ch if ord(ch) in FONT else "?")
        for x in range(5):
            column = [glyph.get_pixel(x, y) for y in range(5)]
            if ch != " " and not any(column) and x in (0, 4):
                continue  # proportional font: drop empty edge columns
            columns.append(column)
        columns.append([0] * 5)
    columns += [[0] * 5 for _ in range(5)]
    frames = []
    for start in range(len(columns) - 4):
        window = columns[start:start + 5]
        frames.append((start * delay, ":".join("".join(str(window[x][y]) for x in range(5)) for y in range(5))))
    return frames


class Display:
    """The 5x5 LED display; records every frame and text with its virtual time."""

    def __init__(self, board):
        self.board = board
        self._image = Image()
        self._on = True
        self.light_level = 0

    # -- recording ------------------------------------------------------
    def _record_frame(self, at_ms=None):
        self.board.record_display(self._image.rows(), "frame", at_ms)

    def _set(self, image: Image, at_ms=None):
        self._image = image.crop(0, 0, 5, 5)
        self._record_frame(at_ms)

    # -- API --------------------------------------------------------------
    def get_pixel(self, x, y):
        self.board.clock.tick()
        return self._image.get_pixel(x, y)

    def set_pixel(self, x, y, value):
        self.board.clock.tick()
        self._image.set_pixel(x, y, value)
        self._record_frame()

    def clear(self):
        self.board.clock.tick()
        self._set(Image())

    def show(self, image, delay=400, *, wait=True, loop=False, clear=False):
        self.board.clock.tick()
        if isinstance(image, Image):
            self._set(image)
            return
        if isinstance(image, (int, float)):
            image = mp_str(image)
        if isinstance(image, str) and len(image) == 1:
            self.board.record_display(image, "show")
            self._image = Image(image)
            return
        items = list(image)
        if isinstance(image, str):
            self.board.record_display(image, "show")
        repeats = 1 if not loop else max(1, int((self.board.clock.world.end_ms - self.board.clock.now) // max(1, delay * max(1, len(items)))) + 1)
        start = self.board.clock.now
        offset = 0
        for _ in range(repeats):
            for item in items:
                picture = item if isinstance(item, Image) else Image(mp_str(item)[:1] or " ")
                if wait:
                    self._set(picture)
                    self.board.clock.advance(delay)
                else:
                    self._image = picture.crop(0, 0, 5, 5)
                    if not isinstance(image, str):
                        self._record_frame(start + offset)
                offset += delay
        if clear:
            self._set(Image(), None if wait else start + offset)

    def scroll(self, text, delay=150, *, wait=True, loop=False, monospace=False):
        self.board.clock.tick()
        text = mp_str(text)
        self.board.record_display(text, "scroll")
        duration = max(1, len(text) * 6 + 5) * max(0, delay)
        if not wait:
            return
        if loop:
            self.board.clock.advance(self.board.clock.world.end_ms + 1)
        self.board.clock.advance(duration)
        self._set(Image())

    def on(self):
        self.board.clock.tick()
        self._on = True

    def off(self):
        self.board.clock.tick()
        self._on = False

    def is_on(self):
        self.board.clock.tick()
        return self._on

    def read_light_level(self):
        self.board.clock.tick()
        return self.light_level


class Button:
    def __init__(self, board, name):
        self.board, self.name = board, name
        self.down = False
        self.presses = 0
        self.was = False

    def press(self):
        self.down = True
        self.presses += 1
        self.was = True

    def release(self):
        self.down = False

    def is_pressed(self):
        self.board.clock.tick()
        return self.down

    def was_pressed(self):
        self.board.clock.tick()
        was, self.was = self.was, False
        return was

    def get_presses(self):
        self.board.clock.tick()
        presses, self.presses = self.presses, 0
        return presses


#: accelerometer readings (x, y, z in milli-g) for each resting gesture
GESTURE_VALUES = {
    "face up": (0, 0, -1024), "face down": (0, 0, 1024), "up": (0, -1024, 0), "down": (0, 1024, 0),
    "left": (-1024, 0, 0), "right": (1024, 0, 0), "freefall": (0, 0, 0),
    "3g": (3000, 0, 0), "6g": (6000, 0, 0), "8g": (8000, 0, 0), "shake": (2000, -1500, 800),
}
GESTURES = tuple(GESTURE_VALUES)


class Accelerometer:
    def __init__(self, board):
        self.board = board
        self.values = GESTURE_VALUES["face up"]
        self.current = "face up"
        self.history: list[str] = []
        self.range = 2

    def set_gesture(self, gesture: str, values=None):
        self.current = gesture
        self.values = values or GESTURE_VALUES.get(gesture, self.values)
        self.history.append(gesture)

    def set_values(self, values):
        self.values = tuple(int(v) for v in values)
        self.current = ""

    def _axis(self, i):
        self.board.clock.tick()
        return self.values[i]

    def get_x(self):
        return self._axis(0)

    def get_y(self):
        return self._axis(1)

    def get_z(self):
        return self._axis(2)

    def get_values(self):
        self.board.clock.tick()
        return tuple(self.values)

    def get_strength(self):
        self.board.clock.tick()
        return int(sum(v * v for v in self.values) ** 0.5)

    def current_gesture(self):
        self.board.clock.tick()
        return self.current

    def _check_name(self, name):
        if name not in GESTURES:
            raise ValueError("invalid gesture")

    def is_gesture(self, name):
        self.board.clock.tick()
        self._check_name(name)
        return self.current == name

    def was_gesture(self, name):
        self.board.clock.tick()
        self._check_name(name)
        found = name in self.history
        if found:
            self.history = []
        return found

    def get_gestures(self):
        self.board.clock.tick()
        history, self.history = tuple(self.history), []
        return history

    def set_range(self, value):
        self.board.clock.tick()
        self.range = value


class Compass:
    def __init__(self, board):
        self.board = board
        self.heading_value = 0

    def calibrate(self):
        self.board.clock.tick()

    def is_calibrated(self):
        self.board.clock.tick()
        return True

    def clear_calibration(self):
        self.board.clock.tick()

    def heading(self):
        self.board.clock.tick()
        return self.heading_value

    def get_field_strength(self):
        self.board.clock.tick()
        return 50000

    def get_x(self):
        self.board.clock.tick()
        return 0

    get_y = get_z = get_x


#: analog level read from a pin that is pulled high by nothing else (a digital 1)
ANALOG_HIGH = 1023
#: an external analog level at or above this reads as 1 with read_digital
DIGITAL_THRESHOLD = 512


class DigitalPin:
    """A pin of the edge connector, as the V1 firmware behaves (checked in QEMU, tests/microbit/test_qemu.py).

    A pin is in one *mode* at a time (``get_mode()``): "unused", "write_digital", "write_analog",
    "read_digital", "touch", "music", "button" or "display". Reading switches it to input:
    ``read_digital()`` uses the pull resistor (PULL_DOWN unless ``set_pull`` said otherwise),
    ``read_analog()`` leaves it "unused". What is connected to the pin from outside (a switch, a
    light sensor, a potentiometer) is ``external``: None (nothing: the pull decides, analog 0),
    or a level set by scripted input (``pin1=600@1000``: 0/1 are digital low/high, 2-1023 analog).
    Writes are recorded in the trace's ``pins`` as ``[ms, name, value]``; a component on the pin
    (an LED, a buzzer) is what the pupil drives with them.
    """

    NO_PULL, PULL_UP, PULL_DOWN = 0, 3, 1  # the V1 firmware's values
    _PULLS = (0, 1, 3)

    def __init__(self, board, name, mode="unused"):
        self.board, self.name = board, name
        self.mode = mode
        self.pull = self.PULL_DOWN
        self.external: int | None = None
        self.touched = False
        self.output = 0
        self.period_us = 20000
        #: what a floating input (NO_PULL, nothing connected) reads: the level it last had, as in QEMU
        self.floating_level = 0

    # -- the outside world (scripted input) ------------------------------
    def drive(self, level: int | None) -> None:
        """Something connected to the pin now holds it at ``level`` (None: disconnected)."""
        self.external = None if level is None else max(0, min(ANALOG_HIGH, int(level)))

    def _external_digital(self) -> int:
        level = self.external
        return level if level in (0, 1) else int(level >= DIGITAL_THRESHOLD)

    def _external_analog(self) -> int:
        level = self.external
        return ANALOG_HIGH * level if level in (0, 1) else level

    @property
    def number(self) -> str:
        return self.name[3:] if self.name.startswith("pin") else self.name

    # -- API ---------------------------------------------------------------
    def read_digital(self):
        self.board.clock.tick()
        if self.mode != "read_digital":
            self.mode, self.pull = "read_digital", self.PULL_DOWN
        if self.name in ("pin5", "pin11"):  # the buttons: pulled up, pressed = 0
            return 0 if self.board.buttons["a" if self.name == "pin5" else "b"].down else 1
        if self.external is not None:
            return self._external_digital()
        if self.pull != self.NO_PULL:
            self.floating_level = 1 if self.pull == self.PULL_UP else 0
        return self.floating_level

    def write_digital(self, value):
        self.board.clock.tick()
        if not isinstance(value, int):  # bool is an int; floats and text are not accepted
            raise TypeError("can't convert %s to int" % type(value).__name__)
        if value not in (0, 1):
            raise ValueError("value must be 0 or 1")
        self.mode, self.output = "write_digital", int(value)
        self.board.record_pin(self.name, int(value))

    def write_analog(self, value):
        self.board.clock.tick()
        if not isinstance(value, (int, float)):
            raise TypeError("can't convert %s to int" % type(value).__name__)
        if not 0 <= value <= 1023:
            raise ValueError("value must be between 0 and 1023")
        self.mode, self.output = "write_analog", int(value)
        self.board.record_pin(self.name, int(value))

    def set_analog_period(self, period):
        self.board.clock.tick()
        if period <= 0:
            raise ValueError("invalid period")
        self.period_us = int(period * 1000)

    def set_analog_period_microseconds(self, period):
        self.board.clock.tick()
        if period <= 0:
            raise ValueError("invalid period")
        self.period_us = int(period)

    def set_pull(self, value):
        self.board.clock.tick()
        if value not in self._PULLS:
            raise ValueError("invalid pull")
        if self.mode == "read_digital" and self.pull != self.NO_PULL:
            self.floating_level = 1 if self.pull == self.PULL_UP else 0
        self.mode, self.pull = "read_digital", value

    def get_pull(self):
        self.board.clock.tick()
        if self.mode != "read_digital":
            raise ValueError("Pin %s in %s mode" % (self.number, self.mode))
        return self.pull

    def get_mode(self):
        self.board.clock.tick()
        return self.mode

    # -- used by music --------------------------------------------------
    def start_music(self) -> None:
        self.mode = "music"

    def stop_music(self) -> None:
        if self.mode == "music":
            self.mode = "unused"


class AnalogDigitalPin(DigitalPin):
    """A pin that can also measure a voltage (0-1023)."""

    def read_analog(self):
        self.board.clock.tick()
        self.mode = "unused"  # as the V1 firmware reports after an analog read
        return 0 if self.external is None else self._external_analog()


class TouchPin(AnalogDigitalPin):
    """pin0-pin2 (and the V2 logo): can also sense a finger."""

    def is_touched(self):
        self.board.clock.tick()
        self.mode = "touch"
        return self.touched

    def set_touch_mode(self, value):
        self.board.clock.tick()


#: the V1 edge connector: touch pins, analog pins, and pins the board itself uses at start
TOUCH_PINS = {"pin0", "pin1", "pin2", "pin_logo"}
ANALOG_PINS = {"pin3", "pin4", "pin10", "pin_speaker"}
START_MODES = {"pin5": "button", "pin11": "button",
               **{f"pin{n}": "display" for n in (3, 4, 6, 7, 9, 10)}}


def make_pin(board, name: str) -> DigitalPin:
    kind = TouchPin if name in TOUCH_PINS else AnalogDigitalPin if name in ANALOG_PINS else DigitalPin
    return kind(board, name, START_MODES.get(name, "unused"))


# The V1 firmware's type names, so AttributeError messages read as on the board.
for _cls, _name in ((Image, "MicroBitImage"), (Display, "MicroBitDisplay"), (Button, "MicroBitButton"),
                    (Accelerometer, "MicroBitAccelerometer"), (Compass, "MicroBitCompass"),
                    (DigitalPin, "MicroBitDigitalPin"), (AnalogDigitalPin, "MicroBitAnalogDigitalPin"),
                    (TouchPin, "MicroBitTouchPin")):
    _cls.__name__ = _cls.__qualname__ = _name
    _cls.__module__ = "builtins"  # so type(pin0) prints <class 'MicroBitTouchPin'> as on the board
