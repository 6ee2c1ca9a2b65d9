"""Building micro:bit .hex files with the official MicroPython runtimes.

The runtimes (V1 1.1.x, V2 2.1.x) come from ``micropython-microbit-fs``, the
Universal Hex format from ``universal-hex``. Going through those libraries for
every build re-parses a 600 KB runtime hex twice and re-converts it into
Universal Hex sections (about half a second). A classroom builds the same
runtime again and again, so this module parses each runtime once per process
and only encodes what changes: the pupil's files in the filesystem region.
The file chunks themselves are laid out by the library's own functions, and
the tests check that the result equals the plain library path.
"""
from __future__ import annotations

import io
import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import micropython_microbit_fs as mfs
from intelhex import IntelHex
from micropython_microbit_fs import filesystem as fsmod
from micropython_microbit_fs.device_info import DeviceInfo, DeviceVersion
from micropython_microbit_fs.hex_utils import load_hex
from universal_hex import BoardId, IndividualHex, create_uhex, is_uhex, separate_uhex
from universal_hex import ihex
from universal_hex.uhex import BLOCK_SIZE

TARGETS = ("universal", "v1", "v2")
EOF_RECORD = ihex.eof_record()
_MFS_VERSION = mfs.__version__  # importlib.metadata would cost a new process more than the whole build
_SCHEMA = 3


class BuildError(Exception):
    """A build that cannot be done; the message is Danish, for pupils and teachers."""


@dataclass(frozen=True)
class Runtime:
    """One official MicroPython runtime, parsed once."""

    version: int  # 1 or 2
    label: str  # e.g. "1.1.1"
    device_info: DeviceInfo
    free_chunks: tuple[int, ...]
    data_field_length: int  # for Universal Hex padding
    #: the runtime's hex records without the EoF record, one per line (an Intel Hex build starts with it)
    intel_hex: str
    #: the runtime as the start of its Universal Hex section, one record per line
    section_start: str

    @property
    def board_id(self) -> int:
        return BoardId.V1 if self.version == 1 else BoardId.V2

    @property
    def capacity(self) -> int:
        """Bytes of file data the filesystem can hold (upper bound)."""
        return len(self.free_chunks) * fsmod.CHUNK_DATA_SIZE


#: the hex parts of a parsed runtime, each kept as a plain text file beside its metadata
_HEX_PARTS = ("intel_hex", "section_start")


def _cache_dir(version: int) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "kodefag" / f"microbit-runtime-v{version}-mfs{_MFS_VERSION}-{_SCHEMA}"


def _load_cached(version: int) -> Runtime | None:
    """The parsed runtime from a previous process, if it is there and intact."""
    folder = _cache_dir(version)
    try:
        data = json.loads((folder / "runtime.json").read_text())
        data["device_info"] = DeviceInfo(**{**data["device_info"],
                                            "device_version": DeviceVersion(data["device_info"]["device_version"])})
        data["free_chunks"] = tuple(data["free_chunks"])
        for part in _HEX_PARTS:
            data[part] = (folder / f"{part}.hex").read_text(encoding="ascii")
        return Runtime(**data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store_cached(rt: Runtime) -> None:
    data = asdict(rt)
    data["device_info"]["device_version"] = rt.device_info.device_version.value
    texts = {f"{part}.hex": data.pop(part) for part in _HEX_PARTS}
    texts["runtime.json"] = json.dumps(data)  # written last: it marks the folder complete
    folder = _cache_dir(rt.version)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            tmp = folder / f"{name}.{os.getpid()}.tmp"
            tmp.write_text(text, encoding="ascii")
            tmp.replace(folder / name)
    except OSError:
        pass  # a read-only home only costs speed


@lru_cache(maxsize=None)
def runtime(version: int) -> Runtime:
    """The bundled official runtime for V1 or V2, parsed once per process.

    The parsed form is also kept in the user's cache folder so that a new
    ``kodefag microbit build`` process does not parse 600 KB of hex again; the
    hex parts are plain text files there, because loading 40 000 records from
    JSON takes longer than the build itself.
    """
    cached = _load_cached(version)
    if cached is not None:
        return cached
    rt = _parse_runtime(version)
    _store_cached(rt)
    return rt


def _parse_runtime(version: int) -> Runtime:
    bundled = mfs.get_bundled_hex(version)
    text = bundled.content
    ih = load_hex(text)
    info = mfs.get_device_info(text)
    records = [r for r in ihex.split_ihex_into_records(text) if r != EOF_RECORD]
    board_id = BoardId.V1 if version == 1 else BoardId.V2
    prefix = _section_start(records, board_id)
    return Runtime(
        version=version,
        label=bundled.version,
        device_info=info,
        free_chunks=tuple(fsmod.get_free_chunks(ih, info)),
        data_field_length=ihex.find_data_field_length(text),
        intel_hex="".join(record + "\n" for record in records),
        section_start="".join(line + "\n" for line in prefix),
    )


def _convert(record: str, board_id: int) -> str | None:
    """One record as it appears inside a Universal Hex section (as universal-hex does)."""
    kind = ihex.get_record_type(record)
    if kind == ihex.RecordType.Data:
        if board_id == BoardId.V1:
            return record
        return ihex.convert_record_to(record, ihex.RecordType.CustomData)
    if kind == ihex.RecordType.ExtendedSegmentAddress:
        return ihex.convert_ext_seg_to_lin_address(record)
    if kind == ihex.RecordType.ExtendedLinearAddress:
        return record
    return None  # start address records are dropped in Universal Hex


def _section_start(records: list[str], board_id: int) -> list[str]:
    first = records[0]
    if ihex.get_record_type(first) == ihex.RecordType.ExtendedLinearAddress:
        lines, rest = [first], records[1:]
    else:
        lines, rest = [ihex.ext_lin_address_record(0)], records
    lines.append(ihex.block_start_record(board_id))
    lines.extend(c for c in (_convert(r, board_id) for r in rest) if c is not None)
    return lines


def _file_records(rt: Runtime, files: dict[str, bytes]) -> list[str]:
    """Hex records that put ``files`` into the runtime's filesystem region."""
    fs_start = fsmod.get_fs_start_address(rt.device_info)
    free = list(rt.free_chunks)
    ih = IntelHex()
    for name, content in files.items():
        try:
            chunks, used = fsmod.build_file_chunks(name, content, free)
        except mfs.StorageFullError as error:
            raise BuildError(
                f"Programmet er for stort til filsystemet på micro:bit V{rt.version} "
                f"(plads til ca. {rt.capacity} bytes). Gør programmet kortere."
            ) from error
        except mfs.InvalidFileError as error:
            raise BuildError(f"Filen '{name}' kan ikke lægges på micro:bit: {_danish_file_error(name, content)}") from error
        for index, data in chunks:
            address = fsmod.chunk_index_to_address(index, fs_start)
            ih.frombytes(data, offset=address)
        free = free[used:]
    ih[fsmod.get_last_page_address(rt.device_info)] = fsmod.ChunkMarker.PERSISTENT_DATA
    out = io.StringIO()
    ih.write_hex_file(out, write_start_addr=False)
    return [r for r in ihex.split_ihex_into_records(out.getvalue()) if r != EOF_RECORD]


def _danish_file_error(name: str, content: bytes) -> str:
    if not content:
        return "filen er tom."
    if len(name.encode()) > fsmod.MAX_FILENAME_LENGTH:
        return "filnavnet er for langt."
    return "filen er ikke gyldig."


def _intel_hex(rt: Runtime, file_records: list[str]) -> str:
    return rt.intel_hex + "\n".join([*file_records, EOF_RECORD]) + "\n"


def _section(rt: Runtime, file_records: list[str]) -> str:
    """The runtime plus files as one 512-byte aligned Universal Hex section.

    Same output as ``universal_hex.create_uhex`` gives for the whole hex, but the
    runtime part is converted once per process.
    """
    extra = [c for c in (_convert(r, rt.board_id) for r in file_records) if c is not None]
    length = len(rt.section_start) + sum(len(r) + 1 for r in extra)
    length += len(ihex.block_end_record(0)) + 1
    padding: list[str] = []
    no_data_len = len(ihex.padded_data_record(0)) + 1
    capacity_chars = rt.data_field_length * 2
    needed = (BLOCK_SIZE - length % BLOCK_SIZE) % BLOCK_SIZE
    while needed > capacity_chars:
        record = ihex.padded_data_record(min((needed - no_data_len) >> 1, rt.data_field_length))
        padding.append(record)
        length += len(record) + 1
        needed = (BLOCK_SIZE - length % BLOCK_SIZE) % BLOCK_SIZE
    lines = [*extra, *padding, ihex.block_end_record(needed >> 1)]
    return rt.section_start + "\n".join(lines) + "\n"


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


def build_hex(files, target: str = "universal") -> str:
    """Build a .hex (Universal Hex by default) with ``files`` in the filesystem.

    ``files`` maps file names to source text; ``main.py`` is the program the
    micro:bit runs at start, other files are modules it can import.
    """
    if target not in TARGETS:
        raise BuildError(f"Ukendt mål '{target}'. Vælg universal, v1 eller v2.")
    files = normalise_files(files)
    versions = {"universal": (1, 2), "v1": (1,), "v2": (2,)}[target]
    if target != "universal":
        rt = runtime(versions[0])
        return _intel_hex(rt, _file_records(rt, files))
    sections = [_section(runtime(v), _file_records(runtime(v), files)) for v in versions]
    return "".join(sections) + EOF_RECORD + "\n"


def build_hex_plain(files, target: str = "universal") -> str:
    """The same build through the libraries' public API only (benchmark baseline)."""
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


def capacity(target: str = "universal") -> int:
    """Bytes of pupil files the target can hold (the smaller half for universal)."""
    versions = {"universal": (1, 2), "v1": (1,), "v2": (2,)}[target]
    return min(runtime(v).capacity for v in versions)
