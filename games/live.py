"""A game played live: ``python -m kodefag.games.live GAME`` (started by the notebook player).

It steps the game with the same :class:`kodefag.games.engine.Game` as the grader,
but in real time: 60 updates a second, a JPEG frame every second update (30 fps).

Input arrives on stdin, one JSON object per line::

    {"down": "right"}  {"up": "right"}  {"release_all": true}
    {"mouse_down": [x, y], "button": 1}  {"mouse_up": [x, y]}  {"mouse_move": [x, y]}
    {"stop": true}

Output on stdout is a stream of messages: one type byte, a 4-byte big-endian
length, the payload. ``F`` a JPEG frame, ``S`` the game state as JSON (a few
times a second), ``E`` an error as JSON ``{"message", "line"}`` (Danish),
``Q`` the game ended itself. The pupil's ``print`` output goes to stderr.
"""
import io
import json
import os
import queue
import signal
import struct
import sys
import threading
import time

from kodefag.games import engine, errors
from kodefag.games.child import SetupError, key_code, key_text

UPDATES_PER_SECOND = 60
FRAME_EVERY = 2
STATE_EVERY = 6
STEP_BUDGET = 2.0
"""Seconds one update()+draw() may take before it counts as an endless loop."""


class Channel:
    """Length-prefixed messages on a private copy of stdout."""

    def __init__(self):
        self.out = os.fdopen(os.dup(1), "wb")
        os.dup2(2, 1)  # print() in the game goes to stderr, never into the stream

    def send(self, kind, payload):
        self.out.write(kind + struct.pack(">I", len(payload)) + payload)
        self.out.flush()


def read_input(inbox):
    """Thread: parse stdin lines into the inbox; EOF (the notebook went away) means stop."""
    for line in sys.stdin:
        try:
            inbox.put(json.loads(line))
        except ValueError:
            continue
    inbox.put({"stop": True})


def _on_timer(signum, frame):
    raise errors.GameTimeout()


def main(path):
    channel = Channel()
    inbox = queue.Queue()
    threading.Thread(target=read_input, args=(inbox,), daemon=True).start()
    signal.signal(signal.SIGALRM, _on_timer)
    game = None
    try:
        signal.setitimer(signal.ITIMER_REAL, STEP_BUDGET * 2)
        game = engine.Game(path, seed=int(time.time()))
        signal.setitimer(signal.ITIMER_REAL, 0)
        play(game, inbox, channel)
    except engine.GameExit:
        channel.send(b"Q", b"{}")
    except BaseException as error:  # the pupil's code can raise anything
        signal.setitimer(signal.ITIMER_REAL, 0)
        described = errors.describe(error, os.path.abspath(path))
        print(f"kodefag.games.live: {type(error).__name__}: {error}", file=sys.stderr)
        channel.send(b"E", json.dumps(described).encode())
    finally:
        if game is not None:
            _send_state(game, channel)


def play(game, inbox, channel):
    period = 1 / UPDATES_PER_SECOND
    next_step = time.monotonic()
    held = set()
    while True:
        if _handle_input(game, inbox, held) == "stop":
            return
        signal.setitimer(signal.ITIMER_REAL, STEP_BUDGET)
        game.step(period)
        signal.setitimer(signal.ITIMER_REAL, 0)
        if game.frame % FRAME_EVERY == 0:
            channel.send(b"F", _jpeg(game))
        if game.frame % STATE_EVERY == 0:
            _send_state(game, channel)
        next_step += period
        delay = next_step - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        elif delay < -0.25:  # far behind (slow game, busy machine): don't try to catch up
            next_step = time.monotonic()


def _handle_input(game, inbox, held):
    while True:
        try:
            message = inbox.get_nowait()
        except queue.Empty:
            return None
        if message.get("stop"):
            return "stop"
        try:
            if "down" in message and message["down"] not in held:
                held.add(message["down"])
                name = message["down"]
                game.key_down(key_code(name), unicode=key_text(name))
            elif "up" in message and message["up"] in held:
                held.discard(message["up"])
                game.key_up(key_code(message["up"]))
            elif message.get("release_all"):
                for name in list(held):
                    game.key_up(key_code(name))
                held.clear()
            elif "mouse_down" in message:
                game.mouse_down(message["mouse_down"], message.get("button", 1))
            elif "mouse_up" in message:
                game.mouse_up(message["mouse_up"], message.get("button", 1))
            elif "mouse_move" in message:
                game.mouse_move(message["mouse_move"])
        except SetupError:
            continue  # a key Pygame Zero has no name for


def _jpeg(game):
    import pygame

    buffer = io.BytesIO()
    pygame.image.save(game.surface, buffer, "frame.jpg")
    return buffer.getvalue()


def _send_state(game, channel):
    try:
        state = game.state()
        state["frames"] = game.frame
        channel.send(b"S", json.dumps(state).encode())
    except (BaseException) as error:  # a broken pipe when the notebook has gone
        print(f"kodefag.games.live: state not sent: {error}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
