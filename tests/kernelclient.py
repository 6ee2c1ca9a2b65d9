"""Running code in a user's real kernel, through their Jupyter server's REST and websocket API.

What a pupil types into a notebook cell runs exactly like this: in a kernel their
server started. On the school tier the server lives on its own origin
(``<name>.kodefag.localhost``), which Python's resolver may not know; we connect to the
hub's loopback address and name the origin in the Host header, as a browser
resolving ``*.localhost`` to loopback does.
"""
import json
import uuid
from urllib.parse import urlparse

import requests
import websocket


class KernelClient:
    """One kernel of ``username``'s server, used with ``token`` (theirs, or a visitor's)."""

    def __init__(self, hub_url: str, origin: str, username: str, token: str, kernel_id: str | None = None,
                 protocols: list[str] | None = None):
        """A new kernel, or (``kernel_id``) one the server already runs, e.g. a notebook session's;
        ``protocols``: the websocket subprotocols to offer, as JupyterLab does (the handshake fails
        unless the server's choice comes back; ``run`` speaks the default, unnamed one)."""
        hub = urlparse(hub_url)
        self.base = f"http://{hub.hostname}:{hub.port}/user/{username}/api"
        self.host = urlparse(origin).netloc
        self.headers = {"Authorization": f"token {token}", "Host": self.host}
        self.kernel_id = kernel_id
        self.protocols = protocols
        self.socket = None

    def __enter__(self) -> "KernelClient":
        if self.kernel_id is None:
            response = requests.post(f"{self.base}/kernels", json={"name": "python3"}, headers=self.headers,
                                     timeout=120)
            response.raise_for_status()
            self.kernel_id = response.json()["id"]
        self.connect()
        return self

    def connect(self) -> None:
        """Open the kernel's channels websocket; the server answers once the kernel's output reaches it."""
        url = self.base.replace("http://", "ws://") + f"/kernels/{self.kernel_id}/channels"
        self.socket = websocket.create_connection(
            url, header=[f"Authorization: {self.headers['Authorization']}"], host=self.host, timeout=120,
            subprotocols=self.protocols)

    def reconnect(self) -> None:
        """A new websocket after a restart, as JupyterLab's KernelConnection.restart does: the old one's
        output subscription may miss the restarted kernel's first messages (its ports may change)."""
        self.socket.close()
        self.connect()

    def __exit__(self, *exc) -> None:
        if self.socket is not None:
            self.socket.close()
        if self.kernel_id:
            requests.delete(f"{self.base}/kernels/{self.kernel_id}", headers=self.headers, timeout=60)

    def run(self, code: str, timeout: float = 120) -> dict:
        """Execute ``code``; return {"stdout": ..., "error": ename or None, "status": ...}."""
        msg_id = uuid.uuid4().hex
        self.socket.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": msg_id,
                       "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        result = {"stdout": "", "error": None, "status": None}
        idle = False
        self.socket.settimeout(timeout)
        while not (idle and result["status"]):
            message = json.loads(self.socket.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream" and content["name"] == "stdout":
                result["stdout"] += content["text"]
            elif kind == "error":
                result["error"] = content["ename"]
            elif kind == "execute_reply":
                result["status"] = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return result
