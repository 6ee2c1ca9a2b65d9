"""Runs INSIDE the sandboxed kernel: undo the kernel tricks a pupil can play.

The grader calls :func:`install` once when a kernel starts, before any pupil code,
and :func:`restore` right before every test cell. Both are called through an
execute request's ``user_expressions``, which IPython evaluates without passing
through input transformers or AST transformers, so a pupil's transformer cannot
rewrite the call.

What is restored: builtins, the IPython input/AST transformers, custom exception
handlers, event callbacks, monkeypatched shell methods, sys hooks (trace, profile,
excepthook, displayhook, import machinery, streams), the stdlib modules the
checks library uses, and every ``kodefag*`` entry in ``sys.modules`` (so the
next ``from kodefag.grader.checks import ...`` loads the real file from the
read-only mount).

This is defence in depth, not a proof: code in the same interpreter can always
reach this module. Pupils are still contained by the sandbox - whatever they
do only changes their own result.
"""
import sys

#: what the pupil could break; filled by install()
_PRISTINE = {}

_SHELL_METHODS = (
    "run_cell", "run_cell_async", "run_ast_nodes", "run_code", "transform_cell",
    "transform_ast", "showtraceback", "_showtraceback", "showsyntaxerror",
    "should_run_async", "ev", "ex", "user_expressions", "_format_user_obj",
)
_GUARDED_MODULES = ("builtins", "math", "types", "inspect", "operator", "functools")
_SYS_ATTRIBUTES = (
    "excepthook", "displayhook", "stdout", "stderr", "meta_path", "path_hooks",
    "path", "breakpointhook", "unraisablehook",
)


def _shell():
    from IPython import get_ipython

    return get_ipython()


def install() -> str:
    """Remember the kernel's pristine state (called before any pupil code runs)."""
    import threading

    shell = _shell()
    modules = {name: dict(vars(sys.modules[name])) for name in _GUARDED_MODULES if name in sys.modules}
    _PRISTINE.update(
        modules=modules,
        sys={name: _copy(getattr(sys, name)) for name in _SYS_ATTRIBUTES if hasattr(sys, name)},
        classes={cls: dict(vars(cls)) for cls in type(shell).__mro__ if cls is not object},
        callbacks={event: list(handlers) for event, handlers in shell.events.callbacks.items()},
        threads=set(sys._current_frames()) | {thread.ident for thread in threading.enumerate()},
        recursion=sys.getrecursionlimit(),
    )
    return "installed"


def _copy(value):
    return list(value) if isinstance(value, list) else value


def restore() -> str:
    """Undo whatever pupil code changed in the kernel; returns "restored".

    Returns "threads" instead when threads started by pupil code would not stop:
    they could undo the restore while the test runs.
    """
    import threading

    from IPython.core.inputtransformer2 import TransformerManager

    if not _stop_pupil_threads():
        return "threads"

    for name, pristine in _PRISTINE["modules"].items():
        module_dict = vars(sys.modules[name]) if name in sys.modules else None
        if module_dict is not None:
            module_dict.update(pristine)  # no clear(): IPython's builtin trap owns a few names
    for name, value in _PRISTINE["sys"].items():
        setattr(sys, name, _copy(value))
    sys.settrace(None)
    sys.setprofile(None)
    threading.settrace(None)
    threading.setprofile(None)
    sys.setrecursionlimit(_PRISTINE["recursion"])
    sys.path_importer_cache.clear()

    shell = _shell()
    for cls, attributes in _PRISTINE["classes"].items():
        for name in _SHELL_METHODS:
            if name in attributes and vars(cls).get(name) is not attributes[name]:
                setattr(cls, name, attributes[name])
    for name in _SHELL_METHODS:
        vars(shell).pop(name, None)
    shell.input_transformer_manager = TransformerManager()
    shell.input_transformers_post = []
    shell.ast_transformers = []
    shell.set_custom_exc((), None)
    for event, handlers in shell.events.callbacks.items():
        handlers[:] = _PRISTINE["callbacks"].get(event, [])

    for name in [name for name in sys.modules if name == "kodefag" or name.startswith("kodefag.")]:
        if name != __name__:
            del sys.modules[name]
    return "restored"


def _pupil_thread_ids() -> set[int]:
    """Threads started after install() - by pupil code (any API: threading or _thread)."""
    import threading

    return set(sys._current_frames()) - _PRISTINE["threads"] - {threading.get_ident()} - _library_thread_ids()


def _library_thread_ids() -> set[int]:
    """Threads libraries start lazily, e.g. pyzmq's garbage collector after a large output."""
    ids = set()
    try:
        from zmq.utils.garbage import gc as zmq_garbage

        if zmq_garbage.thread is not None:
            ids.add(zmq_garbage.thread.ident)
    except Exception:  # no pyzmq internals: nothing to exempt
        pass
    return ids


def _stop_pupil_threads(timeout: float = 0.5) -> bool:
    """Raise SystemExit in every pupil thread; True when none is left running."""
    import ctypes
    import time

    for ident in _pupil_thread_ids():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(SystemExit))
    deadline = time.monotonic() + timeout
    while _pupil_thread_ids() and time.monotonic() < deadline:
        time.sleep(0.01)
    return not _pupil_thread_ids()
