"""The virtual-time simulator runs pupils' programs unchanged and records what they do."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kodefag.microbit.simulator import InputError, simulate, simulate_boards

KODEFAG = str(Path(sys.executable).with_name("kodefag"))
HEART = "09090:99999:99999:09990:00900"


def test_buttons_display_serial_and_time():
    source = ("from microbit import *\nprint('klar')\nwhile True:\n    if button_a.was_pressed():\n"
              "        display.show(Image.HEART)\n        print('A', running_time())\n"
              "    if button_b.is_pressed():\n        display.clear()\n    sleep(50)\n")
    trace = simulate(source, seconds=5, inputs=["a@1000", "b@3000"])
    assert trace["error"] is None and trace["ms"] == 5000
    assert trace["serial"].startswith("klar\nA 10")
    frames = [value for _, value in trace["display"]]
    assert frames == [HEART, "00000:00000:00000:00000:00000"]
    assert 1000 <= trace["display"][0][0] <= 1060 and 3000 <= trace["display"][1][0] <= 3060


def test_scroll_takes_virtual_time_and_text_is_recorded():
    trace = simulate("from microbit import *\ndisplay.scroll('Hej')\nprint(running_time())\n", seconds=10)
    assert trace["display"][0][1] == "Hej"
    assert 3000 <= int(trace["serial"]) <= 4000  # (3 letters * 6 + 5 columns) * 150 ms
    assert trace["error"] is None


def test_shake_and_random_are_deterministic():
    source = ("from microbit import *\nimport random\nwhile True:\n    if accelerometer.was_gesture('shake'):\n"
              "        display.show(random.randint(1, 6))\n    sleep(20)\n")
    inputs = [f"shake@{t}" for t in range(1000, 9000, 1000)]
    first = simulate(source, seconds=10, inputs=inputs)
    again = simulate(source, seconds=10, inputs=inputs)
    assert first["display"] == again["display"] and len(first["display"]) == 8
    assert all(value in "123456" for _, value in first["display"])
    other_seed = simulate(source, seconds=10, inputs=inputs, seed=7)
    assert other_seed["display"] != first["display"]


def test_sensors_pins_music_and_time_module():
    source = ("from microbit import *\nimport music, utime\nprint(temperature(), accelerometer.get_x())\n"
              "utime.sleep(1)\nprint(temperature(), accelerometer.get_x(), pin0.read_digital())\n"
              "pin1.write_digital(1)\nmusic.play(['c4:4', 'e'])\nprint(running_time())\n")
    trace = simulate(source, seconds=5, inputs=["temp=25@500", "accel=300,0,-900@500", "pin0=1@800"])
    lines = trace["serial"].splitlines()
    assert lines[0] == "20 0" and lines[1] == "25 300 1"
    assert 2000 <= int(lines[2]) <= 2100  # two notes of 4 ticks at 120 bpm = 1000 ms
    assert trace["pins"][0][1:] == ["pin1", 1]
    assert trace["sounds"][0][1] == "play"


def test_radio_between_boards_respects_groups():
    sender = "from microbit import *\nimport radio\nradio.on()\nradio.config(group=3)\nsleep(100)\nradio.send('hej')\n"
    listener = ("from microbit import *\nimport radio\nradio.on()\nradio.config(group=GROUP)\nwhile True:\n"
                "    m = radio.receive()\n    if m:\n        print(m, running_time())\n    sleep(10)\n")
    trace = simulate_boards([{"main.py": sender}, {"main.py": listener.replace("GROUP", "3")},
                             {"main.py": listener.replace("GROUP", "4")}], seconds=2)
    receiver, stranger = trace["boards"][1], trace["boards"][2]
    assert receiver["serial"].startswith("hej 1")
    assert stranger["serial"] == ""
    assert trace["radio"][0][1:] == [0, "hej"]


def test_scripted_radio_message_and_board_prefix():
    listener = "import radio\nfrom microbit import *\nradio.on()\nwhile True:\n    m = radio.receive()\n    if m:\n        print(m)\n    sleep(10)\n"
    trace = simulate(listener, seconds=2, boards=2, inputs=["2:radio=ja@500"])
    assert trace["boards"][0]["serial"] == "" and trace["boards"][1]["serial"] == "ja\n"


def test_busy_loops_end():
    polling = "from microbit import *\nwhile not button_a.is_pressed():\n    pass\nprint('trykket', running_time())\n"
    trace = simulate(polling, seconds=5, inputs=["a@2000"])
    assert trace["serial"].startswith("trykket 200")
    never = "from microbit import *\nwhile True:\n    display.show(Image.HAPPY)\n"
    assert simulate(never, seconds=5)["ms"] == 5000
    pure = "x = 0\nwhile True:\n    x += 1\n"
    trace = simulate(pure, seconds=5, wall_seconds=1)
    assert "linje" in trace["error"] and "sleep" in trace["error"]


def test_except_exception_cannot_swallow_the_end():
    source = "from microbit import *\nwhile True:\n    try:\n        sleep(100)\n    except Exception:\n        pass\n"
    trace = simulate(source, seconds=3)
    assert trace["ms"] == 3000 and trace["error"] is None


@pytest.mark.parametrize("source,line,words", [
    ("from microbit import *\nx = 1\ndisplay.scrol('hej')\n", 3, "scrol"),
    ("from microbit import *\nprint(1 / 0)\n", 2, "nul"),
    ("import requests\n", 1, "findes ikke"),
    ("from microbit import *\nwhile True\n    sleep(1)\n", 2, "kolon"),
    ("from microbit import *\ndisplay.set_pixel(7, 0, 9)\n", 2, "uden for"),
    ("from microbit import *\ndisplay.scroll('a' + 1)\n", 2, "type"),
])
def test_errors_are_danish_with_the_pupils_line(source, line, words):
    trace = simulate(source, seconds=2)
    assert f"linje {line}" in trace["error"] and words in trace["error"]


def test_micropython_float_printing_and_modules():
    trace = simulate("import hjaelper\nprint(1/3, 3.0, [0.5, 'a'], hjaelper.f())\n",
                     modules={"hjaelper.py": "def f():\n    return 2.5\n"})
    assert trace["serial"] == "0.333333 3.0 [0.5, 'a'] 2.5\n"


def test_no_real_files_or_network_modules():
    trace = simulate("f = open('/etc/hostname')\n")
    assert "linje 1" in trace["error"]
    trace = simulate("import socket\n")
    assert "socket" in trace["error"]


def test_bad_inputs_are_rejected_in_danish():
    with pytest.raises(InputError, match="Kan ikke forstå"):
        simulate("pass\n", inputs=["a-1000"])


def test_cli_run_json(tmp_path):
    program = tmp_path / "main.py"
    program.write_text("from microbit import *\nwhile True:\n    if button_a.was_pressed():\n"
                       "        print('A')\n        display.show(Image.HEART)\n    sleep(100)\n")
    result = subprocess.run([KODEFAG, "microbit", "run", str(program), "--seconds", "10", "--press", "a@1000",
                             "--json"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    trace = json.loads(result.stdout)
    assert trace["serial"] == "A\n" and trace["error"] is None and trace["ms"] == 10000
    assert trace["display"][0][1] == HEART


def test_cli_runs_several_boards(tmp_path):
    sender = tmp_path / "sender.py"
    sender.write_text("from microbit import *\nimport radio\nradio.on()\nwhile True:\n    if button_a.was_pressed():\n"
                      "        radio.send('hej')\n    sleep(20)\n")
    listener = tmp_path / "listener.py"
    listener.write_text("from microbit import *\nimport radio\nradio.on()\nwhile True:\n    m = radio.receive()\n"
                        "    if m:\n        print(m)\n    sleep(20)\n")
    result = subprocess.run([KODEFAG, "microbit", "run", str(sender), "--board-file", str(listener), "--seconds", "3",
                             "--press", "1:a@1000", "--json"], capture_output=True, text=True)
    trace = json.loads(result.stdout)
    assert [b["serial"] for b in trace["boards"]] == ["", "hej\n"]
    text = subprocess.run([KODEFAG, "microbit", "run", str(sender), "--boards", "2", "--seconds", "1"],
                          capture_output=True, text=True).stdout
    assert "micro:bit 2" in text and "Ingen fejl" in text


def test_v2_sounds_uart_and_logo():
    source = ("from microbit import *\nuart.write('hej\\n')\naudio.play(Sound.GIGGLE)\n"
              "print(pin_logo.is_touched())\nsleep(500)\nprint(pin_logo.is_touched())\n")
    trace = simulate(source, seconds=3, inputs=["logo@1200:1000"])
    assert trace["serial"] == "hej\nFalse\nTrue\n" and trace["sounds"][0][1:] == ["audio", ["giggle"]]


def test_bare_except_cannot_keep_the_run_alive():
    source = "from microbit import *\nn = 0\nwhile True:\n    try:\n        sleep(100)\n        n += 1\n    except:\n        pass\n"
    trace = simulate(source, seconds=3, wall_seconds=2)
    assert trace["ms"] == 3000 and trace["error"] is None


def test_runs_are_repeatable_even_for_set_order():
    source = "print(list({'a', 'b', 'c', 'd', 'e', 'f'}))\n"
    assert simulate(source)["serial"] == simulate(source)["serial"]


def test_input_aliases_and_cli_splitting():
    from kodefag.microbit.cli import _split_inputs
    from kodefag.microbit.simulator import parse_inputs

    items = _split_inputs(["a@1000,b@2000", "accel=1,2,-3@100", "radio=hej med dig@500", "shake@1 button_a@2"])
    assert items == ["a@1000", "b@2000", "accel=1,2,-3@100", "radio=hej med dig@500", "shake@1", "button_a@2"]
    parsed = parse_inputs(items + ["radio:hej@9", "2:A+B@5:300"])
    assert parsed[2].value == (1, 2, -3) and parsed[3].value == "hej med dig" and parsed[5].target == "a"
    assert parsed[6].value == "hej" and (parsed[7].board, parsed[7].target, parsed[7].hold_ms) == (1, "ab", 300)


def test_pins_read_what_drives_them_from_outside():
    """Scripted input drives a pin: 0/1 digital, 2-1023 analog, none disconnects, a..b ramps."""
    source = ("from microbit import *\nwhile True:\n    print(pin0.read_digital(), pin1.read_analog(), pin1.read_digital(),"
              " pin2.read_analog())\n    sleep(1000)\n")
    trace = simulate(source, seconds=5, inputs=["pin0=1@500", "pin1=300@500", "pin1=700@1500", "pin0=none@2500",
                                                 "pin2=0..1000@2500:2000"])
    assert trace["serial"].splitlines() == ["0 0 0 0", "1 300 0 0", "1 700 1 0", "0 700 1 250", "0 700 1 750"]


def test_button_pins_pull_up_and_go_low_when_pressed():
    source = "from microbit import *\nprint(pin5.read_digital(), pin11.read_digital())\nsleep(300)\nprint(pin5.read_digital())\n"
    assert simulate(source, seconds=1, inputs=["a@200:500"])["serial"] == "1 1\n0\n"


def test_pin_writes_sounds_on_pins_and_components_in_the_trace():
    source = ("from microbit import *\nimport music\npin0.write_digital(1)\nsleep(100)\npin0.write_analog(300)\n"
              "music.pitch(440, 50, pin=pin2)\nmusic.play('c4:1')\n")
    trace = simulate(source, seconds=1, components={"pin0": "lysdiode", "pin2": "summer"})
    assert [write[1:] for write in trace["pins"]] == [["pin0", 1], ["pin0", 300]]
    assert [(sound[1], sound[3]) for sound in trace["sounds"]] == [("pitch", "pin2"), ("play", "pin0")]
    assert trace["components"] == {"pin0": "lysdiode", "pin2": "summer"}


def test_unknown_components_and_bad_pin_levels_are_refused_in_danish():
    with pytest.raises(InputError, match="Ukendt komponent 'laser'"):
        simulate("pass\n", components={"pin0": "laser"})
    with pytest.raises(InputError, match="0-1023"):
        simulate("pass\n", inputs=["pin1=2000@0"])


def test_pin_checks_grade_a_real_trace():
    """pin, no_pin, pin_state, sound and no_sound checks read the simulator's trace."""
    from kodefag.microbit.grading import evaluate

    source = ("from microbit import *\nimport music\npin2.write_digital(1)\nwhile not button_a.was_pressed():\n"
              "    sleep(50)\npin2.write_digital(0)\npin0.write_digital(1)\nmusic.pitch(880, 100, pin=pin1)\n")
    trace = simulate(source, seconds=3, inputs=["a@1000"])
    assert evaluate({"check": "pin_state", "pin": "pin2", "at": 500, "value": 1}, trace)
    assert evaluate({"check": "pin_state", "pin": "pin2", "at": 1500, "value": 0}, trace)
    assert evaluate({"check": "pin_state", "pin": "pin0", "at": 500, "value": 0}, trace)  # never written yet
    assert not evaluate({"check": "pin_state", "pin": "pin0", "at": 1500, "value": 0}, trace)
    assert evaluate({"check": "pin", "pin": "pin0", "value": 1, "after": 1000}, trace)
    assert not evaluate({"check": "pin", "pin": "pin0", "value": 1, "before": 999}, trace)
    assert evaluate({"check": "no_pin", "pin": "pin1"}, trace)
    assert evaluate({"check": "pin", "pin": "pin2", "value_between": [0, 1], "min_count": 2, "max_count": 2}, trace)
    assert evaluate({"check": "sound", "pin": "pin1", "kind": "pitch", "after": 1000}, trace)
    assert not evaluate({"check": "sound", "pin": "pin0"}, trace)
    assert evaluate({"check": "no_sound", "before": 999}, trace)
