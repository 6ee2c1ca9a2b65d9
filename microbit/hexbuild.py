"""Building micro:bit .hex files with the official MicroPython runtimes.

The runtimes (V1 1.1.x, V2 2.1.x) come from ``micropython-microbit-fs``, the
Universal Hex format from ``universal-hex``. Going through those libraries for
every build re-parses a 600 KB runtime hex twice and re-converts it into
Universal Hex sections (about half a second), and merely importing them costs
a new ``kodefag microbit build`` process more than uflash's whole build. So
``make install`` prepares each runtime once with the libraries
(kodefag.microbit.runtimes) into ``microbit/firmware/``, and this module, with
the standard library only, encodes just what changes: the pupil's files in the
filesystem region, as MicroPython's filesystem chunks and Intel Hex records.
The tests check that the result equals the libraries' own path.

The prepared metadata (and the API index in kodefag.microbit.stubs) is stored
with :mod:`marshal`, Python's own format for cached data: it is built into the
interpreter, so reading it costs a new process nothing to import, where
:mod:`json` costs more than the rest of a build. It is a cache that
``make install`` writes for this Python; anything it cannot read is prepared
again.
"""
from __future__ import annotations

import marshal
import os
from functools import lru_cache
from pathlib import Path

TARGETS = ("universal", "v1", "v2")
#: where ``make install`` puts the prepared runtimes (see kodefag.microbit.runtimes)
FIRMWARE_DIR = Path(__file__).resolve().parent / "firmware"
#: bump when the prepared files change form
SCHEMA = 5

# MicroPython's filesystem on the micro:bit: 128-byte chunks, a marker byte, 126 data bytes, a tail byte
CHUNK_SIZE = 128
CHUNK_DATA_SIZE = 126
FILE_START = 0xFE
PERSISTENT_DATA = 0xFD
MAX_FILENAME_LENGTH = 120

# Intel Hex records and the Universal Hex extension (https://tech.microbit.org/software/spec-universal-hex/)
DATA, EXTENDED_LINEAR_ADDRESS, BLOCK_END, PADDED_DATA, CUSTOM_DATA = 0x00, 0x04, 0x0B, 0x0C, 0x0D
EOF_RECORD = ":00000001FF"
BLOCK_SIZE = 512
RECORD_BYTES = 16
V1, V2 = 0x9900, 0x9903  # Universal Hex board ids


class BuildError(Exception):
    """A build that cannot be done; the message is Danish, for pupils and teachers."""


class Runtime:
    """One official MicroPython runtime's filesystem layout, as prepared by kodefag.microbit.runtimes."""

    def __init__(self, version: int, label: str, fs_start: int, last_page: int, free_chunks: list[int],
                 data_field_length: int):
        self.version = version  # 1 or 2
        self.label = label  # e.g. "1.1.1"
        self.fs_start = fs_start  # address of filesystem chunk 1
        self.last_page = last_page  # the persistent page's address (its first byte marks it)
        self.free_chunks = free_chunks  # 1-based chunk indices
        self.data_field_length = data_field_length  # for Universal Hex padding

    def __eq__(self, other) -> bool:
        return isinstance(other, Runtime) and vars(self) == vars(other)

    @property
    def board_id(self) -> int:
        return V1 if self.version == 1 else V2

    @property
    def capacity(self) -> int:
        """Bytes of file data the filesystem can hold (upper bound)."""
        return len(self.free_chunks) * CHUNK_DATA_SIZE


#: the hex parts of a prepared runtime, each a plain text file (loading 40 000 records from JSON is slower):
#: its records without the EoF record, one per line (an Intel Hex build starts with them), and the
#: same converted into the start of its Universal Hex section
HEX_PARTS = ("intel_hex", "section_start")


def metadata_file(folder: Path, version: int) -> Path:
    return folder / f"v{version}.marshal"


def hex_file(folder: Path, version: int, part: str) -> Path:
    return folder / f"v{version}.{part}.hex"


def write_atomically(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write a prepared file whole or not at all: a process may be reading (or running) it."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.chmod(mode)
    tmp.replace(path)


def write_prepared(path: Path, data) -> None:
    """Store prepared data (plain dicts, lists, strings and numbers), see :func:`write_atomically`."""
    write_atomically(path, marshal.dumps(data))


def read_prepared(path: Path):
    """Prepared data as :func:`write_prepared` stored it; ValueError if the file is not such data."""
    try:
        return marshal.loads(path.read_bytes())
    except (EOFError, TypeError) as error:
        raise ValueError(f"{path.name} is not prepared data") from error


def load_runtime(folder: Path, version: int) -> Runtime:
    data = read_prepared(metadata_file(folder, version))
    if not isinstance(data, dict) or data.pop("schema", None) != SCHEMA:
        raise ValueError("prepared for another schema")
    return Runtime(**data)


def not_prepared(error: Exception) -> RuntimeError:
    return RuntimeError(f"The micro:bit runtimes are not prepared in {FIRMWARE_DIR} ({error}): "
                        "run `make install` (or python -m kodefag.microbit.runtimes).")


@lru_cache(maxsize=None)
def runtime(version: int) -> Runtime:
    """The bundled official runtime for V1 or V2, as ``make install`` prepared it (read once per process)."""
    try:
        return load_runtime(FIRMWARE_DIR, version)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise not_prepared(error) from error


@lru_cache(maxsize=None)
def hex_part(version: int, part: str) -> bytes:
    """One of HEX_PARTS of a prepared runtime, ASCII text as bytes (read once per process, only the
    part a build needs)."""
    try:
        return hex_file(FIRMWARE_DIR, version, part).read_bytes()
    except OSError as error:
        raise not_prepared(error) from error


# ------------------------------------------------------------------ records
def record(kind: int, address: int, data: bytes) -> str:
    """One Intel Hex record (upper-case hex, as universal-hex and intelhex write them)."""
    content = bytes((len(data), (address >> 8) & 0xFF, address & 0xFF, kind)) + data
    return f":{content.hex().upper()}{(-sum(content)) & 0xFF:02X}"


def as_section_record(line: str, board_id: int) -> str | None:
    """A data or address record as it appears inside a Universal Hex section (as universal-hex does)."""
    kind = int(line[7:9], 16)
    if kind == DATA:
        if board_id == V1:
            return line
        return record(CUSTOM_DATA, int(line[3:7], 16), bytes.fromhex(line[9:-2]))
    if kind == EXTENDED_LINEAR_ADDRESS:
        return line
    return None


class StorageFull(Exception):
    """The files do not fit in the filesystem's free chunks."""


def _file_chunks(name: str, content: bytes, free: list[int]) -> tuple[list[tuple[int, bytes]], int]:
    """A file as MicroPython's filesystem stores it: (chunk index, 128 bytes) each, and chunks used.

    Chunk 1 starts with the FILE_START marker, the others with the previous chunk's index; the
    data stream is [end offset, name length, name, content, 0xFF]; the tail byte is the next chunk.
    """
    encoded = name.encode("utf-8")
    if not content:
        raise BuildError(f"Filen '{name}' kan ikke lægges på micro:bit: filen er tom.")
    if len(encoded) > MAX_FILENAME_LENGTH:
        raise BuildError(f"Filen '{name}' kan ikke lægges på micro:bit: filnavnet er for langt.")
    if not encoded:
        raise BuildError("En fil uden navn kan ikke lægges på micro:bit.")
    header = bytes(((2 + len(encoded) + len(content)) % CHUNK_DATA_SIZE, len(encoded))) + encoded
    stream = header + content + b"\xff"
    needed = -(-len(stream) // CHUNK_DATA_SIZE)
    if needed > len(free):
        raise StorageFull
    used = free[:needed]
    chunks = []
    for i, index in enumerate(used):
        marker = FILE_START if i == 0 else used[i - 1]
        tail = used[i + 1] if i + 1 < needed else 0xFF
        data = stream[i * CHUNK_DATA_SIZE:(i + 1) * CHUNK_DATA_SIZE].ljust(CHUNK_DATA_SIZE, b"\xff")
        chunks.append((index, bytes((marker,)) + data + bytes((tail,))))
    return chunks, needed


def _file_records(rt: Runtime, files: dict[str, bytes]) -> list[str]:
    """Hex records that put ``files`` into the runtime's filesystem region, in address order."""
    free = rt.free_chunks
    memory: list[tuple[int, bytes]] = []
    for name, content in files.items():
        try:
            chunks, used = _file_chunks(name, content, free)
        except StorageFull:
            raise BuildError(
                f"Programmet er for stort til filsystemet på micro:bit V{rt.version} "
                f"(plads til ca. {rt.capacity} bytes). Gør programmet kortere."
            ) from None
        memory += [(rt.fs_start + (index - 1) * CHUNK_SIZE, data) for index, data in chunks]
        free = free[used:]
    memory.append((rt.last_page, bytes((PERSISTENT_DATA,))))
    records, high = [], None
    for address, data in sorted(memory):
        for offset in range(0, len(data), RECORD_BYTES):
            at = address + offset
            if at >> 16 != high:
                high = at >> 16
                records.append(record(EXTENDED_LINEAR_ADDRESS, 0, high.to_bytes(2, "big")))
            records.append(record(DATA, at & 0xFFFF, data[offset:offset + RECORD_BYTES]))
    return records


def _lines(records: list[str]) -> bytes:
    return "".join(record + "\n" for record in records).encode("ascii")


def _intel_hex(rt: Runtime, file_records: list[str]) -> list[bytes]:
    return [hex_part(rt.version, "intel_hex"), _lines([*file_records, EOF_RECORD])]


def _section(rt: Runtime, file_records: list[str]) -> list[bytes]:
    """The runtime plus files as one 512-byte aligned Universal Hex section (in two parts).

    Same output as ``universal_hex.create_uhex`` gives for the whole hex, but the
    runtime part was converted once, at install.
    """
    extra = [c for c in (as_section_record(r, rt.board_id) for r in file_records) if c is not None]
    block_end = record(BLOCK_END, 0, b"")
    start = hex_part(rt.version, "section_start")
    length = len(start) + sum(len(r) + 1 for r in extra) + len(block_end) + 1
    padding: list[str] = []
    no_data_len = len(record(PADDED_DATA, 0, b"")) + 1
    capacity_chars = rt.data_field_length * 2
    needed = (BLOCK_SIZE - length % BLOCK_SIZE) % BLOCK_SIZE
    while needed > capacity_chars:
        padded = record(PADDED_DATA, 0, b"\xff" * min((needed - no_data_len) >> 1, rt.data_field_length))
        padding.append(padded)
        length += len(padded) + 1
        needed = (BLOCK_SIZE - length % BLOCK_SIZE) % BLOCK_SIZE
    return [start, _lines([*extra, *padding, record(BLOCK_END, 0, b"\xff" * (needed >> 1))])]


def normalise_files(files) -> dict[str, bytes]:
    """Accept {name: str|bytes} or [(name, str|bytes)]; main.py first."""
    items = files.items() if isinstance(files, dict) else files
    result: dict[str, bytes] = {}
    for name, content in items:
        if name in result:
            raise BuildError(f"Filen '{name}' er med to gange.")
        result[name] = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    if "main.py" not in result:
        raise BuildError("Der mangler en main.py - det er den, micro:bit kører.")
    return result


def hex_parts(files, target: str = "universal") -> list[bytes]:
    """A .hex (Universal Hex by default) with ``files`` in the filesystem, as ASCII parts in order.

    ``files`` maps file names to source text; ``main.py`` is the program the
    micro:bit runs at start, other files are modules it can import. The parts
    are the prepared runtimes (most of the 1.9 MB) and what goes between and
    after them: writing them one after another spares a new process copying
    the whole .hex into one string and encoding it again (see :func:`write_hex`).
    """
    if target not in TARGETS:
        raise BuildError(f"Ukendt mål '{target}'. Vælg universal, v1 eller v2.")
    files = normalise_files(files)
    versions = {"universal": (1, 2), "v1": (1,), "v2": (2,)}[target]
    if target != "universal":
        rt = runtime(versions[0])
        return _intel_hex(rt, _file_records(rt, files))
    sections = [part for v in versions for part in _section(runtime(v), _file_records(runtime(v), files))]
    return [*sections, _lines([EOF_RECORD])]


def build_hex(files, target: str = "universal") -> str:
    """The .hex of :func:`hex_parts` as one string."""
    return b"".join(hex_parts(files, target)).decode("ascii")


def write_hex(files, path: Path, target: str = "universal") -> None:
    """Build the .hex of :func:`hex_parts` into the file ``path`` (BuildError before anything is written)."""
    parts = hex_parts(files, target)
    with open(path, "wb") as output:
        output.writelines(parts)


def capacity(target: str = "universal") -> int:
    """Bytes of pupil files the target can hold (the smaller half for universal)."""
    versions = {"universal": (1, 2), "v1": (1,), "v2": (2,)}[target]
    return min(runtime(v).capacity for v in versions)
