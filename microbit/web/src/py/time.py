# time for the browser simulator: sleeping waits in real time without freezing the page.
import _hw


def sleep(seconds):
    _hw.sleep(int(seconds * 1000))


def sleep_ms(ms):
    _hw.sleep(int(ms))


def sleep_us(us):
    _hw.sleep(int(us // 1000))


def ticks_ms():
    return _hw.now()


def ticks_us():
    return _hw.now() * 1000


def ticks_add(ticks, delta):
    return ticks + delta


def ticks_diff(ticks1, ticks2):
    return ticks1 - ticks2


def time():
    return _hw.now() // 1000
