"""Errors a child can read: a real ipykernel started from the pupils' kernel spec."""
import re

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from kodefag.hub.config import SINGLEUSER_DATA
from kodefag.settings import REPO_ROOT

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def kernel():
    """One pupil kernel for the module (starting one takes a second or two)."""
    specs = KernelSpecManager(kernel_dirs=[str(SINGLEUSER_DATA / "kernels")])
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    yield manager, client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


class Run:
    """What one execution showed: the error's lines, the details text and the reply."""

    def __init__(self):
        self.error_lines, self.details_html, self.details_text, self.stdout = [], "", "", ""
        self.reply = None

    def hook(self, msg):
        content = msg["content"]
        if msg["msg_type"] == "error":
            self.error_lines = [ANSI.sub("", line) for line in content["traceback"]]
        elif msg["msg_type"] == "display_data" and "kodefag" in content.get("metadata", {}):
            self.details_html = content["data"]["text/html"]
            self.details_text = content["data"]["text/plain"]
        elif msg["msg_type"] == "stream":
            self.stdout += content["text"]

    @property
    def shown(self) -> str:
        return "\n".join(self.error_lines)


def run(kernel, code: str) -> Run:
    _, client = kernel
    result = Run()
    result.reply = client.execute_interactive(code, output_hook=result.hook, timeout=60)
    return result


def assert_child_readable(result: Run, line_text: str):
    """1-3 Danish lines naming the pupil's line; details behind "Vis detaljer", no paths."""
    assert result.reply["content"]["status"] == "error"  # still an error for run-all and checks
    assert 1 <= len(result.error_lines) <= 3, result.error_lines
    assert "Traceback" not in result.shown and not re.search(r"\w+(Error|Interrupt):", result.shown), result.shown
    assert line_text in result.shown, result.shown
    assert "<summary>Vis detaljer</summary>" in result.details_html
    for secret in (str(REPO_ROOT), "site-packages", "/tmp/", "ipykernel_", "/home/"):
        assert secret not in result.details_html and secret not in result.shown, (secret, result.details_text)


def test_name_error_points_to_the_line_and_suggests_a_name(kernel):
    result = run(kernel, "alder = 11\nprint('hej')\nprint(aldr)")
    assert_child_readable(result, "linje 3")
    assert "Python kender ikke navnet aldr" in result.shown
    assert "Mente du alder?" in result.shown
    assert "print(aldr)" in result.shown
    assert "NameError" in result.details_text  # the full story is one click away


def test_syntax_error_missing_parenthesis(kernel):
    result = run(kernel, "x = 1\nprint('hej'\n")
    assert_child_readable(result, "linje 2")
    assert "parentes" in result.shown


def test_syntax_error_missing_colon(kernel):
    result = run(kernel, "for i in range(3)\n    print(i)")
    assert_child_readable(result, "linje 1")
    assert "kolon" in result.shown


def test_indentation_error(kernel):
    result = run(kernel, "if True:\nprint('ja')")
    assert_child_readable(result, "linje 2")
    assert "rykkes ind" in result.shown


def test_type_error_text_plus_number(kernel):
    result = run(kernel, "alder = 11\nprint('Jeg er ' + alder)")
    assert_child_readable(result, "linje 2")
    assert "tekst og tal" in result.shown


def test_type_error_in_own_function_points_into_the_function(kernel):
    run(kernel, "def dobbelt(tal):\n    return tal * 2")
    result = run(kernel, "dobbelt()")
    assert_child_readable(result, "linje 1")
    assert "Funktionen dobbelt mangler en værdi" in result.shown


def test_zero_division(kernel):
    result = run(kernel, "point = [1, 2]\ngennemsnit = sum(point) / 0")
    assert_child_readable(result, "linje 2")
    assert "dividerer med 0" in result.shown


def test_index_error(kernel):
    result = run(kernel, "dyr = ['kat', 'hund']\nprint(dyr[2])")
    assert_child_readable(result, "linje 2")
    assert "pladser" in result.shown and "nummer 0" in result.shown


def test_key_error(kernel):
    result = run(kernel, "farver = {'rød': 1}\nfarver['blå']")
    assert_child_readable(result, "linje 2")
    assert "nøglen 'blå'" in result.shown


def test_failed_check_shows_the_checks_danish_message(kernel):
    code = "from kodefag.grader.checks import check_equal\ndef samlet(p):\n    return 13\ncheck_equal(samlet([3, 7, 2]), 12)"
    result = run(kernel, code)
    assert_child_readable(result, "linje 4")
    assert "Testen fejlede: Forventede 12, men fik 13." in result.shown
    assert "check_equal(samlet([3, 7, 2]), 12)" in result.shown


def test_bare_failed_assert(kernel):
    result = run(kernel, "assert 1 + 1 == 3")
    assert_child_readable(result, "linje 1")
    assert "En test fejlede." in result.shown


def test_stub_not_written_yet(kernel):
    result = run(kernel, "def f():\n    # DIN KODE HER\n    raise NotImplementedError()\nf()")
    assert_child_readable(result, "linje 3")
    assert "Du mangler at skrive din kode" in result.shown


def test_interrupted_endless_loop(kernel):
    manager, client = kernel
    result = Run()
    msg_id = client.execute("print('start', flush=True)\ni = 0\nwhile True:\n    i = i + 1")
    # interrupt once the loop runs (JupyterLab's stop button sends the same interrupt)
    while True:
        msg = client.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            break
    manager.interrupt_kernel()
    while True:
        msg = client.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        result.hook(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    result.reply = client.get_shell_msg(timeout=30)
    assert_child_readable(result, "i celle")
    assert "løkke, der aldrig slutter" in result.shown


def test_working_code_is_untouched(kernel):
    result = run(kernel, "print('Holdet fik', 3, 'point')")
    assert result.reply["content"]["status"] == "ok"
    assert result.stdout == "Holdet fik 3 point\n" and result.details_html == "" and result.error_lines == []
