"""Helpers for the games tests: small games written into a temporary folder."""
import textwrap
import zlib
import struct

import pytest


def tiny_png(width=20, height=20, rgb=(200, 30, 30)):
    """A solid-colour PNG, written without pygame so the test process stays light."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture
def make_game(tmp_path):
    """make_game(source, images=("spiller",)) -> path of spil.py in a folder with images/."""

    def make(source, images=("spiller",), name="spil.py"):
        (tmp_path / "images").mkdir(exist_ok=True)
        for image in images:
            (tmp_path / "images" / f"{image}.png").write_bytes(tiny_png())
        path = tmp_path / name
        path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
        return path

    return make


@pytest.fixture
def png():
    """png(rgb=(r, g, b)) -> bytes of a small solid-colour PNG."""
    return tiny_png


@pytest.fixture
def mover():
    """Source of a small game: arrow keys, SPACE adds a point and a shot, mouse moves the player."""
    return MOVER


MOVER = """
    WIDTH = 400
    HEIGHT = 300
    spiller = Actor("spiller", (100, 150))
    point = 0
    tal = [1, 2, 3]
    navn = "Ida"
    skud = []

    def update():
        if keyboard.right:
            spiller.x += 2

    def on_key_down(key):
        global point
        if key == keys.SPACE:
            point += 1
            skud.append(Actor("spiller", (spiller.x, 10)))

    def on_mouse_down(pos, button):
        spiller.pos = pos

    def draw():
        screen.clear()
        spiller.draw()
"""
