"""One simulated micro:bit: its modules, its scripted inputs, what it did (the trace)."""
from __future__ import annotations

import builtins
import io
import types

from kodefag.microbit.simulator.engine import EndOfRun, Event, SimStop, WallClockExceeded, World
from kodefag.microbit.simulator.errors import busy_message, danish_error, micropython_traceback
from kodefag.microbit.simulator.hardware import GESTURE_VALUES, MicroPythonStr, mp_str
from kodefag.microbit.simulator.inputs import ScriptedInput
from kodefag.microbit.simulator.modules import RadioAir, make_all

#: at most this much printed text is kept per board (a runaway print loop)
MAX_SERIAL_CHARS = 200_000
MAX_DISPLAY_EVENTS = 20_000
#: a scrolled or shown text is recorded up to this length
MAX_TEXT_CHARS = 1000
FILESYSTEM_BYTES = 20_000
#: a scripted ramp on a pin (pin1=0..1023@1000:3000) changes its level this often
RAMP_STEP_MS = 50
RESTING_GESTURES = {"face up", "face down", "up", "down", "left", "right"}


class OutputLimit(SimStop):
    """The program printed or drew far too much."""


class Board:
    """A micro:bit running one program in virtual time."""

    def __init__(self, world: World, air: RadioAir, index: int, files: dict[str, str], seed: int):
        self.world = world
        self.clock = world.add_board()
        self.index = index
        self.seed = seed * 1000 + index
        self.source_files = dict(files)
        self.files: dict[str, str | bytes] = dict(files)  # main.py and modules live in the filesystem too
        self.world_radio = air
        air.boards.append(self)
        self.radio = dict(on=False, length=32, queue=3, channel=7, power=6, group=0, inbox=[])
        self.temperature = 20
        self.periodic: list = []
        # trace
        self.display_events: list[list] = []
        self.serial: list[str] = []
        self.serial_chars = 0
        self.serial_lines: list[list] = []
        self._line_start_ms: int | None = None
        self.sounds: list[list] = []
        self.pin_writes: list[list] = []
        self.radio_sent: list[list] = []
        self.error: str | None = None
        self.traceback: str | None = None
        self.finished = False
        self.modules = make_all(self)
        self.builtins = self._make_builtins()

    # ------------------------------------------------------------ recording
    def record_display(self, value: str, kind: str, at_ms=None) -> None:
        ms = int(self.clock.now if at_ms is None else at_ms)
        value = value[:MAX_TEXT_CHARS]
        events = self.display_events
        if kind == "frame" and events and events[-1][2] == "frame":
            last = events[-1]
            if last[0] == ms:  # several changes within one millisecond: keep only the final state
                events.pop()
                if events and events[-1][2] == "frame" and events[-1][1] == value:
                    return  # ...which is what was shown before: nothing changed
            elif last[1] == value:
                return  # the display did not change
        if len(events) >= MAX_DISPLAY_EVENTS:
            raise OutputLimit()
        events.append([ms, value, kind])

    def write_serial(self, text: str) -> None:
        self.serial_chars += len(text)
        if self.serial_chars > MAX_SERIAL_CHARS:
            raise OutputLimit()
        self.serial.append(text)
        for part in text.splitlines(keepends=True):
            if self._line_start_ms is None:
                self._line_start_ms = self.clock.ms()
                self.serial_lines.append([self._line_start_ms, ""])
            self.serial_lines[-1][1] += part.rstrip("\n")
            if part.endswith("\n"):
                self._line_start_ms = None

    def print_line(self, text: str) -> None:
        self.write_serial(text + "\n")

    def record_sound(self, kind: str, value, pin: str | None = None) -> None:
        """A sound: [ms, kind, value], plus the pin it played on for music (a buzzer on pin0)."""
        if len(self.sounds) < MAX_DISPLAY_EVENTS:
            self.sounds.append([self.clock.ms(), kind, value] + ([pin] if pin else []))

    def record_pin(self, name: str, value: int) -> None:
        if len(self.pin_writes) < MAX_DISPLAY_EVENTS:
            self.pin_writes.append([self.clock.ms(), name, value])

    def deliver_radio(self, data: bytes, ms: float) -> None:
        inbox = self.radio["inbox"]
        if self.radio["on"] and len(inbox) < self.radio["queue"] and len(data) <= self.radio["length"] + 3:
            inbox.append((data, ms))

    def remove_file(self, name: str) -> None:
        if name not in self.files:
            raise OSError(2, "ENOENT")
        del self.files[name]

    # --------------------------------------------------------------- inputs
    def schedule(self, item: ScriptedInput) -> None:
        at, end = item.ms, item.ms + item.hold_ms
        add = lambda ms, action, label: self.clock.schedule(Event(ms, action, label))
        if item.kind == "button":
            for name in item.target:
                button = self.buttons[name]
                add(at, button.press, f"{name} down")
                add(end, button.release, f"{name} up")
        elif item.kind == "gesture":
            accel = self.accelerometer
            if item.target in RESTING_GESTURES:
                add(at, lambda: accel.set_gesture(item.target), item.target)
            else:
                def start():
                    self._resting = (accel.current, accel.values)
                    accel.set_gesture(item.target)

                def stop():
                    current, values = getattr(self, "_resting", ("face up", GESTURE_VALUES["face up"]))
                    accel.current, accel.values = current, values
                add(at, start, item.target)
                add(end, stop, item.target + " end")
        elif item.kind == "accel":
            add(at, lambda: self.accelerometer.set_values(item.value), "accel")
        elif item.kind == "temp":
            add(at, lambda: setattr(self, "temperature", item.value), "temp")
        elif item.kind == "light":
            add(at, lambda: setattr(self.display, "light_level", item.value), "light")
        elif item.kind == "heading":
            add(at, lambda: setattr(self.compass, "heading_value", item.value), "heading")
        elif item.kind == "pin":
            pin = self.pins.get(item.target)
            if pin is not None:
                add(at, lambda: pin.drive(item.value), item.target)
        elif item.kind == "pin_ramp":  # a potentiometer turned, or light fading, over hold_ms
            pin = self.pins.get(item.target)
            start, stop = item.value
            steps = max(1, int(item.hold_ms // RAMP_STEP_MS))
            for step in range(steps + 1):
                level = round(start + (stop - start) * step / steps)
                add(at + step * item.hold_ms / steps, lambda level=level: pin.drive(level), item.target)
        elif item.kind == "touch":
            pin = self.pins[item.target]
            add(at, lambda: setattr(pin, "touched", True), item.target)
            add(end, lambda: setattr(pin, "touched", False), item.target + " end")
        elif item.kind == "radio":
            data = b"\x01\x00\x01" + str(item.value).encode("utf-8")
            add(at, lambda: self.deliver_radio(data, at), "radio")

    def schedule_periodic(self, period_ms: float, function) -> None:
        """run_every: call ``function`` every ``period_ms`` of virtual time."""
        def fire(due=self.clock.now + period_ms):
            self.clock.schedule(Event(due + period_ms, lambda: fire(due + period_ms), "run_every"))
            function()
        self.clock.schedule(Event(self.clock.now + period_ms, fire, "run_every"))

    # -------------------------------------------------------------- running
    def _make_builtins(self) -> dict:
        table = dict(vars(builtins))
        table["__import__"] = self._import
        table["print"] = self._print
        table["str"] = MicroPythonStr
        table["open"] = self._open
        table["input"] = self._input
        table["exit"] = table["quit"] = lambda *code: (_ for _ in ()).throw(SystemExit(*code))
        for name in ("breakpoint", "help", "copyright", "credits", "license"):
            table.pop(name, None)
        return table

    def _print(self, *values, sep=" ", end="\n", file=None, flush=False):
        self.clock.tick()
        sep = " " if sep is None else sep
        end = "\n" if end is None else end
        self.write_serial(sep.join(mp_str(v) for v in values) + end)

    def _input(self, prompt=""):
        self.write_serial(str(prompt))
        self.clock.advance(self.world.end_ms + 1)  # nobody types on the serial port here

    def _open(self, name, mode="r", *args, **kwargs):
        self.clock.tick()
        name = str(name)
        binary = "b" in mode
        if "r" in mode:
            if name not in self.files:
                raise OSError(2, "ENOENT")
            data = self.files[name]
            return io.BytesIO(data if isinstance(data, bytes) else data.encode()) if binary else io.StringIO(
                data if isinstance(data, str) else data.decode())
        board = self
        base = io.BytesIO if binary else io.StringIO

        class VirtualFile(base):
            def close(inner):
                if not inner.closed:
                    value = inner.getvalue()
                    used = sum(len(v) for k, v in board.files.items() if k != name)
                    if used + len(value) > FILESYSTEM_BYTES:
                        raise OSError(28, "ENOSPC")
                    board.files[name] = value
                super().close()

        handle = VirtualFile()
        if "a" in mode and name in self.files:
            handle.write(self.files[name])
        return handle

    def _import(self, name, globals=None, locals=None, fromlist=(), level=0):
        if level:
            raise ImportError("no module named '%s'" % name)
        if name in self.modules:
            module = self.modules[name]
            if "." in name and not fromlist:
                return self.modules[name.split(".")[0]]
            return module
        filename = name + ".py"
        if filename in self.source_files and filename != "main.py":
            module = types.ModuleType(name)
            module.__dict__.update(__builtins__=self.builtins, __name__=name, __file__=filename)
            self.modules[name] = module
            try:
                exec(compile(self.source_files[filename], filename, "exec"), module.__dict__)
            except BaseException:
                del self.modules[name]
                raise
            return module
        raise ImportError("no module named '%s'" % name)

    def run_program(self) -> None:
        """Run main.py in this board's thread until it ends or the run ends."""
        pupil_files = set(self.source_files)
        namespace = {"__name__": "__main__", "__file__": "main.py", "__builtins__": self.builtins}
        try:
            code = compile(self.source_files.get("main.py", ""), "main.py", "exec")
            exec(code, namespace)
            self.finished = True
        except EndOfRun:
            pass
        except WallClockExceeded as error:
            self.error = busy_message(error, pupil_files)
        except OutputLimit:
            self.error = "Programmet skrev eller tegnede alt for meget (en løkke uden sleep?) og blev stoppet."
        except SystemExit as error:
            if error.args == ("reset",):  # microbit.reset(): the board restarts; we end the run
                self.finished = True
            else:  # on the V1 firmware an uncaught SystemExit prints a traceback like any error
                self.error = danish_error(error, self.source_files)
                self.traceback = micropython_traceback(error, set(self.source_files))
        except SimStop:
            pass
        except BaseException as error:  # the pupil's own error, reported in Danish
            self.error = danish_error(error, self.source_files)
            self.traceback = micropython_traceback(error, pupil_files)

    # --------------------------------------------------------------- result
    def result(self) -> dict:
        return {
            "serial": "".join(self.serial),
            "serial_lines": self.serial_lines,
            "display": [[ms, value] for ms, value, _ in self.display_events],
            "display_events": [{"ms": ms, "kind": kind, "value": value} for ms, value, kind in self.display_events],
            "sounds": self.sounds,
            "pins": self.pin_writes,
            "radio_sent": self.radio_sent,
            "files": {k: (v if isinstance(v, str) else v.hex()) for k, v in self.files.items()
                      if self.source_files.get(k) != v},  # what the program wrote
            "error": self.error,
            "traceback": self.traceback,
            "finished": self.finished,
            "ms": int(self.clock.now),
        }
