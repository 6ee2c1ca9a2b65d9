"""Virtual time for one or more simulated micro:bits.

Each board runs the pupil's program in its own thread, but only one thread runs
at a time: the scheduler always resumes the board whose virtual clock is
furthest behind, and a board hands control back as soon as its clock passes
the next board's. So radio messages between boards arrive in virtual-time
order, the run is deterministic, and 60 virtual seconds take milliseconds of
wall time (``sleep`` just moves a number).

Every call into the micro:bit API costs virtual time too, so a busy loop
(``while not button_a.is_pressed(): pass``) still reaches the end of the run.
A loop that never calls the API at all is stopped by the wall-clock watchdog,
which raises :class:`WallClockExceeded` inside the board's thread.
"""
from __future__ import annotations

import ctypes
import threading
import time

#: virtual milliseconds one call into the micro:bit API costs
API_CALL_MS = 1


class SimStop(BaseException):
    """Ends a board's program. BaseException so pupils' ``except Exception`` cannot swallow it."""


class EndOfRun(SimStop):
    """The run reached its virtual end time."""


class WallClockExceeded(SimStop):
    """The program computed too long without calling the micro:bit (watchdog)."""


class Event:
    """A scripted input: at ``ms`` call ``action(board)``."""

    __slots__ = ("ms", "order", "action", "label")

    def __init__(self, ms: float, action, label: str = "", order: int = 0):
        self.ms, self.action, self.label, self.order = ms, action, label, order


class BoardClock:
    """The virtual clock of one board and its place in the scheduler."""

    def __init__(self, world: "World", index: int):
        self.world = world
        self.index = index
        self.now = 0.0
        self.events: list[Event] = []
        self.done = False
        self.ended = False
        self.resume = threading.Semaphore(0)
        self.thread: threading.Thread | None = None

    def schedule(self, event: Event) -> None:
        self.events.append(event)
        self.events.sort(key=lambda e: (e.ms, e.order))

    def ms(self) -> int:
        return int(self.now)

    def advance(self, ms: float) -> None:
        """Let ``ms`` virtual milliseconds pass (sleep, scrolling, an API call)."""
        if self.ended or self.world.stopping:
            self._park()
        if ms < 0:
            ms = 0
        target = self.now + ms
        end = self.world.end_ms
        while self.events and self.events[0].ms <= min(target, end):
            event = self.events.pop(0)
            self.now = max(self.now, event.ms)
            event.action()
        if target > end:
            self.now = end
            self.ended = True
            raise EndOfRun()
        self.now = target
        if self.now > self.world.horizon(self):
            self.world.switch(self)

    def _park(self) -> None:
        """The program caught our stop signal (a bare ``except:``) and went on: finish the
        board for the scheduler and stop this thread here for good (it is a daemon)."""
        if not self.done:
            self.done = True
            self.world.back.release()
        threading.Event().wait()

    def tick(self) -> None:
        """The cost of one API call."""
        self.advance(API_CALL_MS)


class World:
    """All simulated boards of one run, sharing the radio and the scheduler."""

    def __init__(self, end_ms: float, wall_seconds: float):
        self.end_ms = end_ms
        self.wall_seconds = wall_seconds
        self.clocks: list[BoardClock] = []
        self.back = threading.Semaphore(0)
        self.current: BoardClock | None = None
        self.stopping = False
        self.wall_exceeded = False

    def add_board(self) -> BoardClock:
        clock = BoardClock(self, len(self.clocks))
        self.clocks.append(clock)
        return clock

    def horizon(self, clock: BoardClock) -> float:
        """How far ``clock`` may run before another board must catch up."""
        others = [c.now for c in self.clocks if c is not clock and not c.done]
        return min(others) if others else float("inf")

    def switch(self, clock: BoardClock) -> None:
        """Called in a board's thread: hand control back and wait to be resumed."""
        self.back.release()
        clock.resume.acquire()
        if self.stopping:
            raise WallClockExceeded() if self.wall_exceeded else EndOfRun()

    def run(self, programs: list) -> None:
        """Run ``programs`` (one callable per board, called in its thread) to the end."""
        for clock, program in zip(self.clocks, programs):
            clock.thread = threading.Thread(target=self._board_main, args=(clock, program), daemon=True)
            clock.thread.start()
        deadline = time.monotonic() + self.wall_seconds
        while True:
            active = [c for c in self.clocks if not c.done]
            if not active:
                return
            clock = min(active, key=lambda c: (c.now, c.index))
            self.current = clock
            clock.resume.release()
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.back.acquire(timeout=remaining):
                self._stop_all(clock)
                return

    def _board_main(self, clock: BoardClock, program) -> None:
        clock.resume.acquire()
        try:
            if not self.stopping:
                program()
        finally:
            if not clock.done:
                clock.done = True
                self.back.release()

    def _stop_all(self, running: BoardClock) -> None:
        """Wall time is up: interrupt the running board, end the others."""
        self.stopping = True
        self.wall_exceeded = True
        if running.thread is not None and running.thread.is_alive():
            _raise_in_thread(running.thread, WallClockExceeded)
            self.back.acquire(timeout=2.0)
        for clock in self.clocks:
            if not clock.done:
                clock.resume.release()
                self.back.acquire(timeout=1.0)


def _raise_in_thread(thread: threading.Thread, exception: type[BaseException]) -> None:
    """Raise ``exception`` asynchronously in ``thread`` (interrupts pure-Python loops)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(exception))
