# radio for the browser simulator: sent messages are shown on the page; the page's
# "Radiobesked" field sends messages to this micro:bit.
import _hw

RATE_1MBIT, RATE_2MBIT = 0, 1
_on = [False]


def on():
    _on[0] = True


def off():
    _on[0] = False


def config(**kwargs):
    pass


def reset():
    pass


def send(message):
    if not _on[0]:
        raise ValueError("radio is not enabled")
    _hw.emit("radio", str(message))


def send_bytes(message):
    send(str(message))


def receive():
    if not _on[0]:
        raise ValueError("radio is not enabled")
    return _hw.radio()


def receive_bytes():
    message = receive()
    return None if message is None else bytes(message, "utf-8")
