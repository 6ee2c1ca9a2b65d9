"""Runs INSIDE the sandbox: the template grading kernels are forked from.

Started once per grading process by :class:`kodefag.fork_sandbox.ForkServer` (under
bubblewrap, root with a few capabilities). It imports what a grading kernel imports
- ipykernel, IPython, the kernel guard - and then only waits for requests and forks.
It never runs pupil code: each request's child confines itself
(:func:`kodefag.fork_sandbox.confine`), and the child of *that*, PID 1 of a fresh PID
namespace running as the pupil's pool uid with no capabilities, starts the kernel
as ``kodefag.grader.kernel_launcher`` would, in a process of its own (pid 2) so PID 1
can reap whatever the pupil's code leaves behind.
"""
import contextlib
import os
import random
import signal
import sys
import threading
import traceback

from kodefag import fork_sandbox

if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]
sys.modules["debugpy"] = None  # as kernel_launcher: no debugger in a grading kernel

# imported once, here, for every kernel: ipykernel and IPython, what a kernel's set-up imports
# lazily, and what formatting a pupil's error imports (stack_data and friends)
import code  # noqa: E402,F401
import faulthandler  # noqa: E402,F401
import gc  # noqa: E402
import pdb  # noqa: E402,F401
import runpy  # noqa: E402,F401

import IPython.core.completerlib  # noqa: E402,F401
import IPython.core.debugger  # noqa: E402,F401
import IPython.core.logger  # noqa: E402,F401
import IPython.core.oinspect  # noqa: E402,F401
import IPython.extensions.storemagic  # noqa: E402,F401
import IPython.utils.wildcard  # noqa: E402,F401
import ipykernel.debugger  # noqa: E402,F401
import pygments.formatters.terminal256  # noqa: E402,F401
import stack_data  # noqa: E402,F401
import tornado.locks  # noqa: E402,F401
import tornado.platform.asyncio  # noqa: E402,F401
import tornado.queues  # noqa: E402,F401
import zmq.utils.garbage  # noqa: E402,F401
from ipykernel import ipkernel, kernelapp  # noqa: E402,F401

from kodefag.grader import kernel_guard  # noqa: E402,F401 - the kernel guard each kernel installs


def main(control_fd: int) -> None:
    fork_sandbox.refuse_unless_sandboxed()
    control = fork_sandbox.socket.socket(fileno=control_fd)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel, not kept as zombies
    gc.freeze()  # the collector leaves the template's objects alone: children share their pages longer
    control.send(b"ready")
    while True:
        request = fork_sandbox.receive(control)
        if request is None:
            return  # the grading process has gone
        if threading.active_count() != 1:
            fork_sandbox.send_reply(request[1], b"template has threads: not safe to fork")
            return
        pid = os.fork()
        if pid == 0:
            _child(control_fd, *request)
        for fd in (request[1].detach(), request[2], request[3], request[4], *request[5]):
            os.close(fd)


def _child(control_fd, request, reply, stdout, stderr, workdir_fd, cgroup_fds) -> None:
    """The template's child: confine, fork PID 1, hand its pidfd to the grader, wait for it."""
    code = 127
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.close(control_fd)
        os.dup2(stderr, 2)
        fork_sandbox.confine(request, workdir_fd, cgroup_fds)
        init = os.fork()
        if init == 0:
            _init(request, stdout, stderr)
        fork_sandbox.send_reply(reply, b"ok", [os.pidfd_open(init), os.pidfd_open(os.getpid())])
        reply.close()
        os.close(stdout)
        os.close(stderr)
        code = os.waitstatus_to_exitcode(os.waitpid(init, 0)[1])
    except BaseException as error:  # noqa: BLE001 - whatever failed, nothing of the pupil's runs
        traceback.print_exc()
        fork_sandbox.send_reply(reply, f"{type(error).__name__}: {error}".encode())
    finally:
        os._exit(code & 0xFF)


def _init(request, stdout, stderr) -> None:
    """PID 1 of the job: drop to the pupil, start the kernel as pid 2, reap until it ends."""
    code = 127
    try:
        fork_sandbox.close_other_fds(keep=(stdout, stderr))
        null = os.open("/dev/null", os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(stdout, 1)
        os.dup2(stderr, 2)
        for fd in {null, stdout, stderr} - {0, 1, 2}:
            os.close(fd)
        fork_sandbox.drop_to_pupil(request)
        kernel = os.fork()
        if kernel == 0:
            _kernel(request)
        while True:
            pid, status = os.wait()
            if pid == kernel:
                code = os.waitstatus_to_exitcode(status)
                break
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
    finally:
        os._exit(code & 0xFF)


def _kernel(request) -> None:
    """The pupil's kernel, as ``python -m kodefag.grader.kernel_launcher`` would start it."""
    code = 1
    try:
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["chdir"])
        random.seed()  # not the template's sequence: every kernel its own
        sys.argv = [kernelapp.__file__, *request["argv"]]
        kernelapp.launch_new_instance(argv=request["argv"])
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        os._exit(code & 0xFF)


if __name__ == "__main__":
    main(int(sys.argv[1]))
