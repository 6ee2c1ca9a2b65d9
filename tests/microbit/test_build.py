"""Building .hex files: official runtimes, files read back equal the inputs."""
import io
import subprocess
import sys
from pathlib import Path

import micropython_microbit_fs as mfs
import pytest
from intelhex import IntelHex
from universal_hex import BoardId, IndividualHex, create_uhex, is_uhex

from kodefag.microbit import hexbuild, runtimes
from kodefag.microbit.hexbuild import BuildError, build_hex
from kodefag.microbit.runtimes import read_files

KODEFAG = str(Path(sys.executable).with_name("kodefag"))
MAIN = "from microbit import *\nimport hjaelper\ndisplay.scroll(hjaelper.navn())\n"
HELPER = "def navn():\n    return 'Åse'\n"


def _data(hex_text):
    data = IntelHex(io.StringIO(hex_text)).todict()
    data.pop("start_addr", None)
    return data


def test_universal_hex_holds_both_official_runtimes_and_the_files():
    hex_text = build_hex({"main.py": MAIN, "hjaelper.py": HELPER})
    assert is_uhex(hex_text)
    halves = runtimes.split_universal(hex_text)
    versions = {v: mfs.get_device_info(h).micropython_version for v, h in halves.items()}
    assert versions[1].startswith("micro:bit v1.1.")
    assert versions[2].startswith("micro:bit v2.1.")
    expected = {"main.py": MAIN.encode(), "hjaelper.py": HELPER.encode()}
    assert read_files(hex_text) == {1: expected, 2: expected}


@pytest.mark.parametrize("target,version", [("v1", 1), ("v2", 2)])
def test_single_target_is_a_plain_intel_hex(target, version):
    hex_text = build_hex({"main.py": MAIN}, target)
    assert not is_uhex(hex_text)
    assert mfs.get_device_info(hex_text).device_version.value == f"V{version}"
    assert read_files(hex_text) == {version: {"main.py": MAIN.encode()}}


def test_fast_path_equals_the_plain_library_path():
    files = {"main.py": MAIN * 30, "hjaelper.py": HELPER}
    fast, plain = build_hex(files), runtimes.build_hex_plain(files)
    fast_halves, plain_halves = runtimes.split_universal(fast), runtimes.split_universal(plain)
    for version in (1, 2):
        assert _data(fast_halves[version]) == _data(plain_halves[version])
    merged = create_uhex([IndividualHex(build_hex(files, "v1"), BoardId.V1),
                          IndividualHex(build_hex(files, "v2"), BoardId.V2)])
    assert merged == fast


def test_prepared_runtimes_are_the_bundled_ones_and_a_broken_folder_is_prepared_again(tmp_path):
    for version in (1, 2):  # what make install prepared
        layout, parts = runtimes.parse_runtime(version)
        assert hexbuild.runtime(version) == layout
        assert {part: hexbuild.hex_part(version, part).decode("ascii") for part in hexbuild.HEX_PARTS} == parts
    runtimes.prepare(tmp_path)
    layout, parts = runtimes.parse_runtime(1)
    assert hexbuild.load_runtime(tmp_path, 1) == layout
    hexbuild.metadata_file(tmp_path, 1).write_text("{ broken")
    with pytest.raises(ValueError):
        hexbuild.load_runtime(tmp_path, 1)
    runtimes.prepare(tmp_path)
    assert hexbuild.load_runtime(tmp_path, 1) == layout
    assert hexbuild.hex_file(tmp_path, 1, "section_start").read_text() == parts["section_start"]


def test_too_large_program_gets_a_danish_message():
    big = "x = 1\n" * (hexbuild.capacity() // 6 + 100)
    with pytest.raises(BuildError, match="for stort"):
        build_hex({"main.py": big})


def test_missing_main_and_empty_file():
    with pytest.raises(BuildError, match="main.py"):
        build_hex({"andet.py": "x = 1\n"})
    with pytest.raises(BuildError, match="tom"):
        build_hex({"main.py": ""})


def test_cli_build_and_junk(tmp_path):
    main, helper, out = tmp_path / "prog.py", tmp_path / "hjaelper.py", tmp_path / "out.hex"
    main.write_text(MAIN)
    helper.write_text(HELPER)
    result = subprocess.run([KODEFAG, "microbit", "build", str(main), str(helper), "-o", str(out),
                             "--target", "v1"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert read_files(out.read_text()) == {1: {"main.py": MAIN.encode(), "hjaelper.py": HELPER.encode()}}
    junk = tmp_path / "junk.py"
    junk.write_bytes(bytes(range(256)) * 4)
    result = subprocess.run([KODEFAG, "microbit", "build", str(junk), "-o", str(out)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "binære data" in result.stderr and "Traceback" not in result.stderr
