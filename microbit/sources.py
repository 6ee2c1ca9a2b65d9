"""Reading pupils' source files safely.

A pupil may hand in anything: a .hex, a picture, a Word file. Everything that
reads a "program" goes through :func:`read_source` so that binary junk becomes
one clear Danish message instead of a UnicodeDecodeError traceback.
"""
from __future__ import annotations

from pathlib import Path

#: no pupil program is this large; protects the checker and simulator
MAX_SOURCE_BYTES = 256 * 1024


class SourceError(Exception):
    """The file is not a Python program we can read; the message is Danish."""


def decode_source(data: bytes, name: str = "main.py") -> str:
    """Text of a pupil's program, or SourceError with a Danish explanation."""
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"{name} er alt for stor ({len(data)} bytes) til at være et micro:bit-program.")
    if data.startswith(b":020000040000FA") or data.startswith(b":10"):
        raise SourceError(f"{name} er en .hex-fil, ikke et Python-program. Vælg din .py-fil i stedet.")
    if b"\x00" in data:
        raise SourceError(f"{name} er ikke en tekstfil med Python-kode (den indeholder binære data).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(
            f"{name} kan ikke læses som tekst (UTF-8). Er det den rigtige fil? Gem programmet som en .py-fil."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path) -> str:
    """Read and decode a pupil's .py file (see :func:`decode_source`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"Filen {path.name} findes ikke.") from None
    except IsADirectoryError:
        raise SourceError(f"{path.name} er en mappe, ikke en fil.") from None
    except OSError as error:
        raise SourceError(f"Filen {path.name} kan ikke læses ({error.strerror}).") from None
    return decode_source(data, path.name)


def danish_os_error(error: OSError) -> str:
    """A short Danish reason for a file-system error (the OS's own text is English)."""
    import errno

    return {
        errno.ENOENT: "mappen eller filen findes ikke",
        errno.EACCES: "ingen adgang",
        errno.EPERM: "ingen adgang",
        errno.ENOSPC: "der er ikke mere plads",
        errno.EROFS: "drevet er skrivebeskyttet",
        errno.EISDIR: "det er en mappe",
        errno.ENOTDIR: "en del af stien er ikke en mappe",
    }.get(error.errno, "filsystemet gav en fejl")
