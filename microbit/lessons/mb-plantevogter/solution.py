# Plantevogter: en fugtsensor i jorden på pin2 måler, om planten har vand nok.
# Målingen logges hvert 2. sekund. Tør jord: en summer på pin0 bipper, og skærmen er sur.
# Rør ved pin1 for at se fugtigheden i procent.
from microbit import *
import music

TOER = 300


def procent(maaling):
    return maaling * 100 // 1023


tid = 0
while True:
    if tid % 2000 == 0:
        fugt = pin2.read_analog()
        print(fugt)
        if fugt < TOER:
            display.show(Image.SAD)
            music.pitch(880, 200, pin=pin0)
        else:
            display.show(Image.HAPPY)
    if pin1.is_touched():
        display.scroll(str(procent(fugt)) + "%")
    sleep(100)
    tid = tid + 100
