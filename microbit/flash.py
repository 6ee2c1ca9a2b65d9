"""Flashing from the classroom PC: copy the .hex onto every mounted micro:bit drive.

A micro:bit plugged in by USB shows up as a drive called MICROBIT holding
DETAILS.TXT (written by its DAPLink interface chip). Copying a .hex file onto
that drive flashes the board - exactly what Mu does through uflash, whose
discovery we use for the single-board case. For a whole class (``--all``) we
look at every mounted drive for DETAILS.TXT / the MICROBIT label.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from kodefag.microbit.sources import danish_os_error

DETAILS = "DETAILS.TXT"
HEX_NAME = "micropython.hex"
#: first four hex digits of DAPLink's "Unique ID" -> board version
BOARD_IDS = {"9900": "V1", "9901": "V1", "9903": "V2", "9904": "V2", "9905": "V2", "9906": "V2"}


@dataclass
class Drive:
    path: Path
    details: dict[str, str]

    @property
    def board_version(self) -> str:
        unique = self.details.get("Unique ID", "") or self.details.get("Board ID", "")
        return BOARD_IDS.get(unique[:4], "ukendt version")

    @property
    def label(self) -> str:
        unique = self.details.get("Unique ID", "")
        short = f" ({unique[:12]})" if unique else ""
        return f"micro:bit {self.board_version}{short} på {self.path}"


@dataclass
class FlashResult:
    drive: Drive
    ok: bool
    message: str  # Danish


def read_details(drive: Path) -> dict[str, str]:
    """The 'Key: value' lines of DETAILS.TXT (empty when missing or unreadable)."""
    try:
        text = (Path(drive) / DETAILS).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    details = {}
    for line in text.splitlines():
        match = re.match(r"^\s*([^:#]+?)\s*:\s*(.*?)\s*$", line)
        if match:
            details[match.group(1)] = match.group(2)
    return details


def is_microbit_drive(path: Path) -> bool:
    path = Path(path)
    return path.is_dir() and ((path / DETAILS).is_file() or path.name.upper().endswith("MICROBIT"))


def mounted_paths() -> list[Path]:
    """Every mounted filesystem (the candidates for --all)."""
    import psutil

    try:
        return [Path(p.mountpoint) for p in psutil.disk_partitions(all=True)]
    except OSError:
        return []


def find_drives(mount_points=None, all_drives: bool = False) -> list[Drive]:
    """micro:bit drives among ``mount_points`` (default: uflash's discovery, or all mounts with --all)."""
    if mount_points is None and not all_drives:
        import uflash

        try:
            found = uflash.find_microbit()
        except Exception:  # no mount command, unknown OS: simply no board found
            found = None
        # uflash already matched the MICROBIT volume label: trust it
        return [Drive(Path(found), read_details(Path(found)))] if found and Path(found).is_dir() else []
    if mount_points is None:
        mount_points = mounted_paths()
    drives = []
    seen = set()
    for path in mount_points:
        path = Path(path)
        if is_microbit_drive(path) and path.resolve() not in seen:
            seen.add(path.resolve())
            drives.append(Drive(path, read_details(path)))
    return drives if all_drives else drives[:1]


def flash_drive(hex_text: str, drive: Drive) -> FlashResult:
    """Copy the hex onto one drive; the board flashes itself and restarts."""
    target = drive.path / HEX_NAME
    try:
        with open(target, "w", encoding="ascii", newline="\n") as handle:
            handle.write(hex_text)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        return FlashResult(drive, False, f"{drive.label}: kunne ikke sendes ({danish_os_error(error)}).")
    return FlashResult(drive, True, f"{drive.label}: sendt ({len(hex_text) // 1024} KB). "
                                    "Vent til lyset holder op med at blinke.")


def flash_all(hex_text: str, drives: list[Drive]) -> list[FlashResult]:
    return [flash_drive(hex_text, drive) for drive in drives]


NO_DRIVE_MESSAGE = ("Ingen micro:bit fundet. Sæt den i computeren med USB-kablet - "
                    "den skal vise sig som drevet MICROBIT.")
