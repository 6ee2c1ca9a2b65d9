"""Hostile submissions: each must be harmless to others and get a fair score.

For every case: other pupils' grades (gradebook, portal database) unchanged,
hidden tests unreadable, no process survives, nothing persists into the next
job, time bounded, a fair score and a clear Danish message.
"""
import hashlib
import os
import sqlite3
import time
from pathlib import Path

import psutil
import pytest

from tests.grader.grader_notebooks import HONEST, WRONG, cell_by_id
from kodefag.grader.engine import grade_notebook
from kodefag.grader.preprocessors.guarded_execute import fork_server
from kodefag.settings import REPO_ROOT

LIMITS = {"cell_timeout": 2, "notebook_timeout": 15}
#: generous bound on one grading in these tests: limits plus kernel starts
MAX_SECONDS = 25


@pytest.fixture
def school(grading_env, tmp_path, source_path):
    """Another pupil's grades in a gradebook and the portal DB, next to the job."""
    course = grading_env / "courses" / "5a"
    course.mkdir(parents=True)
    for path in (course / "gradebook.db", grading_env / "portal.sqlite"):
        with sqlite3.connect(path) as db:
            db.execute("create table grade (student text, score real)")
            db.execute("insert into grade values ('anden-elev', 3)")
    secret = tmp_path / "submitted" / "anden-elev" / "opgave.ipynb"
    secret.parent.mkdir(parents=True)
    secret.write_text("ANDEN-ELEVS-AFLEVERING")
    paths = [course / "gradebook.db", grading_env / "portal.sqlite", secret, source_path]
    before = {path: _digest(path) for path in paths}
    yield {"gradebook": paths[0], "portal": paths[1], "other": secret, "source": source_path}
    assert {path: _digest(path) for path in paths} == before, "files outside the sandbox changed"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def own_job_folders(monkeypatch):
    """Job folders of this test under a folder of its own, to find its processes.

    Other components' tests may grade at the same time; their processes are not ours.
    """
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="kg")  # short: unix socket paths are limited to 107 bytes
    monkeypatch.setattr(tempfile, "tempdir", folder)
    JOBS[:] = [folder]
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


JOBS: list[str] = []


def sandbox_processes() -> list[psutil.Process]:
    """Live processes of this test's sandboxes (by job folder in their command line or MARKOER).

    Kernels forked from this process's template carry the template's command line: every
    process under the template belongs to a job (the template itself does not).
    """
    found = []
    for pid in fork_server().kernel_pids() if fork_server() else []:
        try:
            process = psutil.Process(pid)
            if process.status() != psutil.STATUS_ZOMBIE:
                found.append(process)
        except psutil.NoSuchProcess:
            pass
    for process in psutil.process_iter(["cmdline", "status"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        if process.info["status"] == psutil.STATUS_ZOMBIE or process.pid == os.getpid():
            continue
        if JOBS[0] in cmdline or f"MARKOER-{JOBS[0]}" in cmdline:
            found.append(process)
    return sorted(set(found), key=lambda process: process.pid)


def grade(source, submission, **limits):
    started = time.monotonic()
    result = grade_notebook(source, submission, **{**LIMITS, **limits})
    print(result)
    elapsed = time.monotonic() - started
    assert elapsed < MAX_SECONDS
    assert sandbox_processes() == []
    return result


def scores(result):
    return {cell["grade_id"]: cell["score"] for cell in result["cells"]}


def cheat_if(condition_code: str) -> dict:
    """A solution that is correct only if ``condition_code`` (a try-able block) succeeds."""
    code = (
        "def dobbelt(x):\n    return 0\n"
        "try:\n" + "".join(f"    {line}\n" for line in condition_code.splitlines()) +
        "    def dobbelt(x):\n        return 2 * x\n"
        "except BaseException:\n    pass"
    )
    return {**HONEST, "svar-1": code}


def test_cheat_if_pays_when_the_trick_works(school, submit):
    """Control for the cheat_if cases below: a trick that succeeds does earn the points."""
    assert scores(grade(school["source"], submit(cheat_if("open('/home/elev/ok', 'w').write('x')"))))["test-1"] == 2


def test_infinite_loop_after_correct_def(school, submit):
    answers = {**HONEST, "svar-1": "def dobbelt(x):\n    return 2 * x\nwhile True:\n    pass"}
    result = grade(school["source"], submit(answers))
    assert scores(result) == {"test-1": 0, "test-2": 1}
    assert "Din kode stoppede ikke inden for 2 sekunder i celle 2." in result["messages"]


def test_loop_that_ignores_interrupts(school, submit):
    answers = {**HONEST, "svar-2": (
        "import time\ndef hej(navn):\n    return 'Hej ' + navn\n"
        "while True:\n    try:\n        time.sleep(0.1)\n    except KeyboardInterrupt:\n        pass"
    )}
    result = grade(school["source"], submit(answers))
    assert scores(result) == {"test-1": 2, "test-2": 0}


def test_deleted_test_cell_is_restored(school, submit):
    def delete(nb):
        nb.cells.remove(cell_by_id(nb, "test-1"))

    result = grade(school["source"], submit(WRONG, delete))
    assert scores(result) == {"test-1": 0, "test-2": 0}
    assert "Test-cellen 'test-1' manglede og er sat ind igen." in result["messages"]
    honest = grade(school["source"], submit(HONEST, delete))
    assert scores(honest) == {"test-1": 2, "test-2": 1}


def test_deleting_an_answer_and_its_test_together(school, submit):
    """nbgrader's add_missing_cells crashes on this; we put the test back and grade on."""
    def delete(nb):
        nb.cells = [cell for cell in nb.cells if cell.metadata["nbgrader"]["grade_id"] not in ("intro", "svar-1", "test-1")]

    result = grade(school["source"], submit(HONEST, delete))
    assert scores(result) == {"test-1": 0, "test-2": 1}
    assert "Test-cellen 'test-1' manglede og er sat ind igen." in result["messages"]


def test_stripped_metadata_and_copied_test_cells_are_fair(school, submit):
    """An editor that drops nbgrader metadata, or a test cell copied to the top, costs nothing."""
    import copy

    def strip_and_copy(nb):
        for cell in nb.cells:
            cell.metadata.pop("nbgrader")
        nb.cells.insert(0, copy.deepcopy(nb.cells[4]))  # test-2, before hej exists

    result = grade(school["source"], submit(HONEST, strip_and_copy))
    assert scores(result) == {"test-1": 2, "test-2": 1}
    wrong = grade(school["source"], submit(WRONG, strip_and_copy))
    assert scores(wrong) == {"test-1": 0, "test-2": 0}


def test_edited_and_stripped_test_cells_are_restored(school, submit):
    def edit(nb):
        cell_by_id(nb, "test-1").source = "print('alt er fint')"
        stripped = cell_by_id(nb, "test-2")
        del stripped.metadata["nbgrader"]
        stripped.source = "pass"

    result = grade(school["source"], submit(WRONG, edit))
    assert scores(result) == {"test-1": 0, "test-2": 0}
    assert "Test-cellen 'test-1' var ændret og er sat tilbage, som din lærer lavede den." in result["messages"]
    assert "Test-cellen 'test-2' manglede og er sat ind igen." in result["messages"]


def test_os_exit_costs_only_its_own_cell(school, submit):
    answers = {**HONEST, "svar-1": "import os\ndef dobbelt(x):\n    return 2 * x\nos._exit(0)"}
    result = grade(school["source"], submit(answers))
    assert scores(result) == {"test-1": 0, "test-2": 1}
    assert any("stoppede Python i celle 2" in message for message in result["messages"])


def test_os_exit_inside_the_tested_function(school, submit):
    answers = {**HONEST, "svar-1": "import os\ndef dobbelt(x):\n    os._exit(0)"}
    result = grade(school["source"], submit(answers))
    assert scores(result) == {"test-1": 0, "test-2": 1}


def test_eq_always_true(school, submit):
    answers = {**HONEST, "svar-1": (
        "class Alt:\n    def __eq__(self, other):\n        return True\n"
        "def dobbelt(x):\n    return Alt()"
    )}
    result = grade(school["source"], submit(answers))
    assert scores(result) == {"test-1": 0, "test-2": 1}
    assert any("Alt" in message for message in result["messages"])


def test_int_subclass_with_eq(school, submit):
    answers = {**HONEST, "svar-1": (
        "class Tal(int):\n    def __eq__(self, other):\n        return True\n"
        "def dobbelt(x):\n    return Tal(0)"
    )}
    assert scores(grade(school["source"], submit(answers)))["test-1"] == 0


def test_50_mb_on_one_line(school, submit):
    answers = {**HONEST, "svar-1": "def dobbelt(x):\n    return 2 * x\nprint('x' * 50_000_000)"}
    # about output, not time: building and sending 50 MB can take seconds on a busy machine
    result = grade(school["source"], submit(answers), cell_timeout=30, notebook_timeout=60)
    assert scores(result) == {"test-1": 2, "test-2": 1}
    assert "Din kode skrev for meget ud i celle 2; kun de første 64 kB er gemt." in result["messages"]


@pytest.mark.parametrize(
    "trick",
    [
        "get_ipython().input_transformers_post.append(lambda lines: ['pass\\n'])",
        "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])",
        "import ast\nclass Tom(ast.NodeTransformer):\n    def visit_Module(self, node):\n        return ast.Module(body=[], type_ignores=[])\n"
        "get_ipython().ast_transformers.append(Tom())",
        "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)",
        "import builtins\nbuiltins.AssertionError = type('AssertionError', (Exception,), {})\n"
        "import kodefag.grader.checks as c\nc.check_equal = lambda *a, **k: None",
        "import sys, types\nfake = types.ModuleType('kodefag.grader.checks')\nfake.check_equal = lambda *a, **k: None\n"
        "sys.modules['kodefag.grader.checks'] = fake",
        "import sys\nclass Finder:\n    def find_spec(self, name, path=None, target=None):\n        if name == 'kodefag.grader.checks':\n"
        "            raise ImportError('nej')\nsys.meta_path.insert(0, Finder())",
        "get_ipython().events.register('pre_run_cell', lambda *a: get_ipython().user_ns.update(check_equal=lambda *a: None))",
        "type(get_ipython()).showtraceback = lambda *a, **k: None\nget_ipython().run_cell = lambda *a, **k: None",
        "import threading, time\ndef again():\n    while True:\n"
        "        get_ipython().input_transformers_post[:] = [lambda lines: ['pass\\n']]\n        time.sleep(0.001)\n"
        "threading.Thread(target=again, daemon=True).start()",
        "import _thread, time\ndef again():\n    while True:\n        try:\n"
        "            get_ipython().input_transformers_post[:] = [lambda lines: ['pass\\n']]\n            time.sleep(0.001)\n"
        "        except BaseException:\n            pass\n"
        "_thread.start_new_thread(again, ())",
        "import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])",
    ],
    ids=["input-post", "input-cleanup", "ast", "custom-exc", "builtins", "sys-modules", "meta-path", "events", "methods",
         "thread", "stubborn-thread", "child-process"],
)
def test_kernel_tricks_do_not_pay(school, submit, trick):
    answers = {**WRONG, "svar-1": "def dobbelt(x):\n    return 0\n" + trick}
    result = grade(school["source"], submit(answers))
    assert scores(result)["test-1"] == 0


def test_gradebook_portal_db_and_other_work_are_out_of_reach(school, submit):
    attempts = "\n".join(
        [
            "import sqlite3",
            f"db = sqlite3.connect('file:{school['gradebook']}?mode=rw', uri=True)",
            "db.execute(\"update grade set score = 0\")",
            "db.commit()",
        ]
    )
    result = grade(school["source"], submit(cheat_if(attempts)))
    assert scores(result)["test-1"] == 0
    for path in (school["portal"], school["other"], school["source"]):
        result = grade(school["source"], submit(cheat_if(f"open({str(path)!r}).read()")))
        assert scores(result)["test-1"] == 0


def test_hidden_tests_are_not_on_the_sandbox_filesystem(school, submit):
    search = (
        "import os\nfound = False\n"
        "for root, dirs, files in os.walk('/'):\n"
        "    if root.startswith(('/proc', '/sys', '/dev', '/usr')):\n        continue\n"
        "    for name in files:\n"
        "        try:\n            found = found or b'SKJULT-TEST-MARKOER' in open(os.path.join(root, name), 'rb').read()\n"
        "        except OSError:\n            pass\n"
        "assert found"
    )
    result = grade(school["source"], submit(cheat_if(search)))
    assert scores(result)["test-1"] == 0


def test_detached_process_does_not_outlive_grading(school, submit, tmp_path):
    flag = tmp_path / "flag"
    program = f"import time; time.sleep(4); open({str(flag)!r}, 'w').write('snyd')"
    child = (
        "import subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', {program!r}, 'MARKOER-{JOBS[0]}'], start_new_session=True)\n"
        "subprocess.Popen(['sh', '-c', 'nohup sleep 30 & disown'])"
    )
    answers = {**HONEST, "svar-2": "def hej(navn):\n    return 'Hej ' + navn\n" + child}
    result = grade(school["source"], submit(answers))
    assert scores(result) == {"test-1": 2, "test-2": 1}
    time.sleep(4.5)
    assert not flag.exists()
    assert sandbox_processes() == []


def test_ipython_startup_file_does_not_persist(school, submit):
    startup = (
        "import os\n"
        "for folder in [os.path.expanduser('~/.ipython/profile_default/startup'), "
        f"{str(Path.home() / '.ipython/profile_default/startup')!r}]:\n"
        "    try:\n        os.makedirs(folder, exist_ok=True)\n"
        "        open(os.path.join(folder, '00-snyd.py'), 'w').write('import builtins; builtins.AssertionError = KeyError')\n"
        "    except OSError:\n        pass"
    )
    leftovers = "\nopen('/tmp/snyd.txt', 'w').write('fra sidste elev')\nopen('snyd.txt', 'w').write('fra sidste elev')"
    grade(school["source"], submit({**WRONG, "svar-2": "def hej(navn):\n    return 'Hej'\n" + startup + leftovers}))
    assert not (Path.home() / ".ipython/profile_default/startup/00-snyd.py").exists()
    next_pupil = grade(school["source"], submit(WRONG))
    assert scores(next_pupil) == {"test-1": 0, "test-2": 0}
    finds_leftovers = cheat_if(
        "import os\n"
        "assert any(os.path.exists(path) for path in ['/tmp/snyd.txt', 'snyd.txt', "
        "os.path.expanduser('~/.ipython/profile_default/startup/00-snyd.py')])"
    )
    assert scores(grade(school["source"], submit(finds_leftovers)))["test-1"] == 0


def test_fork_bomb(school, submit):
    bomb = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass"
    answers = {**HONEST, "svar-1": "def dobbelt(x):\n    return 2 * x\n" + bomb}
    result = grade(school["source"], submit(answers))
    assert scores(result) == {"test-1": 0, "test-2": 1}
    assert any("celle 2" in message for message in result["messages"])


def test_allocating_10_gb(school, submit):
    answers = {**HONEST, "svar-2": "def hej(navn):\n    return 'Hej ' + navn\nstor = bytearray(10 * 1024 ** 3)"}
    result = grade(school["source"], submit(answers))
    assert scores(result) == {"test-1": 2, "test-2": 1}  # hej was defined before the MemoryError


@pytest.mark.skipif(
    os.geteuid() != 0 or not Path("/sys/fs/cgroup/memory").is_dir(),
    reason="job memory cgroups need root and the cgroup v1 memory controller",
)
def test_children_together_cannot_take_the_machines_memory(school, submit):
    hog = (
        "import os, time\nchildren = []\n"
        "for i in range(10):\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        code = 1\n"
        "        try:\n"
        "            block = bytearray(300 * 1024 * 1024)\n"
        "            block[::4096] = b'x' * len(block[::4096])\n"
        "            time.sleep(1.5)  # all hold their memory at the same time\n"
        "            code = 0\n"
        "        finally:\n"
        "            os._exit(code)\n"
        "    children.append(pid)\n"
        "assert all(os.waitpid(pid, 0)[1] == 0 for pid in children)"
    )
    result = grade(school["source"], submit(cheat_if(hog)), cell_timeout=8)
    assert scores(result)["test-1"] == 0  # 3 GB across processes is more than a job may use


def test_writing_outside_its_folder(school, submit):
    checks = REPO_ROOT / "grader" / "checks.py"  # the real checkout, wherever it is
    before = checks.read_bytes()
    targets = [str(checks), str(school["gradebook"].parent / "ny.txt"), "/usr/snyd.txt"]
    for target in targets:
        result = grade(school["source"], submit(cheat_if(f"open({target!r}, 'a').write('snyd')")))
        assert scores(result)["test-1"] == 0
    assert not (school["gradebook"].parent / "ny.txt").exists()
    assert checks.read_bytes() == before


def test_filling_the_disk(school, submit):
    fill = (
        "import os, sys\n"
        "sockets = os.path.dirname(sys.argv[sys.argv.index('-f') + 1])\n"
        "block = b'x' * (8 * 1024 * 1024)\nwritten = 0\n"
        "for folder in [os.getcwd(), sockets, '/tmp']:\n"
        "    for i in range(30):\n"
        "        try:\n"
        "            with open(os.path.join(folder, f'fyld{i}'), 'wb') as handle:\n"
        "                handle.write(block)\n"
        "            written += len(block)\n"
        "        except OSError:\n"
        "            break\n"
        "assert written > 200 * 1024 * 1024"
    )
    result = grade(school["source"], submit(cheat_if(fill)))
    assert scores(result)["test-1"] == 0


def test_no_network(school, submit):
    connect = "import socket\nsocket.create_connection(('127.0.0.1', 6379), timeout=1).close()"
    assert scores(grade(school["source"], submit(cheat_if(connect))))["test-1"] == 0
    outside = "import socket\nsocket.create_connection(('1.1.1.1', 53), timeout=1).close()"
    assert scores(grade(school["source"], submit(cheat_if(outside))))["test-1"] == 0


def test_notebook_time_limit(school, submit, monkeypatch):
    slow = {"svar-1": "import time\ntime.sleep(1.5)\ndef dobbelt(x):\n    return 2 * x", "svar-2": "import time\ntime.sleep(1.5)\n" + HONEST["svar-2"]}
    started = time.monotonic()
    result = grade_notebook(school["source"], submit(slow), cell_timeout=2, notebook_timeout=2)
    assert time.monotonic() - started < 12
    assert scores(result)["test-2"] == 0
    assert any("ikke færdig inden for 2 sekunder" in message for message in result["messages"])
