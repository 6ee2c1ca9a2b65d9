# The micro:bit API for the browser simulator (MicroPython in a Web Worker).
# _hw is the worker's bridge (simworker.js): time, the inputs the pupil touches
# on the page, and the outputs the page draws. _mbdata holds the engine's own
# tables (images, font) from kodefag.microbit.images.
import _hw
import _mbdata


def sleep(ms):
    _hw.sleep(int(ms))


def running_time():
    return _hw.now()


def temperature():
    return _hw.slot(8)


def panic(n=0):
    raise RuntimeError("panic " + str(n))


def reset():
    raise SystemExit


def _rows(text):
    rows = text.rstrip(":").replace("\n", ":").split(":") if text else []
    width = max([len(r) for r in rows] or [0])
    pixels = []
    for row in rows:
        row = row + "0" * (width - len(row))
        for ch in row:
            ch = "0" if ch == " " else ch
            if ch not in "0123456789":
                raise ValueError("unexpected character in Image definition")
            pixels.append(int(ch))
    return width, len(rows), pixels


class Image:
    def __init__(self, *args):
        self._ro = False
        if not args:
            self._w, self._h, self._px = 5, 5, [0] * 25
        elif len(args) == 1 and isinstance(args[0], str):
            text = args[0]
            if len(text) == 1:
                text = _mbdata.FONT.get(ord(text), _mbdata.FONT[ord("?")])
            self._w, self._h, self._px = _rows(text)
        elif len(args) in (2, 3):
            w, h = args[0], args[1]
            data = list(args[2]) if len(args) == 3 else [0] * (w * h)
            if len(data) != w * h:
                raise ValueError("image data is incorrect size")
            self._w, self._h, self._px = w, h, [_level(v) for v in data]
        else:
            raise TypeError("Image(s) takes a string")

    def width(self):
        return self._w

    def height(self):
        return self._h

    def _check(self, x, y):
        if not (0 <= x < self._w and 0 <= y < self._h):
            raise ValueError("index out of bounds")

    def get_pixel(self, x, y):
        self._check(x, y)
        return self._px[y * self._w + x]

    def set_pixel(self, x, y, value):
        if self._ro:
            raise TypeError("image cannot be modified (try copying first)")
        self._check(x, y)
        self._px[y * self._w + x] = _level(value)

    def fill(self, value):
        if self._ro:
            raise TypeError("image cannot be modified (try copying first)")
        self._px = [_level(value)] * (self._w * self._h)

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

    def __add__(self, other):
        return Image(self._w, self._h, [min(9, a + b) for a, b in zip(self._px, other._px)])

    def __sub__(self, other):
        return Image(self._w, self._h, [max(0, a - b) for a, b in zip(self._px, other._px)])

    def __mul__(self, factor):
        return Image(self._w, self._h, [min(9, int(p * factor + 0.5)) for p in self._px])

    def __eq__(self, other):
        return isinstance(other, Image) and (self._w, self._h, self._px) == (other._w, other._h, other._px)

    def _text(self):
        return ":".join("".join(str(p) for p in self._px[r * self._w:(r + 1) * self._w]) for r in range(self._h))

    def __repr__(self):
        return "Image('" + self._text() + ":')"


def _level(value):
    value = int(value)
    if not 0 <= value <= 9:
        raise ValueError("brightness out of bounds")
    return value


for _name, _text in _mbdata.IMAGES.items():
    _image = Image(_text)
    _image._ro = True
    setattr(Image, _name, _image)
Image.ALL_CLOCKS = [getattr(Image, "CLOCK12")] + [getattr(Image, "CLOCK" + str(i)) for i in range(1, 12)]
Image.ALL_ARROWS = [getattr(Image, "ARROW_" + d) for d in ("N", "NE", "E", "SE", "S", "SW", "W", "NW")]


def _str(value):
    return value if isinstance(value, str) else str(value)


def _scroll_frames(text):
    columns = [[0] * 5 for _ in range(4)]
    for ch in text:
        glyph = Image(ch)
        for x in range(5):
            column = [glyph.get_pixel(x, y) for y in range(5)]
            if ch != " " and not any(column) and x in (0, 4):
                continue
            columns.append(column)
        columns.append([0] * 5)
    columns += [[0] * 5 for _ in range(5)]
    frames = []
    for start in range(len(columns) - 4):
        window = columns[start:start + 5]
        frames.append([window[x][y] for y in range(5) for x in range(5)])
    return frames


class _Display:
    def __init__(self):
        self._px = [0] * 25
        self._on = True

    def _push(self):
        _hw.frame("".join(str(p) for p in self._px) if self._on else "0" * 25)

    def _set(self, pixels):
        self._px = list(pixels)
        self._push()

    def get_pixel(self, x, y):
        if not (0 <= x < 5 and 0 <= y < 5):
            raise ValueError("index out of bounds")
        return self._px[y * 5 + x]

    def set_pixel(self, x, y, value):
        if not (0 <= x < 5 and 0 <= y < 5):
            raise ValueError("index out of bounds")
        self._px[y * 5 + x] = _level(value)
        self._push()

    def clear(self):
        self._set([0] * 25)

    def _image_pixels(self, image):
        return image.crop(0, 0, 5, 5)._px

    def show(self, value, delay=400, wait=True, loop=False, clear=False):
        if isinstance(value, Image):
            self._set(self._image_pixels(value))
            return
        if isinstance(value, (int, float)):
            value = _str(value)
        if isinstance(value, str) and len(value) == 1:
            self._set(self._image_pixels(Image(value)))
            return
        frames = [self._image_pixels(item if isinstance(item, Image) else Image(_str(item)[:1] or " "))
                  for item in value]
        if clear:
            frames.append([0] * 25)
        self._play(frames, delay, wait, loop)

    def scroll(self, text, delay=150, wait=True, loop=False, monospace=False):
        self._play(_scroll_frames(_str(text)), delay, wait, loop)

    def _play(self, frames, delay, wait, loop):
        if not frames:
            return
        if not wait:
            self._px = list(frames[-1])
            _hw.anim(",".join("".join(str(p) for p in f) for f in frames), int(delay), bool(loop))
            return
        while True:
            for frame in frames:
                self._set(frame)
                _hw.sleep(int(delay))
            if not loop:
                return

    def on(self):
        self._on = True
        self._push()

    def off(self):
        self._on = False
        self._push()

    def is_on(self):
        return self._on

    def read_light_level(self):
        return _hw.slot(9)


display = _Display()


class _Button:
    def __init__(self, down_slot, count_slot):
        self._down, self._count = down_slot, count_slot
        self._seen = _hw.slot(count_slot)
        self._read = self._seen

    def is_pressed(self):
        return bool(_hw.slot(self._down))

    def was_pressed(self):
        count = _hw.slot(self._count)
        pressed = count != self._seen
        self._seen = count
        return pressed

    def get_presses(self):
        count = _hw.slot(self._count)
        presses = count - self._read
        self._read = count
        self._seen = count
        return presses


button_a = _Button(0, 1)
button_b = _Button(2, 3)

GESTURES = ("up", "down", "left", "right", "face up", "face down", "freefall", "3g", "6g", "8g", "shake")


class _Accelerometer:
    def __init__(self):
        self._shakes = _hw.slot(7)
        self._history = []
        self._last = None

    def _gesture(self):
        if _hw.slot(17) > _hw.now():
            return "shake"
        x, y, z = _hw.slot(4), _hw.slot(5), _hw.slot(6)
        if abs(x) > 600 and abs(x) >= abs(y):
            return "left" if x < 0 else "right"
        if abs(y) > 600:
            return "up" if y < 0 else "down"
        return "face down" if z > 0 else "face up"

    def _update(self):
        shakes = _hw.slot(7)
        if shakes != self._shakes:
            self._shakes = shakes
            self._history.append("shake")
        now = self._gesture()
        if now != self._last and now != "shake":
            self._history.append(now)
        self._last = now
        return now

    def get_x(self):
        return _hw.slot(4)

    def get_y(self):
        return _hw.slot(5)

    def get_z(self):
        return _hw.slot(6)

    def get_values(self):
        return (_hw.slot(4), _hw.slot(5), _hw.slot(6))

    def get_strength(self):
        x, y, z = self.get_values()
        return int((x * x + y * y + z * z) ** 0.5)

    def current_gesture(self):
        return self._update()

    def _name(self, name):
        if name not in GESTURES:
            raise ValueError("invalid gesture")

    def is_gesture(self, name):
        self._name(name)
        return self._update() == name

    def was_gesture(self, name):
        self._name(name)
        self._update()
        found = name in self._history
        if found:
            self._history = []
        return found

    def get_gestures(self):
        self._update()
        found, self._history = tuple(self._history), []
        return found

    def set_range(self, value):
        pass


accelerometer = _Accelerometer()


class _Compass:
    def calibrate(self):
        pass

    def is_calibrated(self):
        return True

    def heading(self):
        return 0

    def get_field_strength(self):
        return 0


compass = _Compass()


class _Pin:
    def __init__(self, name, touch_slot=None):
        self._name, self._touch, self._value = name, touch_slot, 0

    def write_digital(self, value):
        self._value = 1 if value else 0
        _hw.emit("pin", self._name + " = " + str(self._value))

    def write_analog(self, value):
        self._value = int(value)
        _hw.emit("pin", self._name + " = " + str(self._value) + " (analog)")

    def read_digital(self):
        return 1 if self.is_touched() else 0

    def read_analog(self):
        return 1023 if self.is_touched() else 0

    def is_touched(self):
        return self._touch is not None and bool(_hw.slot(self._touch))

    def set_analog_period(self, period):
        pass

    def set_analog_period_microseconds(self, period):
        pass


pin0, pin1, pin2 = _Pin("pin0", 10), _Pin("pin1", 11), _Pin("pin2", 12)
pin_logo = _Pin("logo", 14)
pin3, pin4, pin8, pin12, pin13, pin14, pin15, pin16 = [_Pin("pin" + str(n)) for n in (3, 4, 8, 12, 13, 14, 15, 16)]
