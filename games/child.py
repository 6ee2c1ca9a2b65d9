"""The process that runs pupils' games: ``python -m kodefag.games.child``.

It imports pygame and pgzero, says it is ready (see :func:`_say_ready`), then
reads one job as JSON on stdin::

    {"game": "/abs/path/spil.py", "run_timeout": 2.0,
     "runs": [{"frames": 600, "seed": 1, "events": [[0, "down", "right"], ...],
               "snapshots": [0, 30], "screenshot": "/abs/frame.png"}]}

and writes ``{"results": [result, ...]}`` as JSON to its original stdout; the
pupil's own ``print`` output goes to stderr. pygame and pgzero are imported
once, then every run gets its own forked process (one game per process: pgzero
keeps clock, keyboard and caches in globals; up to one run per CPU at a time),
limited by a timer that stops an ``update()`` that never returns and, behind
it, a hard kill.

A result is ``{"frames", "ended", "error", "error_line", "state", "snapshots"}``;
``state`` and every snapshot are :func:`kodefag.games.engine.describe_namespace`
output, ``error`` a Danish message or None. This module runs inside the
sandbox: it imports nothing heavy from kodefag.
"""
import json
import os
import select
import signal
import sys
import time

from kodefag.games import engine, errors

HARD_KILL_GRACE = 1.0


def main():
    results_fd = os.dup(1)
    os.dup2(2, 1)  # the pupil's print() goes to stderr, never into our JSON
    _preload()
    _say_ready()
    job = json.loads(sys.stdin.read())
    results = run_all(job["game"], job["runs"], job.get("run_timeout", 2.0), results_fd)
    with os.fdopen(results_fd, "w") as out:
        json.dump({"results": results}, out)
    sys.stderr.flush()
    os._exit(0)  # the worker waits for this process to end: tearing down pygame's interpreter is ~15 ms


def _preload():
    """Import pygame and pgzero once; pygame.init() happens per run, after fork."""
    engine.import_pgzero()


def _say_ready():
    """Tell a worker that started this child ahead of its job that pygame is imported.

    The descriptor comes from kodefag.sandbox.Prestarted (``KODEFAG_READY_FD``); it is
    closed before the job is read, so no game can write to it.
    """
    fd = os.environ.pop("KODEFAG_READY_FD", None)
    if fd is None:
        return
    try:
        os.write(int(fd), b"1")
    finally:
        os.close(int(fd))


def run_all(game_path, runs, run_timeout, results_fd, parallel=None):
    """Run every scenario in its own forked process, up to one per CPU at a time.

    Returns the results in the order of runs; a run that outlives its time
    (plus a grace second for the timer inside it) is killed.
    """
    parallel = parallel or os.cpu_count() or 1
    results = [None] * len(runs)
    waiting = list(enumerate(runs))
    active = {}  # read fd -> [index, pid, deadline, chunks]
    while waiting or active:
        while waiting and len(active) < parallel:
            index, run = waiting.pop(0)
            fd, pid = _start(game_path, run, run_timeout, [results_fd, *active])
            active[fd] = [index, pid, time.monotonic() + run_timeout + HARD_KILL_GRACE, []]
        left = min(entry[2] for entry in active.values()) - time.monotonic()
        ready, _, _ = select.select(list(active), [], [], max(0.0, left))
        for fd in ready:
            chunk = os.read(fd, 65536)
            if chunk:
                active[fd][3].append(chunk)
                continue
            index, pid, _, chunks = active.pop(fd)
            os.close(fd)
            _kill(pid)  # done writing (or it closed the pipe and kept running): it goes now
            results[index] = _parse(b"".join(chunks))
        now = time.monotonic()
        for fd, (index, pid, deadline, _) in list(active.items()):
            if now >= deadline:
                del active[fd]
                os.close(fd)
                _kill(pid)
                results[index] = _crashed(timed_out=True)
    return results


def _start(game_path, run, run_timeout, close_fds):
    """Fork a process that runs one scenario and writes its result to a pipe."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the run's own process
        code = 0
        try:
            for fd in [read_end, *close_fds]:
                os.close(fd)
            result = run_game(game_path, run, run_timeout)
            with os.fdopen(write_end, "w") as out:
                json.dump(result, out)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    return read_end, pid


def _parse(data):
    try:
        result = json.loads(data.decode("utf-8"))
        if isinstance(result, dict) and "frames" in result:
            return result
    except ValueError:
        pass
    return _crashed(timed_out=False)


def _kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _crashed(timed_out):
    if timed_out:
        message = (
            "Dit spil blev ved med at regne og blev aldrig færdigt - måske en løkke, der aldrig "
            "stopper (fx while True). Brug 'if' i stedet for 'while' i update()."
        )
    else:
        message = "Dit spil stoppede pludselig uden at sige hvorfor (måske brugte det for meget hukommelse)."
    return {"frames": 0, "ended": False, "error": message, "error_line": None, "state": None, "snapshots": {}}


def _on_timer(signum, frame):
    raise errors.GameTimeout()


def run_game(game_path, run, run_timeout):
    """Load and step one game as run describes; errors become Danish messages."""
    signal.signal(signal.SIGALRM, _on_timer)
    signal.setitimer(signal.ITIMER_REAL, run_timeout)
    result = {"frames": 0, "ended": False, "error": None, "error_line": None, "state": None, "snapshots": {}}
    game = None
    try:
        game = engine.Game(game_path, seed=run.get("seed", 0))
        _play(game, run, result)
    except engine.GameExit:
        result["ended"] = True
    except BaseException as error:  # the pupil's code can raise anything
        result.update(_error(error, game_path))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if game is not None:
        result["frames"] = game.frame
        result["ended"] = result["ended"] or game.ended
        result["state"] = _safe_state(game)
        if run.get("screenshot") and game.pgz is not None:
            _safe_screenshot(game, run["screenshot"])
    return result


def _play(game, run, result):
    events = {}
    for frame, action, argument in run.get("events", []):
        events.setdefault(int(frame), []).append((action, argument))
    wanted = {int(frame) for frame in run.get("snapshots", [])}
    for frame in range(int(run["frames"]) + 1):
        for action, argument in events.get(frame, ()):
            apply(game, action, argument)
        if frame in wanted:
            result["snapshots"][str(frame)] = game.state()
        if frame == int(run["frames"]):
            break
        game.step()


def apply(game, action, argument):
    """Give the game one input event (or one check set-up assignment)."""
    if action in ("down", "up"):
        key = key_code(argument)
        if action == "down":
            game.key_down(key, unicode=key_text(argument))
        else:
            game.key_up(key)
    elif action == "mouse_down":
        game.mouse_down(argument)
    elif action == "mouse_up":
        game.mouse_up(argument)
    elif action == "mouse_move":
        game.mouse_move(argument)
    elif action == "set":
        assign(game.module, *argument)
    else:
        raise SetupError(f"Ukendt handling '{action}'.")


class SetupError(Exception):
    """The check's script does not fit the game (message in Danish)."""


def key_code(name):
    """pygame key code for a Pygame Zero key name such as 'right', 'space', 'a', '1'."""
    from pgzero.constants import keys

    upper = name.upper()
    for candidate in (upper, "K_" + upper):
        if candidate in keys.__members__:
            return keys[candidate].value
    raise SetupError(f"Ukendt tast '{name}'. Brug navne som left, right, up, down, space, a, 1.")


def key_text(name):
    """What the key types (on_key_down's unicode): 'a' for a, '1' for k_1, ' ' for space."""
    name = name.lower()
    if len(name) == 1:
        return name
    if name.startswith("k_") and len(name) == 3:
        return name[2]
    return " " if name == "space" else ""


def assign(module, path, value):
    """Set ``name`` or ``name.attribute`` in the game before/while it runs."""
    name, _, attribute = path.partition(".")
    if name not in vars(module):
        raise SetupError(f"Jeg kan ikke finde '{name}' i dit spil. Har du omdøbt eller slettet den?")
    if attribute:
        setattr(vars(module)[name], attribute, value)
    else:
        vars(module)[name] = value


def _error(error, game_path):
    if isinstance(error, SetupError):
        return {"error": str(error), "error_line": None}
    described = errors.describe(error, game_path)
    print(f"kodefag.games: {type(error).__name__}: {error}", file=sys.stderr)
    return {"error": described["message"], "error_line": described["line"]}


def _safe_state(game):
    try:
        return game.state()
    except BaseException:
        return None


def _safe_screenshot(game, path):
    try:
        game.screenshot(path)
    except BaseException as error:
        print(f"kodefag.games: screenshot failed: {error}", file=sys.stderr)


if __name__ == "__main__":
    main()
