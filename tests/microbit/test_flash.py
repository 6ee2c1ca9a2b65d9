"""Flashing from the classroom PC onto micro:bit drives (fake drive folders with DETAILS.TXT)."""
import subprocess
import sys
from pathlib import Path

from kodefag.microbit import flash
from kodefag.microbit.runtimes import read_files

KODEFAG = str(Path(sys.executable).with_name("kodefag"))
PROGRAM = "from microbit import *\ndisplay.scroll('Hej')\n"
DETAILS_V2 = """# DAPLink Firmware - see https://mbed.com/daplink
Unique ID: 9904360250078e2a0000000000000000000000009796990b
HIC ID: 9796990b
Auto Reset: 1
Automation allowed: 0
Daplink Mode: Interface
Interface Version: 0255
Bootloader Version: 0255
Git SHA: 1436bdcc67029fdfc0ff03b73e12045bb6a9f272
Local Mods: 0
USB Interfaces: MSD, CDC, HID, WebUSB
Bootloader CRC: 0x828c6069
Interface CRC: 0x5b5cc0f1
Remount count: 0
URL: https://microbit.org/device/?id=9904&v=0255
"""
DETAILS_V1 = DETAILS_V2.replace("9904360250078e2a", "9900000038024e45").replace("id=9904", "id=9900")


def _drive(root: Path, name: str, details: str | None) -> Path:
    path = root / name
    path.mkdir()
    if details is not None:
        (path / "DETAILS.TXT").write_text(details)
        (path / "MICROBIT.HTM").write_text("<html></html>")
    return path


def test_discovery_uses_details_txt_and_label(tmp_path):
    v1 = _drive(tmp_path, "MICROBIT", DETAILS_V1)
    v2 = _drive(tmp_path, "skole-usb", DETAILS_V2)
    not_a_board = _drive(tmp_path, "USBSTICK", None)
    drives = flash.find_drives([v1, v2, not_a_board, tmp_path / "findes-ikke"], all_drives=True)
    assert [d.path for d in drives] == [v1, v2]
    assert [d.board_version for d in drives] == ["V1", "V2"]
    assert flash.find_drives([v1, v2]) == drives[:1]  # without --all: the first board only


def test_cli_flashes_every_drive_and_reports_each_in_danish(tmp_path):
    v1 = _drive(tmp_path, "MICROBIT", DETAILS_V1)
    v2 = _drive(tmp_path, "MICROBIT1", DETAILS_V2)
    program = tmp_path / "main.py"
    program.write_text(PROGRAM)
    result = subprocess.run([KODEFAG, "microbit", "flash", str(program), "--all", "--drive", str(v1),
                             "--drive", str(v2)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "micro:bit V1" in result.stdout and "micro:bit V2" in result.stdout and "Sendt til 2 af 2" in result.stdout
    for drive in (v1, v2):
        files = read_files((drive / "micropython.hex").read_text())
        assert files[1]["main.py"] == files[2]["main.py"] == PROGRAM.encode()


def test_cli_refuses_broken_programs_and_missing_boards(tmp_path):
    drive = _drive(tmp_path, "MICROBIT", DETAILS_V1)
    broken = tmp_path / "main.py"
    broken.write_text("from microbit import *\ndisplay.scroll(f'hej')\n")
    result = subprocess.run([KODEFAG, "microbit", "flash", str(broken), "--drive", str(drive)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "linje 2" in result.stderr and not (drive / "micropython.hex").exists()
    fine = tmp_path / "fint.py"
    fine.write_text(PROGRAM)
    empty = tmp_path / "tom"
    empty.mkdir()
    result = subprocess.run([KODEFAG, "microbit", "flash", str(fine), "--drive", str(empty)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Ingen micro:bit fundet" in result.stderr


def test_read_only_drive_is_reported_not_crashed(tmp_path):
    drive = flash.Drive(tmp_path / "væk", {})
    result = flash.flash_drive(":00000001FF\n", drive)
    assert not result.ok and "kunne ikke sendes" in result.message


def test_without_drives_given_uflash_discovery_is_used(tmp_path, monkeypatch):
    import uflash

    board = _drive(tmp_path, "MICROBIT", DETAILS_V2)
    monkeypatch.setattr(uflash, "find_microbit", lambda: str(board))
    assert [d.path for d in flash.find_drives()] == [board]
    monkeypatch.setattr(uflash, "find_microbit", lambda: None)
    assert flash.find_drives() == []
    elsewhere = _drive(tmp_path, "USB", None)
    monkeypatch.setattr(flash, "mounted_paths", lambda: [elsewhere, board])
    assert [d.path for d in flash.find_drives(all_drives=True)] == [board]
