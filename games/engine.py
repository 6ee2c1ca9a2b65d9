"""Step a Pygame Zero game frame by frame, without a window and without waiting.

The grader, the ``kodefag pgzero run`` command and the notebook player all drive
games through :class:`Game`, so a game behaves the same when a pupil plays it and
when it is graded.

:meth:`Game.step` is the body of ``pgzero.game.PGZeroGame.mainloop()`` (pgzero
1.2.1) without its ``Clock.tick(60)``: the time step is fixed, so a game runs as
fast as the CPU allows and is deterministic with a seeded ``random``. It relies on
these pgzero internals, pinned and covered by tests/games/test_engine.py:
``pgzero.runner.prepare_mod``, ``PGZeroGame.reinit_screen/get_update_func/
get_draw_func/load_handlers/dispatch_event``, ``keyboard._press/_release`` and
``pgzero.clock.clock.tick``.

pgzero keeps its clock, keyboard and image caches in module globals, so run one
game per process (the runner forks a fresh process for every scenario).
"""
import os
import random
import sys
from types import ModuleType

DT = 1 / 60
"""Seconds per frame: Pygame Zero calls update() 60 times a second."""


class _Lazy:
    """Stands in for a module until first use, then imports the real one."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attribute):
        import importlib

        return getattr(importlib.import_module(self._name), attribute)


def import_pgzero():
    """Import pygame and pgzero (without pygame.init()) as fast as possible.

    Startup time is most of the grading budget per pupil, so two imports pygame
    does not need are kept out: ``pkg_resources`` (pygame only uses it to find
    its own data files and falls back without it; ~0.15 s) and numpy (only for
    pygame.surfarray/sndarray and pgzero's tone generator; ~0.1 s). Those three
    become lazy stand-ins that import numpy on first use, and pgzero.tone is
    loaded again with numpy for a game that uses it (see Game.__init__).
    """
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if "pgzero.builtins" in sys.modules:
        return
    sys.modules.setdefault("pkg_resources", None)
    if "numpy" in sys.modules:
        import pgzero.builtins  # noqa: F401
        return
    sys.modules["numpy"] = None
    try:
        import pygame

        for name in ("sndarray", "surfarray"):
            setattr(pygame, name, _Lazy("pygame." + name))
        sys.modules["pygame.sndarray"] = pygame.sndarray
        import pgzero.actor  # noqa: F401
        import pgzero.builtins  # noqa: F401
        import pgzero.game  # noqa: F401
        import pgzero.tone
        # pgzero.runner itself calls pygame.init(), which starts SDL threads, so it is
        # imported after the fork, per run; its other imports are done here once.
        import optparse  # noqa: F401
    finally:
        del sys.modules["numpy"]
        sys.modules.pop("pygame.sndarray", None)


def _enable_tone():
    """Re-run pgzero.tone with numpy importable (for a game that uses tone)."""
    import importlib

    import pgzero.tone

    if pgzero.tone.np is None:
        importlib.reload(pgzero.tone)  # same module object: pgzero.builtins.tone stays valid


def prepare_headless():
    """Import pygame and pgzero with SDL's dummy drivers, then pygame.init()."""
    import_pgzero()
    import pgzero.runner  # noqa: F401  (calls pygame.init())


MAX_SIDE = 4000
"""Largest WIDTH or HEIGHT accepted (a 100000 x 100000 window would need 40 GB)."""


class ScreenTooBig(Exception):
    """WIDTH/HEIGHT are not sensible numbers for a window."""


class GameExit(Exception):
    """The game ended itself (exit(), quit(), sys.exit() or the window closed)."""


def _quick_exit():
    """Replacement for pgzero's exit(), which waits up to a second for sounds."""
    raise SystemExit(0)


class Game:
    """One loaded Pygame Zero game and its input, stepped one frame at a time."""

    def __init__(self, path, seed=0):
        prepare_headless()
        import pgzero.runner
        from pgzero.game import PGZeroGame

        self.path = os.path.abspath(path)
        self.frame = 0
        self.ended = False
        self._pending = []
        random.seed(seed)
        with open(self.path, encoding="utf-8-sig") as source:  # Notepad writes a BOM
            text = source.read()
        if "tone" in text:
            _enable_tone()
        code = compile(text, self.path, "exec", dont_inherit=True)
        name = os.path.splitext(os.path.basename(self.path))[0]
        self.module = ModuleType(name)
        self.module.__file__ = self.path
        if name not in sys.modules:  # a game called pygame.py must not replace pygame
            sys.modules[name] = self.module
        sys._pgzrun = True  # makes the pupil's `import pgzrun` / `pgzrun.go()` a no-op
        pgzero.runner.prepare_mod(self.module)
        self.module.exit = _quick_exit
        self._run_pupil(exec, code, self.module.__dict__)
        self.pgz = PGZeroGame(self.module)
        self._check_screen_size()
        self.pgz.reinit_screen()
        self._update = self.pgz.get_update_func()
        self._draw = self.pgz.get_draw_func()
        self.pgz.load_handlers()

    # ---- input: queued now, handled at the start of the next frame ----------
    def key_down(self, key, unicode=""):
        self._queue("KEYDOWN", key=key, mod=0, unicode=unicode, scancode=0)

    def key_up(self, key):
        self._queue("KEYUP", key=key, mod=0, unicode="", scancode=0)

    def mouse_down(self, pos, button=1):
        self._queue("MOUSEBUTTONDOWN", pos=tuple(pos), button=button)

    def mouse_up(self, pos, button=1):
        self._queue("MOUSEBUTTONUP", pos=tuple(pos), button=button)

    def mouse_move(self, pos, rel=(0, 0), buttons=(0, 0, 0)):
        self._queue("MOUSEMOTION", pos=tuple(pos), rel=tuple(rel), buttons=tuple(buttons))

    def _queue(self, kind, **attributes):
        import pygame

        self._pending.append(pygame.event.Event(getattr(pygame, kind), **attributes))

    # ---- one frame -----------------------------------------------------------
    def step(self, dt=DT):
        """Handle queued input, advance the clock, call update() and draw()."""
        import pgzero.clock
        import pygame

        events = [event for event in pygame.event.get() if event.type == pygame.QUIT]
        if events:
            self.ended = True
            raise GameExit()
        events, self._pending = self._pending, []
        for event in events:
            if event.type == pygame.KEYDOWN:
                self.pgz.keyboard._press(event.key)
            elif event.type == pygame.KEYUP:
                self.pgz.keyboard._release(event.key)
            self._run_pupil(self.pgz.dispatch_event, event)
        self._run_pupil(pgzero.clock.clock.tick, dt)
        if self._update:
            self._run_pupil(self._update, dt)
        self._check_screen_size()
        self.pgz.reinit_screen()
        self._run_pupil(self._draw)
        self.frame += 1

    def _check_screen_size(self):
        width = getattr(self.module, "WIDTH", 800)
        height = getattr(self.module, "HEIGHT", 600)
        numbers = all(type(side) in (int, float) for side in (width, height))
        if not numbers or not (1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE):
            raise ScreenTooBig(f"WIDTH = {width!r}, HEIGHT = {height!r}")

    def _run_pupil(self, function, *args):
        """Call into the pupil's code; turn their exit() into GameExit."""
        try:
            function(*args)
        except SystemExit:
            self.ended = True
            raise GameExit() from None

    # ---- output --------------------------------------------------------------
    @property
    def surface(self):
        return self.pgz.screen

    def screenshot(self, path):
        import pygame

        pygame.image.save(self.surface, path)

    def rgb_bytes(self):
        import pygame

        return pygame.image.tobytes(self.surface, "RGB")

    def state(self):
        """The game's state as plain data (see :func:`describe_namespace`)."""
        return describe_namespace(vars(self.module))


# ---- reading the game's state ------------------------------------------------
PLAIN = (bool, int, float, str, type(None))
MAX_LIST = 200


def _plain(value, depth=0):
    """value as JSON-able data if it is plain (or a list/tuple of plain), else raise."""
    if isinstance(value, PLAIN) and type(value) in PLAIN:
        if isinstance(value, float) and value != value:
            return None
        return value
    if type(value) in (list, tuple) and depth < 2 and len(value) <= MAX_LIST:
        return [_plain(item, depth + 1) for item in value]
    raise TypeError("not plain")


def describe_actor(actor):
    """The parts of an Actor a check looks at."""
    return {
        "x": _number(actor.x),
        "y": _number(actor.y),
        "image": actor.image if isinstance(actor.image, str) else None,
        "width": _number(actor.width),
        "height": _number(actor.height),
        "angle": _number(actor.angle),
    }


def _number(value):
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return int(value) if value.is_integer() else round(value, 4)


def describe_namespace(namespace):
    """Globals that are plain values, Actor globals, and lists of Actors.

    Returns ``{"globals": {name: value}, "actors": [{"name", "x", "y", "image", ...}],
    "actor_lists": {name: [actor, ...]}}``. Names starting with ``_``, modules,
    functions and pgzero's own builtins are left out.
    """
    from pgzero.actor import Actor
    import pgzero.builtins

    hidden = set(vars(pgzero.builtins))
    result = {"globals": {}, "actors": [], "actor_lists": {}}
    for name, value in list(namespace.items()):
        if name.startswith("_") or name in hidden:
            continue
        if isinstance(value, Actor):
            result["actors"].append({"name": name, **describe_actor(value)})
            continue
        if type(value) is list and value and all(isinstance(item, Actor) for item in value):
            result["actor_lists"][name] = [describe_actor(item) for item in value[:MAX_LIST]]
            continue
        try:
            result["globals"][name] = _plain(value)
        except (TypeError, RecursionError):
            continue
    return result
