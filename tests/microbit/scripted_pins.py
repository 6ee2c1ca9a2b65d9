# Pins 0-2 for comparing pin lessons on the real V1 firmware and in the simulator (with scripted_hw).
#
# The pins are the real ones: QEMU models the nRF51's GPIO, so a lesson's writes, reads, modes and
# errors run on the real firmware (nothing drives the pins from outside there, so analog reads give
# 0 in both). Only is_touched() is scripted: QEMU does not model the V1 board's external 10 MOhm
# pull-ups on pins 0-2, so the real firmware sees a finger on every unconnected touch pin after a
# moment. A separate module, because scripted_hw alone nearly fills the V1 heap.
from microbit import pin0 as _p0, pin1 as _p1, pin2 as _p2
from scripted_hw import S, _adv


class _P:
    def __init__(self, pin, name):
        self.p = pin
        self.n = name

    def write_digital(self, v):
        _adv(1)
        self.p.write_digital(v)

    def write_analog(self, v):
        _adv(1)
        self.p.write_analog(v)

    def read_analog(self):
        _adv(1)
        return self.p.read_analog()

    def is_touched(self):
        _adv(1)
        return S["now"] < S["t"].get(self.n, -1)


pin0 = _p0  # real: music.pitch(pin=pin0) needs the firmware's own pin object
pin1 = _P(_p1, "pin1")  # the touch pin of mb-plantevogter
pin2 = _p2
