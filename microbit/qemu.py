"""Running a program on the real micro:bit V1 firmware under QEMU.

Debian's ``qemu-system-arm -M microbit`` emulates the nRF51 of a V1 board well
enough to boot the official MicroPython runtime: main.py runs from the
filesystem and ``print`` output arrives on the serial port. There are no LEDs,
buttons or radio, and ``sleep`` takes real time. Used by the tests to prove a
built hex runs and that the simulator prints what real MicroPython prints.
"""
from __future__ import annotations

import io
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time

from intelhex import IntelHex

from kodefag.microbit.hexbuild import build_hex
from kodefag.microbit.runtimes import split_universal

QEMU = "qemu-system-arm"
REPL_PROMPT = b">>> "
#: the last line of a MicroPython traceback; after it the board scrolls the error (slow), so stop there
TRACEBACK_END = re.compile(rb"Traceback \(most recent call last\):\r?\n(?:  .*\r?\n)*[A-Za-z]\w*(?:: [^\r\n]*)?\r?\n"
                           rb"|MemoryError[^\r\n]*\r?\n")  # compiling main.py ran out of heap


def available() -> bool:
    return shutil.which(QEMU) is not None


def v1_binary(hex_text: str, path: str) -> None:
    """The V1 half of a (Universal) hex as a flat 256 KB flash image."""
    v1 = split_universal(hex_text)[1]
    IntelHex(io.StringIO(v1)).tobinfile(path, start=0, end=0x3FFFF)


def run_hex_on_v1(hex_text: str, timeout: float = 10.0, until: bytes | None = None) -> str:
    """Boot the V1 firmware with this hex; return what was printed before the REPL started.

    Stops when the program ends (the REPL banner appears), when ``until`` appears
    in the output, or after ``timeout`` seconds (endless lesson programs).
    """
    with tempfile.TemporaryDirectory() as tmp:
        binary = os.path.join(tmp, "app.bin")
        v1_binary(hex_text, binary)
        process = subprocess.Popen(
            [QEMU, "-M", "microbit", "-kernel", binary, "-nographic", "-serial", "stdio", "-monitor", "none"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )
        output = b""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and REPL_PROMPT not in output:
                if until is not None and until in output:
                    break
                if TRACEBACK_END.search(output):
                    break
                ready, _, _ = select.select([process.stdout], [], [], 0.05)
                if ready:
                    chunk = os.read(process.stdout.fileno(), 65536)
                    if not chunk:
                        break
                    output += chunk
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    text = output.decode("utf-8", errors="replace").replace("\r", "").replace("\x00", "")
    return text.split("MicroPython v1.")[0]


def run_on_v1(files, timeout: float = 10.0, until: bytes | None = None) -> str:
    """Build ``files`` ({name: source}) for V1 and return the serial output."""
    return run_hex_on_v1(build_hex(files, "v1"), timeout=timeout, until=until)
