"""Broken games end in bounded time with a Danish message naming the pupil's line."""
import time

import pytest

from kodefag.games.runner import run_game


def run(make_game, source, **options):
    started = time.monotonic()
    result = run_game(make_game(source), frames=options.pop("frames", 30), **options)
    return result, time.monotonic() - started


def test_missing_image_names_the_image_and_line(make_game):
    result, _ = run(make_game, """
        WIDTH = 300
        spiller = Actor("spiller")
        kat = Actor("kat")
    """)
    assert result["error_line"] == 3
    assert "kan ikke finde billedet 'kat'" in result["error"]
    assert "Linje 3: kat = Actor(\"kat\")" in result["error"] and "images" in result["error"]


def test_exception_in_update_names_line_and_function(make_game):
    result, _ = run(make_game, """
        point = 0
        def update():
            global point
            point += 1
            if point == 10:
                print(point / 0)
    """)
    assert result["frames"] == 9
    assert result["error_line"] == 6
    assert "Linje 6 (i update()): print(point / 0)" in result["error"]
    assert "dividerer med 0" in result["error"]


def test_exception_in_draw(make_game):
    result, _ = run(make_game, """
        def draw():
            screen.draw.text("Point: " + 3, (10, 10))
    """)
    assert result["error_line"] == 2 and "i draw()" in result["error"]
    assert "str(" in result["error"]


def test_forgotten_global_explains_global(make_game):
    result, _ = run(make_game, """
        point = 0
        def update():
            point = point + 1
    """)
    assert result["error_line"] == 3
    assert "global point" in result["error"]


def test_update_that_never_returns_is_stopped_with_its_line(make_game):
    result, elapsed = run(make_game, """
        x = 0
        def update():
            global x
            while x < 10:
                pass
    """, run_timeout=0.5)
    assert elapsed < 10
    assert result["error_line"] in (4, 5)
    assert "aldrig færdigt" in result["error"] and "while" in result["error"]


def test_loop_that_swallows_exceptions_is_still_killed(make_game):
    result, elapsed = run(make_game, """
        def update():
            while True:
                try:
                    while True:
                        pass
                except BaseException:
                    pass
    """, run_timeout=0.5)
    assert elapsed < 15
    assert "aldrig færdigt" in result["error"]


def test_game_that_quits_at_once_is_not_an_error(make_game):
    result, elapsed = run(make_game, """
        point = 5
        exit()
    """)
    assert result["ended"] is True and result["error"] is None and result["frames"] == 0
    assert elapsed < 10


def test_game_that_quits_in_update(make_game):
    result, _ = run(make_game, """
        import sys
        n = 0
        def update():
            global n
            n += 1
            if n == 3:
                sys.exit()
    """)
    assert result["ended"] is True and result["error"] is None
    assert result["frames"] == 2 and result["globals"]["n"] == 3


@pytest.mark.parametrize(
    "source, line, hint",
    [
        ("x = 1\nif x == 1\n    x = 2\n", 2, "kolon"),
        ("x = (1 +\n", 1, "parentes"),
        ("def update():\nx = 1\n", 2, "rykkes ind"),
        ("tekst = 'hej\n", 1, "anførselstegn"),
    ],
)
def test_syntax_errors_name_line_and_fix(make_game, source, line, hint):
    result, _ = run(make_game, source)
    assert result["error_line"] == line
    assert f"Linje {line}" in result["error"] and hint in result["error"]


def test_unknown_name(make_game):
    result, _ = run(make_game, "def update():\n    spillr.x += 1\n")
    assert result["error_line"] == 2 and "'spillr'" in result["error"]


def test_memory_hog_is_stopped(make_game):
    result, elapsed = run(make_game, """
        data = []
        def update():
            data.append(bytearray(3 * 1024 ** 3))
    """)
    assert elapsed < 15
    assert result["error"] and "hukommelse" in result["error"]


def test_print_output_does_not_break_the_result(make_game):
    result, _ = run(make_game, 'print("{\\"results\\": []}")\nx = 1\n')
    assert result["error"] is None and result["globals"]["x"] == 1


def test_giant_window_is_refused_kindly(make_game):
    result, _ = run(make_game, "WIDTH = 100000\nHEIGHT = 100000\n")
    assert "WIDTH og HEIGHT skal være tal" in result["error"]


def test_misspelled_handler_parameter(make_game):
    result, _ = run(make_game, "def on_key_down(kye):\n    pass\n")
    assert result["error"] == "on_key_down() kan ikke have 'kye' i parentesen. Mente du 'key'?"


def test_file_not_saved_as_utf8(tmp_path):
    game = tmp_path / "spil.py"
    game.write_bytes('navn = "Søren"\n'.encode("latin-1"))
    result = run_game(game, frames=3)
    assert "UTF-8" in result["error"]


def test_pgzrun_go_at_the_end_is_harmless(make_game):
    result, _ = run(make_game, """
        import pgzrun
        n = 0
        def update():
            global n
            n += 1
        pgzrun.go()
    """, frames=10)
    assert result["error"] is None and result["globals"]["n"] == 10


def test_game_that_closes_its_result_pipe_and_loops_still_ends(make_game):
    result, elapsed = run(make_game, """
        import os
        os.closerange(3, 256)
        while True:
            pass
    """, run_timeout=0.5)
    assert elapsed < 15
    assert result["error"]


def test_windows_notepad_file_with_bom_and_crlf_runs(tmp_path):
    game = tmp_path / "spil.py"
    game.write_bytes("\ufeffnavn = 'Søren'\r\ntal = 3\r\n".encode("utf-8"))
    result = run_game(game, frames=2)
    assert result["error"] is None and result["globals"]["navn"] == "Søren"
