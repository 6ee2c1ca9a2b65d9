"""%%microbit: the cell runs in the simulator, the LEDs replay as widgets, .hex download."""
import base64
import re

import pytest

from kodefag.microbit import magic
from kodefag.microbit.runtimes import read_files

CELL = ("from microbit import *\nprint('klar')\nwhile True:\n    if button_a.was_pressed():\n"
        "        display.show(Image.HEART)\n    sleep(100)\n")
HEART = "09090:99999:99999:09990:00900"


def test_frames_follow_virtual_time_and_expand_text():
    trace = {"ms": 1000, "display_events": [{"ms": 200, "kind": "frame", "value": HEART},
                                            {"ms": 500, "kind": "scroll", "value": "A"}]}
    frames = magic.frames_from_trace(trace)
    assert frames[1] == magic.BLANK and frames[2] == HEART and frames[4] == HEART
    assert frames[5] not in (HEART, magic.BLANK)  # the A scrolling in
    assert frames[-1] == magic.BLANK and len(frames) > 11  # the scroll runs past the end of the program


def test_magic_in_an_ipython_shell_stores_trace_and_builds_widgets():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "kodefag.microbit")
    with capture_output() as captured:
        shell.run_cell_magic("microbit", "--seconds 3 --press a@1000", CELL)
    trace = shell.user_ns["microbit_trace"]
    assert trace["serial"] == "klar\n" and trace["display"][0][1] == HEART
    assert captured.outputs  # the widget was displayed
    with capture_output() as captured:
        shell.run_cell_magic("microbit", "--press hop", CELL)
    assert "Kan ikke forstå" in str(captured.outputs[0].data)


def test_download_button_builds_a_universal_hex():
    trace = {"ms": 2000, "serial": "", "error": None, "display_events": []}
    view = magic.build_view(CELL, trace)
    assert len(view.frames) == 21
    view.download_button.click()
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", view.download_link.value).group(1)
    files = read_files(base64.b64decode(encoded).decode("ascii"))
    assert files[1]["main.py"] == CELL.encode()
    broken = magic.build_view("display.scroll(f'x')\n", trace)
    broken.download_button.click()
    assert "f-strenge" in broken.download_link.value


@pytest.mark.timeout(120)
def test_magic_in_a_real_kernel_displays_a_widget():
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        client.execute_interactive("%load_ext kodefag.microbit.magic", timeout=60)
        outputs = []
        reply = client.execute_interactive("%%microbit --seconds 2 --press a@500\n" + CELL, timeout=60,
                                           output_hook=outputs.append)
        assert reply["content"]["status"] == "ok"
        mimes = [set(m["content"].get("data", {})) for m in outputs if m["msg_type"] == "display_data"]
        assert any("application/vnd.jupyter.widget-view+json" in m for m in mimes)
        check = []
        client.execute_interactive("print(microbit_trace['display'][0][1])", timeout=30, output_hook=check.append)
        assert any(HEART in m["content"].get("text", "") for m in check if m["msg_type"] == "stream")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
