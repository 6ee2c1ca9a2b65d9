"""The school tier's real window: TigerVNC + pgzrun, keys sent over the VNC protocol, clean stop."""
import os
import shutil
import socket
import struct
import time

import psutil
import pytest

from kodefag.games.window import WindowSession

pytestmark = pytest.mark.skipif(shutil.which("Xtigervnc") is None,
                                reason="needs Debian's tigervnc-standalone-server (installed by .ci/run)")

GAME = """
WIDTH = 300
HEIGHT = 200
spiller = Actor("spiller", (50, 100))
frames = 0

def update():
    global frames
    frames += 1
    if keyboard.right:
        spiller.x += 2
    with open("x.txt", "w") as out:
        out.write(f"{spiller.x} {frames}")

def draw():
    screen.fill((0, 0, 80))
    spiller.draw()
"""
RIGHT = 0xFF53  # X keysym of the right arrow


class VncClient:
    """Just enough of RFB 3.8 to log in without a password and send key events."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        version = self._read(12)
        assert version.startswith(b"RFB 003."), version
        self.sock.sendall(b"RFB 003.008\n")
        count = self._read(1)[0]
        assert 1 in self._read(count)  # security type None is offered
        self.sock.sendall(b"\x01")
        assert self._read(4) == b"\x00\x00\x00\x00"
        self.sock.sendall(b"\x01")  # ClientInit: shared
        width, height = struct.unpack(">HH", self._read(4))
        self._read(16)
        self._read(struct.unpack(">I", self._read(4))[0])
        self.size = (width, height)

    def _read(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            assert chunk, "VNC server closed the connection"
            data += chunk
        return data

    def key(self, keysym, down):
        self.sock.sendall(struct.pack(">BBxxI", 4, 1 if down else 0, keysym))

    def close(self):
        self.sock.close()


def read_state(folder) -> tuple[float, int] | None:
    """(the player's x, frames drawn so far) as the game last wrote them, or None before its first frame."""
    try:
        x, frames = (folder / "x.txt").read_text().split()
        return float(x), int(frames)
    except (OSError, ValueError):
        return None


def wait_for_state(folder, condition, timeout=30) -> tuple[float, int]:
    """The game's state once ``condition(x, frames)`` holds (the game runs at its own pace)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = read_state(folder)
        if state is not None and condition(*state):
            return state
        time.sleep(0.05)
    raise AssertionError(f"the game never reached the state; last {read_state(folder)}")


def test_game_in_a_vnc_window_takes_keys_and_stops_cleanly(make_game):
    game = make_game(GAME)
    session = WindowSession(game, geometry="640x480").start()
    try:
        groups = session.process_groups
        start, _ = wait_for_state(game.parent, lambda x, frames: True)
        assert start == 50
        client = VncClient(session.port)
        assert client.size == (640, 480)
        client.key(RIGHT, True)
        wait_for_state(game.parent, lambda x, frames: x > start + 20)  # held: the player walks
        client.key(RIGHT, False)
        _, released_at = wait_for_state(game.parent, lambda x, frames: True)
        stopped, seen_at = wait_for_state(game.parent, lambda x, frames: frames >= released_at + 5)
        later, _ = wait_for_state(game.parent, lambda x, frames: frames >= seen_at + 10)
        assert later == stopped  # released: ten frames later the player has not moved
        client.close()
        assert all(_pgid(group) == group for group in groups) and len(groups) == 2  # X server, game
    finally:
        session.stop()
    assert _left_in(groups, timeout=5) == []


def _left_in(groups, timeout) -> list[int]:
    """Live processes still in the session's process groups, once none are left or at the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        left = [p.pid for p in psutil.process_iter() if _pgid(p.pid) in groups and p.status() != "zombie"]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def _pgid(pid):
    try:
        return os.getpgid(pid)
    except (ProcessLookupError, PermissionError):
        return None
