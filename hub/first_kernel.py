"""The pupil's first kernel, started with their server: opening a notebook at the bell is instant.

A kernel costs ~0.4 CPU s to start; a class of 28 opening their notebooks at the bell
on a 2-core school server waits ~7 s for them, even with servers started before the
lesson ("Start klassen", the bell service). So each pupil's server starts one kernel
of the default spec (kodefag's python3 with Danish errors) as soon as it runs, and
hands it to the first notebook or console the pupil opens. It is not replaced: a
pupil at work keeps exactly one kernel per open notebook, as before, and the spare's
memory is the "one kernel" of a pupil's budget. It lives in the pupil's own server,
as the pupil, so it is never anyone else's.

Until it is taken the spare is hidden from the kernel list (the pupil's Running panel);
taking it moves it into the notebook's folder and session, as a kernel started for that
notebook would have been, and a later restart keeps that folder.
"""
from __future__ import annotations

import asyncio
import os
import uuid

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

#: seconds the spare may take to run the few lines that move it into the notebook's folder
MOVE_TIMEOUT = 60


def move_code(cwd: str, session_name: str | None) -> str:
    """What the spare runs (silently, no history) to become the kernel of a notebook in ``cwd``:
    the folder and the session name that ipykernel reads at start (``__session__``)."""
    lines = [f"__import__('os').chdir({cwd!r})"]
    if session_name is not None:
        lines += [f"__import__('os').environ['JPY_SESSION_NAME'] = {session_name!r}",
                  f"get_ipython().user_ns['__session__'] = {session_name!r}"]
    return "\n".join(lines)


class FirstKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager, with one kernel started ahead for the pupil's first notebook."""

    _spare: asyncio.Task | None = None
    _spare_id: str | None = None

    def start_spare(self) -> None:
        """Start the spare kernel in the background (the server calls this once, when it runs)."""
        self._spare = asyncio.ensure_future(self._start_spare())

    async def _start_spare(self) -> str:
        # its id first, so the kernel list hides it while it starts; an env of its own, so
        # taking it can name the notebook's session for later restarts
        self._spare_id = str(uuid.uuid4())
        return await super()._async_start_kernel(kernel_id=self._spare_id, env=dict(os.environ))

    def _takes_spare(self, kernel_id: str | None, kernel_name: str | None) -> bool:
        return self._spare is not None and kernel_id is None and kernel_name in (None, self.default_kernel_name)

    async def _async_start_kernel(self, *, kernel_id: str | None = None, path: str | None = None, **kwargs) -> str:
        if not self._takes_spare(kernel_id, kwargs.get("kernel_name")):
            return await super()._async_start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        spare, self._spare = self._spare, None
        try:
            spare_id = await spare
        except Exception:  # the spare failed to start: start one as if there had never been a spare
            self.log.exception("The spare kernel did not start")
            spare_id = None
        self._spare_id = None
        if spare_id is None or spare_id not in self:
            return await super()._async_start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        try:
            await self._move(spare_id, path, kwargs.get("env"))
        except Exception:  # a spare that cannot move (it died, it hangs) is ended; the pupil gets a fresh kernel
            self.log.exception("The spare kernel %s could not be taken", spare_id)
            await self.shutdown_kernel(spare_id, now=True)
            return await super()._async_start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        self.log.info("Kernel %s (started ahead) taken for %s", spare_id, path or "/")
        return spare_id

    start_kernel = _async_start_kernel

    async def _move(self, kernel_id: str, path: str | None, env: dict | None) -> None:
        """Into the notebook's folder and session, now and after a restart."""
        cwd = self.cwd_for_path(path) if path is not None else self.root_dir
        session_name = (env or {}).get("JPY_SESSION_NAME")
        manager = self.get_kernel(kernel_id)
        # a restart starts the kernel again from its launch arguments (jupyter_client's KernelManager)
        manager._launch_args["cwd"] = cwd
        if session_name is not None:
            manager.update_env(env={"JPY_SESSION_NAME": session_name})
        client = manager.client()
        client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        try:
            # only the shell channel: iopub may not be subscribed yet, and a silent run prints nothing
            msg_id = client.execute(move_code(cwd, session_name), silent=True, store_history=False,
                                    allow_stdin=False)
            reply = await client.get_shell_msg(timeout=MOVE_TIMEOUT)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = await client.get_shell_msg(timeout=MOVE_TIMEOUT)
        finally:
            client.stop_channels()
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the spare kernel could not move to {cwd}: {reply['content']}")

    def list_kernels(self) -> list[dict]:
        """The pupil's kernels: not the spare, which no notebook has yet."""
        return [model for model in super().list_kernels() if model["id"] != self._spare_id]


def _jupyter_server_extension_points():
    return [{"module": "kodefag.hub.first_kernel"}]


def _load_jupyter_server_extension(serverapp):
    """Nothing to set up before the server runs; the spare starts with it (below)."""


async def _start_jupyter_server_extension(serverapp):
    if isinstance(serverapp.kernel_manager, FirstKernelManager):
        serverapp.kernel_manager.start_spare()
