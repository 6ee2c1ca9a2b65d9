"""The pupil-facing modules of one simulated board: microbit, music, radio, random, time...

Each board gets its own module objects (its own display, clock, radio queue,
random generator), handed to the pupil's program through its ``__import__``.
"""
from __future__ import annotations

import random as _random
import re
import types

from kodefag.microbit.simulator.hardware import (
    Accelerometer, Button, Compass, Display, Image, make_pin, mp_str,
)
from kodefag.microbit.images import TUNES

PIN_NAMES = [f"pin{i}" for i in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19, 20)]


def _module(name: str, **members) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__.update(members)
    return module


# ------------------------------------------------------------------ microbit
def make_microbit(board) -> types.ModuleType:
    clock = board.clock
    board.display = Display(board)
    board.buttons = {"a": Button(board, "a"), "b": Button(board, "b")}
    board.accelerometer = Accelerometer(board)
    board.compass = Compass(board)
    board.pins = {name: make_pin(board, name) for name in PIN_NAMES + ["pin_logo", "pin_speaker"]}

    def sleep(ms):
        if not isinstance(ms, (int, float)):
            raise TypeError("can't convert %s to float" % type(ms).__name__)
        clock.advance(max(0, ms))

    def running_time():
        clock.tick()
        return clock.ms()

    def temperature():
        clock.tick()
        return board.temperature

    def panic(n=0):
        clock.tick()
        board.record_display("panic %d" % n, "show")
        clock.advance(clock.world.end_ms + 1)

    def reset():
        clock.tick()
        raise SystemExit("reset")

    def scale(value, from_, to):
        clock.tick()
        (a, b), (c, d) = from_, to
        result = c + (value - a) * (d - c) / (b - a)
        return int(round(result)) if isinstance(c, int) and isinstance(d, int) else result

    def set_volume(v):
        clock.tick()

    def run_every(callback=None, days=0, h=0, min=0, s=0, ms=0):
        period = ((days * 24 + h) * 60 + min) * 60000 + s * 1000 + ms
        def register(function):
            board.schedule_periodic(period, function)
            return function
        return register(callback) if callback is not None else register

    # objects, as on the V1 firmware (MicroBitDisplay, MicroBitAccelerometer, MicroBitCompass)
    accelerometer, display, compass = board.accelerometer, board.display, board.compass
    speaker = _module("microbit.speaker", on=lambda: clock.tick(), off=lambda: clock.tick(),
                      is_on=lambda: True)
    microphone = _module("microbit.microphone", current_event=lambda: None, was_event=lambda e: False,
                         is_event=lambda e: False, get_events=lambda: (), sound_level=lambda: 0,
                         set_threshold=lambda e, v: None)
    class Sound:
        """V2 expressive sounds (names only; playing them is recorded)."""
        GIGGLE, HAPPY, HELLO, MYSTERIOUS, SAD = "giggle", "happy", "hello", "mysterious", "sad"
        SLIDE, SOARING, SPRING, TWINKLE, YAWN = "slide", "soaring", "spring", "twinkle", "yawn"

    class SoundEvent:
        LOUD, QUIET = "loud", "quiet"

    def audio_play(source, wait=True, pin=None, return_pin=None):
        clock.tick()
        board.record_sound("audio", [str(source)])
        if wait:
            clock.advance(1000)

    audio = _module("microbit.audio", play=audio_play, is_playing=lambda: False, stop=lambda: None)

    def uart_write(buf):
        clock.tick()
        board.write_serial(buf.decode("utf-8", errors="replace") if isinstance(buf, (bytes, bytearray)) else str(buf))
        return len(buf)

    uart = _module("microbit.uart", init=lambda *a, **k: clock.tick(), write=uart_write, read=lambda *a: None,
                   readline=lambda: None, readinto=lambda *a: None, any=lambda: False,
                   ODD=1, EVEN=0)

    def i2c_missing(*args, **kwargs):
        clock.tick()
        raise OSError(19, "ENODEV")  # nothing is connected to the simulated pins

    i2c = _module("microbit.i2c", init=lambda *a, **k: clock.tick(), scan=lambda: [], read=i2c_missing,
                  write=i2c_missing)
    spi = _module("microbit.spi", init=lambda *a, **k: clock.tick(), write=lambda buf: clock.tick(),
                  read=lambda n, out=0: bytes(n), write_readinto=lambda out, into: clock.tick())
    members = dict(
        Image=Image, display=display, Sound=Sound, SoundEvent=SoundEvent, audio=audio, uart=uart, i2c=i2c, spi=spi, button_a=board.buttons["a"], button_b=board.buttons["b"],
        accelerometer=accelerometer, compass=compass, speaker=speaker, microphone=microphone,
        sleep=sleep, running_time=running_time, temperature=temperature, panic=panic, reset=reset,
        scale=scale, set_volume=set_volume, run_every=run_every,
        **board.pins,
    )
    module = _module("microbit", **members)
    module.__all__ = list(members)
    return module


# --------------------------------------------------------------------- music
_NOTE = re.compile(r"^([a-gA-GrR])(#|b)?(\d)?(?::(\d+))?$")
_SEMITONES = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}


def make_music(board) -> types.ModuleType:
    clock = board.clock
    state = {"ticks": 4, "bpm": 120, "octave": 4, "duration": 4}

    def _note_ms(note: str) -> float:
        match = _NOTE.match(str(note).strip())
        if not match:
            raise ValueError("invalid note: %s" % note)
        if match.group(3):
            state["octave"] = int(match.group(3))
        if match.group(4):
            state["duration"] = int(match.group(4))
        return state["duration"] * 60000 / (state["bpm"] * state["ticks"])

    def _pin(pin):
        """The pin music plays on: pin0 unless the program says otherwise (a buzzer or headphones there)."""
        return board.pins["pin0"] if pin is None else pin

    def play(music, pin=None, wait=True, loop=False):
        clock.tick()
        pin = _pin(pin)
        notes = [music] if isinstance(music, str) else list(music)
        total = sum(_note_ms(n) for n in notes)
        board.record_sound("play", [str(n) for n in notes], pin.name)
        pin.start_music()
        if wait:
            clock.advance(total if not loop else clock.world.end_ms + 1)
            pin.stop_music()

    def pitch(frequency, duration=-1, pin=None, wait=True):
        clock.tick()
        pin = _pin(pin)
        board.record_sound("pitch", [int(frequency), int(duration)], pin.name)
        pin.start_music()
        if wait and duration > 0:
            clock.advance(duration)
            pin.stop_music()

    def stop(pin=None):
        clock.tick()
        pin = _pin(pin)
        board.record_sound("stop", [], pin.name)
        pin.stop_music()

    def set_tempo(ticks=4, bpm=120):
        clock.tick()
        state["ticks"], state["bpm"] = ticks, bpm

    def get_tempo():
        clock.tick()
        return (state["bpm"], state["ticks"])  # the V1 firmware's order (checked in QEMU), not the stubs' text

    def reset():
        clock.tick()
        state.update(ticks=4, bpm=120, octave=4, duration=4)

    return _module("music", play=play, pitch=pitch, stop=stop, set_tempo=set_tempo, get_tempo=get_tempo,
                   reset=reset, **TUNES)


# --------------------------------------------------------------------- radio
def make_radio(board) -> types.ModuleType:
    clock = board.clock
    radio = board.radio
    RATE_1MBIT, RATE_2MBIT, RATE_250KBIT = 0, 1, 2

    def _require_on():
        if not radio["on"]:
            raise ValueError("radio is not enabled")

    def on():
        clock.tick()
        radio["on"] = True

    def off():
        clock.tick()
        radio["on"] = False

    def config(**settings):
        clock.tick()
        allowed = {"length", "queue", "channel", "power", "data_rate", "address", "group"}
        for key, value in settings.items():
            if key not in allowed:
                raise TypeError("unexpected keyword argument '%s'" % key)
            if key == "group" and not 0 <= value <= 255:
                raise ValueError("value out of range for argument 'group'")
            if key == "channel" and not 0 <= value <= 83:
                raise ValueError("value out of range for argument 'channel'")
            radio[key] = value

    def reset():
        clock.tick()
        radio.update(length=32, queue=3, channel=7, power=6, group=0, address=0x75626974)
        radio["inbox"].clear()

    def send_bytes(message):
        clock.tick()
        _require_on()
        data = bytes(message)
        if len(data) > radio["length"]:
            raise ValueError("message too long")
        board.world_radio.broadcast(board, data)

    def send(message):
        if not isinstance(message, str):
            raise TypeError("can't convert '%s' object to str implicitly" % type(message).__name__)
        send_bytes(b"\x01\x00\x01" + message.encode("utf-8"))

    def receive_bytes():
        clock.tick()
        _require_on()
        return radio["inbox"].pop(0)[0] if radio["inbox"] else None

    def receive():
        data = receive_bytes()
        if data is None:
            return None
        if not data.startswith(b"\x01\x00\x01"):
            raise ValueError("received packet is not a string")
        return data[3:].decode("utf-8", errors="replace")

    def receive_full():
        clock.tick()
        _require_on()
        if not radio["inbox"]:
            return None
        data, ms = radio["inbox"].pop(0)
        return (data, -50, int(ms * 1000))

    def receive_bytes_into(buffer):
        data = receive_bytes()
        if data is None:
            return None
        buffer[:len(data)] = data
        return len(data)

    return _module("radio", on=on, off=off, config=config, reset=reset, send=send, send_bytes=send_bytes,
                   receive=receive, receive_bytes=receive_bytes, receive_full=receive_full,
                   receive_bytes_into=receive_bytes_into,
                   RATE_1MBIT=RATE_1MBIT, RATE_2MBIT=RATE_2MBIT, RATE_250KBIT=RATE_250KBIT)


class RadioAir:
    """The shared air between boards: a message reaches every other board on the same channel and group."""

    def __init__(self):
        self.boards = []
        self.log = []  # [ms, board index, text or bytes]

    def broadcast(self, sender, data: bytes) -> None:
        now = sender.clock.now
        if len(self.log) < 20_000:
            self.log.append([int(now), sender.index, _printable(data)])
        if len(sender.radio_sent) < 20_000:
            sender.radio_sent.append([int(now), _printable(data)])
        for board in self.boards:
            if board is sender:
                continue
            if board.radio["channel"] == sender.radio["channel"] and board.radio["group"] == sender.radio["group"]:
                board.deliver_radio(data, now)


def _printable(data: bytes):
    if data.startswith(b"\x01\x00\x01"):
        return data[3:].decode("utf-8", errors="replace")
    return data.hex()


# ------------------------------------------------------------ small modules
def make_random(board) -> types.ModuleType:
    generator = _random.Random(board.seed)

    def randrange(start, stop=None, step=1):
        if stop is None:
            start, stop = 0, start
        if start >= stop and step > 0:
            raise ValueError("empty range for randrange()")
        return generator.randrange(start, stop, step)

    def randint(a, b):
        if a > b:
            raise ValueError("empty range for randrange()")
        return generator.randint(a, b)

    def choice(sequence):
        if not len(sequence):
            raise IndexError("empty sequence")
        return generator.choice(sequence)

    return _module("random", getrandbits=generator.getrandbits, seed=generator.seed, randint=randint,
                   randrange=randrange, choice=choice, random=generator.random, uniform=generator.uniform)


def make_time(board, name: str) -> types.ModuleType:
    clock = board.clock

    def sleep(seconds):
        clock.advance(max(0, float(seconds) * 1000))

    def sleep_ms(ms):
        clock.advance(max(0, ms))

    def sleep_us(us):
        clock.advance(max(0, us / 1000))

    def ticks_ms():
        clock.tick()
        return clock.ms()

    def ticks_us():
        clock.tick()
        return int(clock.now * 1000)

    return _module(name, sleep=sleep, sleep_ms=sleep_ms, sleep_us=sleep_us, ticks_ms=ticks_ms, ticks_us=ticks_us,
                   ticks_add=lambda a, b: a + b, ticks_diff=lambda a, b: a - b,
                   time=lambda: int(clock.now // 1000))


def make_speech(board) -> types.ModuleType:
    def _say(kind):
        def speak(words, *args, **kwargs):
            board.clock.tick()
            board.record_sound(kind, [str(words)])
            board.clock.advance(60 * len(str(words)))
        return speak

    return _module("speech", say=_say("say"), sing=_say("sing"), pronounce=_say("pronounce"),
                   translate=lambda words: str(words))


def make_os(board) -> types.ModuleType:
    return _module("os", listdir=lambda: sorted(board.files), remove=board.remove_file,
                   size=lambda name: len(board.files[name]),
                   uname=lambda: ("microbit", "microbit", "1.1.1", "micro:bit v1.1.1 (simulator)",
                                  "micro:bit with nRF51822"))


def make_misc(board) -> dict[str, types.ModuleType]:
    """gc, micropython, machine, sys, neopixel, audio: enough for lesson programs to import."""
    clock = board.clock

    class NeoPixel:
        def __init__(self, pin, n, bpp=3):
            self.pixels = [(0,) * bpp] * n

        def __getitem__(self, i):
            return self.pixels[i]

        def __setitem__(self, i, value):
            self.pixels[i] = tuple(value)

        def __len__(self):
            return len(self.pixels)

        def clear(self):
            self.pixels = [(0,) * len(self.pixels[0])] * len(self.pixels) if self.pixels else []
            self.show()

        def fill(self, colour):
            self.pixels = [tuple(colour)] * len(self.pixels)

        def show(self):
            clock.tick()
            board.record_sound("neopixel", [list(p) for p in self.pixels])

    def machine_reset():
        raise SystemExit("reset")

    return {
        "gc": _module("gc", collect=lambda: None, mem_free=lambda: 8000, mem_alloc=lambda: 2000,
                      enable=lambda: None, disable=lambda: None),
        "micropython": _module("micropython", const=lambda x: x, opt_level=lambda *a: 0,
                               mem_info=lambda *a: None, qstr_info=lambda *a: None,
                               stack_use=lambda: 0, heap_lock=lambda: None, heap_unlock=lambda: None,
                               kbd_intr=lambda c: None),
        "machine": _module("machine", reset=machine_reset, freq=lambda: 16000000,
                           unique_id=lambda: bytes([board.index, 0x4b, 0x46, 0x41, 0x47, 0, 0, 1]),
                           disable_irq=lambda: 0, enable_irq=lambda s=0: None,
                           time_pulse_us=lambda pin, level, timeout=1000000: -1),
        "sys": _module("sys", version="3.4.0", version_info=(3, 4, 0), platform="microbit",
                       implementation=types.SimpleNamespace(name="micropython", version=(1, 9, 2)),
                       byteorder="little", maxsize=2**30 - 1, modules={}, path=[""],
                       exit=lambda *code: (_ for _ in ()).throw(SystemExit(*code)),
                       print_exception=lambda e, f=None: board.print_line(f"{type(e).__name__}: {e}")),
        "neopixel": _module("neopixel", NeoPixel=NeoPixel),
        "audio": _module("audio", play=lambda *a, **k: clock.tick(), is_playing=lambda: False,
                         stop=lambda: None, AudioFrame=lambda: bytearray(32)),
    }


def _print_with(board):
    def mp_print(*values, sep=" ", end="\n", file=None, flush=False):
        board.clock.tick()
        board.write_serial(mp_str(sep).join(mp_str(v) for v in values) + mp_str(end))
    return mp_print


def make_all(board) -> dict[str, types.ModuleType]:
    """Every module a pupil's program may import on this board."""
    import array
    import collections
    import math
    import struct

    microbit = make_microbit(board)
    modules = {
        "microbit": microbit,
        "microbit.display": microbit.display,
        "microbit.accelerometer": microbit.accelerometer,
        "microbit.compass": microbit.compass,
        "microbit.audio": microbit.audio,
        "microbit.uart": microbit.uart,
        "microbit.i2c": microbit.i2c,
        "microbit.spi": microbit.spi,
        "microbit.speaker": microbit.speaker,
        "microbit.microphone": microbit.microphone,
        "music": make_music(board),
        "radio": make_radio(board),
        "random": make_random(board),
        "time": make_time(board, "time"),
        "utime": make_time(board, "utime"),
        "speech": make_speech(board),
        "os": make_os(board),
        "math": math,
        "array": array,
        "struct": struct,
        "ustruct": struct,
        "collections": collections,
        "ucollections": collections,
        "love": _module("love", badaboom=lambda: board.record_display(Image.HEART.rows(), "frame")),
        "this": _module("this", authors=lambda: "simulator"),
        "antigravity": _module("antigravity"),
        **make_misc(board),
    }
    modules["urandom"] = modules["random"]
    modules["usys"] = modules["sys"]
    modules["uos"] = modules["os"]
    return modules


__all__ = ["make_all", "RadioAir", "_print_with"]
