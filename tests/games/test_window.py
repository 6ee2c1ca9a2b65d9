"""The school tier's real window: TigerVNC + pgzrun, keys sent over the VNC protocol, clean stop."""
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

def update():
    if keyboard.right:
        spiller.x += 2
    with open("x.txt", "w") as out:
        out.write(str(spiller.x))

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


def read_x(folder, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return float((folder / "x.txt").read_text())
        except (OSError, ValueError):
            time.sleep(0.1)
    raise AssertionError("the game never wrote its state")


def test_game_in_a_vnc_window_takes_keys_and_stops_cleanly(make_game):
    game = make_game(GAME)
    session = WindowSession(game, geometry="640x480").start()
    try:
        groups = session.process_groups
        start = read_x(game.parent)
        assert start == 50
        client = VncClient(session.port)
        assert client.size == (640, 480)
        client.key(RIGHT, True)
        time.sleep(0.7)
        client.key(RIGHT, False)
        time.sleep(0.3)
        moved = read_x(game.parent)
        assert moved > start + 20
        time.sleep(0.3)
        assert read_x(game.parent) == moved  # released
        client.close()
        assert all(_pgid(group) == group for group in groups) and len(groups) == 2  # X server, game
    finally:
        session.stop()
    time.sleep(0.2)
    assert [p.pid for p in psutil.process_iter() if _pgid(p.pid) in groups and p.status() != "zombie"] == []


def _pgid(pid):
    import os

    try:
        return os.getpgid(pid)
    except (ProcessLookupError, PermissionError):
        return None
