"""Bad input everywhere gets a Danish message and never a traceback."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kodefag.microbit.check import check_source, has_errors
from kodefag.microbit.simulator import simulate

KODEFAG = str(Path(sys.executable).with_name("kodefag"))

BAD = {
    "syntax": b"from microbit import *\nwhile True\n    sleep(100)\n",
    "fstring": b"from microbit import *\nnavn = 'Bo'\ndisplay.scroll(f'Hej {navn}')\n",
    "unknown_api": b"from microbit import *\ndisplay.scrol('hej')\n",
    "too_large": b"from microbit import *\n" + b"display.scroll('abcdefghijklmnopqrstuvwxyz0123456789')\n" * 700,
    "binary": bytes(range(256)) * 8,
    "latin1": "navn = 'Søren'\nprint(navn)\n".encode("latin-1"),
    "hexfile": b":020000040000FA\n:10000000004000201D6F0100396F01003B6F01000B\n",
    "empty": b"",
    "deep": b"x = " + b"(" * 300 + b"1" + b")" * 300 + b"\n",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_check_and_build_cli_answer_in_danish(tmp_path, name):
    program = tmp_path / "main.py"
    program.write_bytes(BAD[name])
    for command in (["check"], ["build", "-o", str(tmp_path / "out.hex")]):
        result = subprocess.run([KODEFAG, "microbit", *command, str(program)], capture_output=True, text=True)
        output = result.stdout + result.stderr
        assert "Traceback" not in output, output
        if name != "empty":
            assert result.returncode == 1, (command, output)
            assert any(word in output for word in ("linje", "Fejl", "fejl", "kan ikke", "binære", "hex")), output


def test_empty_program_is_fine_but_not_a_hex(tmp_path):
    program = tmp_path / "main.py"
    program.write_text("")
    result = subprocess.run([KODEFAG, "microbit", "build", str(program), "-o", str(tmp_path / "o.hex")],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "tom" in result.stderr


@pytest.mark.parametrize("source,words", [
    ("def f():\n    return f()\nf()\n", "for mange gange"),
    ("while True:\n    print('x' * 100)\n", "for meget"),
    ("import os\nos.system('ls')\n", "linje 2"),
    ("import _thread\n", "findes ikke"),
    ("x = ' ' * (10 ** 10)\n", "hukommelse"),
    ("raise KeyboardInterrupt\n", "linje 1"),
])
def test_hostile_programs_in_the_simulator(source, words):
    trace = simulate(source, seconds=3, wall_seconds=2)
    assert words in trace["error"], trace["error"]


def test_sys_exit_stops_like_on_the_board():
    trace = simulate("import sys\nprint('før')\nsys.exit()\nprint('efter')\n", seconds=2)
    assert trace["serial"] == "før\n" and "sys.exit" in trace["error"] and "linje 3" in trace["error"]
    assert trace["traceback"].endswith("SystemExit: ")


def test_never_sleeping_program_warns_and_still_simulates():
    source = "from microbit import *\nwhile True:\n    display.show(Image.HAPPY)\n"
    problems = check_source(source)
    assert not has_errors(problems) and "sleep" in problems[0].message
    assert simulate(source, seconds=2)["ms"] == 2000


def test_run_cli_with_junk_and_bad_options(tmp_path):
    junk = tmp_path / "junk.py"
    junk.write_bytes(BAD["binary"])
    result = subprocess.run([KODEFAG, "microbit", "run", str(junk), "--json"], capture_output=True, text=True)
    assert result.returncode == 1 and "binære" in result.stderr and "Traceback" not in result.stderr
    good = tmp_path / "main.py"
    good.write_text("print(1)\n")
    result = subprocess.run([KODEFAG, "microbit", "run", str(good), "--press", "knap@nu"], capture_output=True, text=True)
    assert result.returncode == 1 and "Kan ikke forstå" in result.stderr
    result = subprocess.run([KODEFAG, "microbit", "run", str(good), "--json"], capture_output=True, text=True)
    assert json.loads(result.stdout)["serial"] == "1\n"


def test_unwritable_output_is_reported_in_danish(tmp_path):
    program = tmp_path / "main.py"
    program.write_text("print('hej')\n")
    result = subprocess.run([KODEFAG, "microbit", "build", str(program), "-o", str(tmp_path / "mangler" / "x.hex")],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "findes ikke" in result.stderr and "Traceback" not in result.stderr
