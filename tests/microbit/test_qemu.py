"""Real firmware: the V1 half of our Universal Hex boots in QEMU and prints what the simulator prints.

``qemu-system-arm -M microbit`` runs the official V1 MicroPython runtime. It has
no LEDs, buttons, radio or temperature sensor (those calls block there), so the
comparison is about what programs print; lesson programs are booted to prove
they start on real V1 firmware without an error and print the same first lines.
"""
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kodefag.microbit import qemu
from kodefag.microbit.hexbuild import build_hex
from kodefag.microbit.simulator import simulate

pytestmark = [pytest.mark.qemu, pytest.mark.skipif(not qemu.available(), reason="qemu-system-arm is not installed")]

LESSONS = Path(__file__).resolve().parents[2] / "microbit" / "lessons"

PROBES = {
    "arithmetic": "print(1 / 3, 10 / 4, 2 ** 10, 7 // 2, -7 // 2, 7 % 3, -7 % 3, abs(-2.5), round(3.7))\n"
                  "print(int('42') + 1, float('2.5') * 2, 3.0, 1e20, max([3, 9, 2]), sum(range(10)))\n",
    "strings": "navn = 'Ida'\nprint('Hej ' + navn + '!', len(navn), navn.upper(), 'x' * 3)\n"
               "print('{} har {} point'.format(navn, 12), '%d-%s' % (5, 'a'), ','.join(['a', 'b']))\n"
               "print(str(7) + 'm', 'abc'[1], 'Hej'.replace('e', 'a'), 'a b c'.split())\n",
    "lists": "tal = [5, 3, 8, 1]\ntal.append(7)\ntal.sort()\nprint(tal, tal[0], tal[-1], len(tal))\n"
             "print([x * x for x in range(5) if x % 2 == 0], sorted({'b': 1, 'a': 2}))\n"
             "stemmer = {'A': 3, 'B': 5}\nfor k in sorted(stemmer):\n    print(k, stemmer[k])\n",
    "images": "from microbit import *\nprint(repr(Image.HEART), repr(Image('90009:09090')))\n"
              "print(repr(Image.HAPPY.shift_left(1)), Image.ARROW_N.width(), repr(Image.SQUARE * 0.5))\n"
              "display.show(Image.HEART)\nprint(display.get_pixel(1, 0), display.get_pixel(0, 0))\n"
              "print(button_a.is_pressed(), button_b.was_pressed(), button_a.get_presses())\n",
    "functions_and_loops": "from microbit import *\ndef terning(n):\n    return n % 6 + 1\n"
                           "for i in range(8):\n    print(i, terning(i))\n    sleep(10)\n"
                           "n = 0\nwhile n < 3:\n    n += 1\nprint('slut', n)\n",
    "float_text": "gennemsnit = (21 + 22 + 24) / 3\nprint('Gennemsnit: ' + str(gennemsnit), str(0.1 + 0.2))\n"
                  "print(str([0.5, 1 / 3]), str(10 / 4), str(-2.0), isinstance('a', str))\n",
    "filesystem": "import os\nprint(os.listdir())\nwith open('log.txt', 'w') as f:\n    f.write('21')\n"
                  "print(open('log.txt').read(), sorted(os.listdir()))\n",
    "error_line": "from microbit import *\nprint('start')\nx = [1, 2]\nprint(x[5])\n",
    "error_concatenate": "point = 5\nprint('Point: ' + point)\n",
    "error_attribute": "from microbit import *\nbutton_a.was_presed()\n",
    "error_key": "stemmer = {}\nprint(stemmer['A'])\n",
    "error_int": "print(int('fem'))\n",
    "error_no_message": "print('a')\nraise ValueError\n",
    "sys_exit": "import sys\nprint('før')\nsys.exit(3)\nprint('efter')\n",
    # pins: modes, pull resistors, what an unconnected input reads, pin types and music's pin
    "pins": "from microbit import *\nprint(pin0.NO_PULL, pin0.PULL_UP, pin0.PULL_DOWN)\n"
            "print(pin0.get_mode(), pin3.get_mode(), pin5.get_mode(), pin5.read_digital())\n"
            "pin0.write_digital(1)\nprint(pin0.get_mode())\nprint(pin0.read_digital(), pin0.get_mode(), pin0.get_pull())\n"
            "pin1.set_pull(pin1.PULL_UP)\nprint(pin1.get_mode(), pin1.read_digital(), pin1.get_pull())\n"
            "pin1.set_pull(pin1.NO_PULL)\nprint(pin1.read_digital(), pin1.get_pull())\n"
            "pin2.write_analog(511.5)\nprint(pin2.get_mode())\nprint(pin2.read_analog(), pin2.get_mode())\n"
            "print(pin0.is_touched(), pin0.get_mode())\npin8.write_analog(100)\nprint(pin8.get_mode())\n"
            "pin8.write_digital(False)\nprint(pin8.read_digital(), pin8.get_pull())\n"
            "print(type(pin0), type(pin3), type(pin8))\n",
    "pin_errors": "from microbit import *\n"
                  "tests = [lambda: pin0.write_digital(2), lambda: pin0.write_digital(1.0), lambda: pin0.write_digital('1'),\n"
                  "         lambda: pin0.write_analog(1024), lambda: pin0.write_analog(-1), lambda: pin0.set_pull(2),\n"
                  "         lambda: pin0.set_analog_period(0), lambda: pin8.read_analog(), lambda: pin3.is_touched()]\n"
                  "for test in tests:\n    try:\n        test()\n        print('ok')\n"
                  "    except ValueError as e:\n        print('ValueError', e)\n"
                  "    except TypeError as e:\n        print('TypeError', e)\n"
                  "    except AttributeError as e:\n        print('AttributeError', e)\n",
    "pin_get_pull_error": "from microbit import *\npin1.write_digital(0)\nprint(pin1.get_pull())\n",
    "music_pin": "import music\nfrom microbit import *\nprint(pin0.get_mode())\nmusic.pitch(440, -1, pin=pin1, wait=False)\n"
                 "print(pin1.get_mode())\nmusic.stop(pin1)\nprint(pin1.get_mode())\n",
}


def _simulated(source: str, seconds: float = 5) -> str:
    return simulate(source, seconds=seconds)["serial"]


@pytest.mark.parametrize("name", sorted(PROBES))
def test_probe_prints_the_same_on_real_v1_firmware(name):
    source = PROBES[name]
    real = qemu.run_hex_on_v1(build_hex({"main.py": source}), timeout=15)
    trace = simulate(source, seconds=5)
    simulated = trace["serial"] + (trace["traceback"] + "\n" if trace["traceback"] else "")
    assert real == simulated  # printed text and, for errors, the traceback the board prints


def test_modules_import_on_real_firmware():
    files = {"main.py": "import hjaelper\nprint(hjaelper.dobbelt(21))\n", "hjaelper.py": "def dobbelt(x):\n    return 2 * x\n"}
    real = qemu.run_hex_on_v1(build_hex(files), timeout=15)
    assert real == simulate(files["main.py"], modules={"hjaelper.py": files["hjaelper.py"]})["serial"] == "42\n"


def test_lesson_solutions_start_on_real_v1_firmware():
    """Each lesson boots on the V1 firmware without an error and prints what the simulator prints first."""
    solutions = sorted(LESSONS.glob("*/solution.py"))
    assert len(solutions) >= 7

    def boot(solution):
        source = solution.read_text()
        return solution.parent.name, source, qemu.run_hex_on_v1(build_hex({"main.py": source}), timeout=1.5)

    with ThreadPoolExecutor(max_workers=3) as pool:
        booted = list(pool.map(boot, solutions))
    for name, source, real in booted:
        assert "Traceback" not in real, (name, real)
        real_lines = real.splitlines()
        assert real_lines == _simulated(source, seconds=2).splitlines()[:len(real_lines)], name


def test_v1_memory_warning_matches_the_real_firmware():
    """The checker's V1 heap warning fires for a program that really runs out of memory on V1, not for one that fits."""
    from kodefag.microbit.check import WARNING, check_source

    block = "def f%d(x):\n    if x > 10:\n        return x * 2 + %d\n    return x - 1\n"
    small = "".join(block % (i, i) for i in range(20)) + "print('ok')\n"
    large = "".join(block % (i, i) for i in range(45)) + "print('ok')\n"
    assert not any(p.severity == WARNING and "hukommelse" in p.message for p in check_source(small))
    assert any(p.severity == WARNING and "hukommelse" in p.message for p in check_source(large))
    assert qemu.run_hex_on_v1(build_hex({"main.py": small}, "v1"), timeout=15) == "ok\n"
    assert "MemoryError" in qemu.run_hex_on_v1(build_hex({"main.py": large}, "v1"), timeout=15)


#: scripted input per lesson for the logic comparison (one board; other boards' votes arrive as radio)
LESSON_INPUTS = {
    "mb-navneskilt": ["a@5000"],
    "mb-humoerknapper": ["a@1000", "b@2500", "a@4000"],
    "mb-hjerteslag": [],
    "mb-terning": [f"shake@{t}" for t in range(1000, 9000, 700)],
    "mb-skridttaeller": ["shake@1000", "shake@1500", "shake@2000", "a@3000", "b@7000", "shake@8000", "a@8500"],
    "mb-reaktionsspil": ["a@7000", "b@9500"],
    "mb-radiobeskeder": ["a@1000", "radio=Hej med dig@2000", "radio=Frikvarter@6000"],
    "mb-termometer": ["temp=21@0", "temp=18@3000", "temp=25@5500", "a@6000", "b@8000"],
    "mb-afstemning": ["radio=A@1000", "radio=B@2000", "radio=A@3000", "a@4000", "b@5000", "radio=B@6000"],
    "mb-tyverialarm": ["shake@300", "a@500", "shake@1500", "shake@3000", "b@4000", "shake@4500", "a@5000", "shake@6000"],
    # pin lessons: real pins on the firmware (writes, modes, music on pin0); unconnected inputs read 0
    "mb-trafiklys": ["a@2000"],
    "mb-nattelys": [],
    "mb-plantevogter": ["touch1@2500"],
}
EVENT_KINDS = {"shake": ("gesture", "shake")}


def _scripted_events(inputs: list[str]) -> list:
    events = []
    for item in inputs:
        what, _, ms = item.rpartition("@")
        if what in ("a", "b"):
            events.append((int(ms), "press", what))
        elif what == "shake":
            events.append((int(ms), "gesture", "shake"))
        elif what.startswith("touch"):
            events.append((int(ms), "touch", "pin" + what[5:]))
        else:
            key, _, value = what.partition("=")
            events.append((int(ms), key, int(value) if key == "temp" else value))
    return sorted(events)


#: lessons whose pins come from scripted_pins.py (real pins, scripted touch)
PIN_LESSONS = {"mb-trafiklys", "mb-nattelys", "mb-plantevogter"}


def _with_scripted_hardware(source: str, pins: bool = False) -> str:
    hardware = "from microbit import Image\nfrom scripted_hw import *" + ("\nfrom scripted_pins import *" if pins else "")
    source = source.replace("from microbit import *", hardware)
    source = source.replace("import radio\n", "import scripted_hw as radio\n")
    return source.replace("import random\n", "import scripted_hw as random\n")


def test_lesson_logic_prints_the_same_on_real_v1_firmware():
    """Each lesson solution, fed the same scripted input, prints the same on the V1 firmware and in the simulator."""
    hardware = (Path(__file__).parent / "scripted_hw.py").read_text()
    pins = (Path(__file__).parent / "scripted_pins.py").read_text()

    def compare(lesson_id):
        main = _with_scripted_hardware((LESSONS / lesson_id / "solution.py").read_text(), lesson_id in PIN_LESSONS)
        module = hardware + f"\nEVENTS = {_scripted_events(LESSON_INPUTS[lesson_id])!r}\nEND = 10000\n"
        modules = {"scripted_hw.py": module, **({"scripted_pins.py": pins} if lesson_id in PIN_LESSONS else {})}
        real = qemu.run_hex_on_v1(build_hex({"main.py": main, **modules}, "v1"), timeout=20)
        trace = simulate(main, modules=modules, seconds=5)
        return lesson_id, real, trace

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(compare, sorted(LESSON_INPUTS)))
    for lesson_id, real, trace in results:
        assert trace["traceback"] and trace["traceback"].endswith("SystemExit: "), (lesson_id, trace["error"])
        printed, _, ending = real.partition("Traceback")
        assert "SystemExit" in ending and "Error" not in real, (lesson_id, real)  # ran to END, no error
        assert printed.count("\n") >= 2, (lesson_id, real)  # the lesson really printed something
        assert printed == trace["serial"], lesson_id
