"""`kodefag microbit check`: Danish findings with line numbers, exit code by severity."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kodefag.microbit.check import ERROR, WARNING, check_files, check_source, compiles_for_v1, has_errors

KODEFAG = str(Path(sys.executable).with_name("kodefag"))
GOOD = "from microbit import *\nimport music\nwhile True:\n    if button_a.was_pressed():\n        display.scroll('Hej')\n    sleep(100)\n"


def _found(source, **kwargs):
    return {(p.line, p.severity): p.message for p in check_source(source, **kwargs)}


def test_a_fine_program_has_no_findings():
    assert check_source(GOOD) == []


@pytest.mark.parametrize("line,snippet,expected", [
    ("x = f'hej {1}'", "f-strenge", ERROR),
    ("if (n := 3) > 2:\n    pass", ":=", ERROR),
    ("x = 1_000", "understregning", ERROR),
])
def test_syntax_v1_cannot_run(line, snippet, expected):
    source = "from microbit import *\n" + line + "\n"
    found = _found(source)
    assert snippet in found[(2, expected)]
    assert not compiles_for_v1(source)


def test_newer_syntax_is_told_once_per_line_and_only_in_code():
    source = ("from microbit import *\nbredde = 3\ndisplay.scroll(f'{1:{bredde}}' + f'x')\n"
              "display.scroll('1_000')  # 2_000 i en kommentar\nx = 'æø' + str(10_0)\n")
    problems = [p for p in check_source(source) if p.severity == ERROR]
    assert [(p.line, "f-strenge" in p.message) for p in problems] == [(3, True), (5, False)]
    assert "(10_0)" in problems[1].message


@pytest.mark.parametrize("source,line,snippet", [
    ("from microbit import *\ndisplay.scrol('hej')\n", 2, "Mente du 'scroll'"),
    ("from microbit import *\n\ndisplay.show(Image.HARTE)\n", 3, "'HEART'"),
    ("from microbit import *\nbutton_a.was_presed()\n", 2, "'was_pressed'"),
    ("import requests\n", 1, "findes ikke på micro:bit"),
    ("from microbit import blink\n", 1, "blink"),
    ("import random\nrandom.shuffle([1])\n", 2, "shuffle"),
    ("sleep(100)\n", 1, "from microbit import *"),
    ("import microbit\nmicrobit.display.scrol('x')\n", 2, "scroll"),
])
def test_names_not_in_the_microbit_api(source, line, snippet):
    found = _found(source)
    assert snippet in found[(line, ERROR)]


def test_syntax_errors_in_danish():
    assert "kolon" in _found("while True\n    pass\n")[(1, ERROR)]
    assert "aldrig lukket" in _found("x = (1,\n")[(1, ERROR)]
    assert "indrykning" in _found("if True:\npass\n")[(2, ERROR)].lower()


def test_beginner_mistakes_are_warnings():
    busy = "from microbit import *\nwhile True:\n    display.show(Image.HEART)\n"
    assert "sleep" in _found(busy)[(2, WARNING)]
    forgot = "from microbit import *\nwhile True:\n    if button_a.is_pressed:\n        pass\n    sleep(10)\n"
    assert "()" in _found(forgot)[(3, WARNING)]
    helper = "from microbit import *\ndef vent():\n    sleep(10)\nwhile True:\n    vent()\n"
    assert check_source(helper) == []
    assert not has_errors(check_source(busy))


def test_too_large_and_modules():
    big = "from microbit import *\n" + "display.scroll('abcdefghijklmnopqrstuvwxyz')\n" * 800
    assert "for stort" in _found(big)[(1, ERROR)]
    files = {"main.py": "import hjaelper\nhjaelper.f()\n", "hjaelper.py": "def f():\n    return 1\n"}
    assert check_files(files) == []


def test_cli_exit_codes_and_json(tmp_path):
    good, bad, junk = tmp_path / "good.py", tmp_path / "bad.py", tmp_path / "junk.py"
    good.write_text(GOOD)
    bad.write_text("from microbit import *\nnavn = 'Bo'\ndisplay.scroll(f'Hej {navn}')\n")
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe" * 30)
    run = lambda *a: subprocess.run([KODEFAG, "microbit", "check", *map(str, a)], capture_output=True, text=True)
    assert run(good).returncode == 0
    result = run(bad)
    assert result.returncode == 1 and "linje 3" in result.stdout and "f-strenge" in result.stdout
    result = run(junk)
    assert result.returncode == 1 and "binære data" in result.stdout and "Traceback" not in result.stderr
    data = json.loads(run("--json", bad).stdout)
    assert data["ok"] is False and data["problems"][0]["line"] == 3


@pytest.mark.parametrize("call,snippet", [
    ("sleep('100')", "et tal, ikke en tekst"),
    ("accelerometer.get_x(1)", "for mange"),
    ("display.show()", "mangler en værdi"),
    ("display.scroll('x', speed=3)", "'speed='"),
    ("button_a.was_pressed(2)", "for mange"),
])
def test_calls_that_do_not_fit_the_api(call, snippet):
    found = _found("from microbit import *\n" + call + "\n")
    assert snippet in found[(2, ERROR)]


def test_calls_that_fit_the_api_pass():
    source = ("from microbit import *\nimport music, radio\ndisplay.scroll('hej', delay=80, wait=False)\n"
              "display.show(Image.HEART, 200, clear=True)\nradio.config(group=3, channel=7)\n"
              "music.play(music.NYAN, pin=pin0, wait=False, loop=True)\nx = scale(5, from_=(0, 10), to=(0, 100))\n"
              "args = [1, 1, 9]\ndisplay.set_pixel(*args)\nImage.HEART.shift_left(1)\n")
    assert check_source(source) == []


def test_danish_letters_on_the_display_are_a_warning():
    """"Søren" scrolls as "S?ren": the check says so, and how to spell it; printing æøå is fine."""
    source = ("from microbit import *\nnavn = 'Søren'\nwhile True:\n    display.scroll(navn)\n"
              "    display.show('Æble')\n    display.scroll('Hej ' + str(3))\n    print('Blåbær')\n    sleep(100)\n")
    found = _found(source)
    assert found == {
        (2, WARNING): "micro:bit's skærm kan ikke vise ø: \"Søren\" bliver vist som \"S?ren\". "
                      "Skriv fx \"Soeren\" (æ = ae, ø = oe, å = aa).",
        (5, WARNING): "micro:bit's skærm kan ikke vise Æ: \"Æble\" bliver vist som \"?ble\". "
                      "Skriv fx \"AEble\" (æ = ae, ø = oe, å = aa).",
    }
    # the simulator shows the same '?' the warning promises
    from kodefag.microbit.simulator.hardware import text_frames
    assert text_frames("S?ren") == text_frames("Søren")

def test_danish_letters_through_the_command(tmp_path):
    program = tmp_path / "navn.py"
    program.write_text("from microbit import *\ndisplay.scroll('Søren')\n", encoding="utf-8")
    result = subprocess.run([KODEFAG, "microbit", "check", str(program)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr  # a warning, not an error
    assert "linje 2: Advarsel: micro:bit's skærm kan ikke vise ø" in result.stdout and "S?ren" in result.stdout
    strict = subprocess.run([KODEFAG, "microbit", "check", "--strict", str(program)], capture_output=True, text=True)
    assert strict.returncode != 0
