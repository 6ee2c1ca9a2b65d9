# Scripted micro:bit hardware for comparing lesson logic on the real V1 firmware and in the simulator.
#
# QEMU's micro:bit has no buttons, accelerometer, temperature sensor or radio (those calls block),
# so lessons get no input there. For the comparison the test rewrites a lesson's imports to take
# button_a, accelerometer, display, radio and randint from this file, which behaves identically
# on MicroPython 1.9.2 and in the simulator (same scripted events at the same counted times).
# Compared is everything else: the lesson's Python as printed over serial. Kept small: the V1
# heap cannot import much more (MemoryError), and MicroPython 1.9 syntax only.
EVENTS = []
END = 10000
S = {"now": 0, "temp": 20, "g": [], "r": [], "on": False, "seed": 12345, "a": False, "b": False, "t": {}}


def _adv(ms):
    t = S["now"] + ms
    while EVENTS and EVENTS[0][0] <= t:
        e = EVENTS.pop(0)
        if e[1] == "press":
            S[e[2]] = True
        elif e[1] == "gesture":
            S["g"].append(e[2])
        elif e[1] == "temp":
            S["temp"] = e[2]
        elif e[1] == "radio" and S["on"] and len(S["r"]) < 3:
            S["r"].append(e[2])
        elif e[1] == "touch":
            S["t"][e[2]] = e[0] + 100
    S["now"] = t
    if t > END:
        raise SystemExit


def sleep(ms):
    _adv(ms)


def running_time():
    _adv(1)
    return S["now"]


def temperature():
    _adv(1)
    return S["temp"]


class _B:
    def __init__(self, n):
        self.n = n

    def was_pressed(self):
        _adv(1)
        w = S[self.n]
        S[self.n] = False
        return w


button_a = _B("a")
button_b = _B("b")


class _A:
    def was_gesture(self, n):
        _adv(1)
        f = n in S["g"]
        if f:
            S["g"] = []
        return f


accelerometer = _A()


def _t(v):
    return str(v) if isinstance(v, (str, int, float)) else repr(v)


class _D:
    def show(self, v, delay=400, wait=True, loop=False, clear=False):
        print("[vis]", _t(v))
        _adv(1)

    def scroll(self, v, delay=150, wait=True, loop=False, monospace=False):
        v = _t(v)
        print("[rul]", v)
        _adv(1)
        if wait:
            _adv((len(v) * 6 + 5) * delay)

    def clear(self):
        print("[ryd]")
        _adv(1)


display = _D()


def on():
    S["on"] = True


def config(**k):
    pass


def send(m):
    _adv(1)
    print("[send]", m)


def receive():
    _adv(1)
    return S["r"].pop(0) if S["r"] else None


def randint(a, b):
    S["seed"] = (S["seed"] * 1103515245 + 12345) % 2147483648
    return a + S["seed"] // 65536 % (b - a + 1)
