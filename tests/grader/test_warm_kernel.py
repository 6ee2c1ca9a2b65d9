"""A kernel started ahead by an idle worker: it grades exactly one notebook, never two pupils'."""
import pytest

from kodefag.grader import engine
from kodefag.grader.preprocessors import guarded_execute

from tests.grader.grader_notebooks import HONEST, cell_by_id

LIMITS = {"cell_timeout": 5, "notebook_timeout": 30}
SHOW_KERNEL = "\nimport sys\nprint('KERNEL', sys.argv[sys.argv.index('-f') + 1])"


@pytest.fixture
def no_warm_kernel_left():
    yield
    engine.stop_warm_kernel()


def _printed(nb, grade_id) -> str:
    return "".join(output.get("text", "") for output in cell_by_id(nb, grade_id).outputs)


def _with(code: str) -> dict:
    return {**HONEST, "svar-1": HONEST["svar-1"] + code}


def test_the_next_notebook_runs_in_the_kernel_started_ahead(grading_env, source_path, submit, no_warm_kernel_left):
    engine.start_warm_kernel()
    connection_file = guarded_execute._warm[0].km.connection_file
    result, nb = engine.grade(source_path, submit(_with(SHOW_KERNEL)), **LIMITS)
    assert result["score"] == 3 and result["messages"] == []
    assert f"KERNEL {connection_file}" in _printed(nb, "svar-1")
    assert guarded_execute._warm == []  # used once, then gone


def test_a_warm_kernel_is_fresh_for_every_pupil(grading_env, source_path, submit, no_warm_kernel_left):
    leave_traces = ("\nimport builtins, os\nbuiltins.FRA_A = 1\n"
                    "open(os.path.expanduser('~/fra_a.txt'), 'w').write('A')" + SHOW_KERNEL)
    look_for_traces = ("\nimport builtins, os\n"
                       "print('SAW', hasattr(builtins, 'FRA_A'), os.path.exists(os.path.expanduser('~/fra_a.txt')))"
                       + SHOW_KERNEL)
    engine.start_warm_kernel()
    _, first = engine.grade(source_path, submit(_with(leave_traces)), **LIMITS)
    engine.start_warm_kernel()
    result, second = engine.grade(source_path, submit(_with(look_for_traces)), **LIMITS)
    assert result["score"] == 3
    assert "SAW False False" in _printed(second, "svar-1")
    kernels = [line for nb in (first, second) for line in _printed(nb, "svar-1").splitlines() if "KERNEL" in line]
    assert len(kernels) == 2 and kernels[0] != kernels[1]


def test_a_notebook_longer_than_a_warm_kernel_allows_starts_its_own(grading_env, source_path, submit,
                                                                     no_warm_kernel_left):
    engine.start_warm_kernel()
    connection_file = guarded_execute._warm[0].km.connection_file
    result, nb = engine.grade(source_path, submit(_with(SHOW_KERNEL)), cell_timeout=5,
                              notebook_timeout=guarded_execute.WARM_NOTEBOOK_SECONDS + 1)
    assert result["score"] == 3
    assert "KERNEL" in _printed(nb, "svar-1") and connection_file not in _printed(nb, "svar-1")
