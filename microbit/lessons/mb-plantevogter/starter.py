# Plantevogter: en fugtsensor i jorden på pin2 måler, om planten har vand nok.
# Målingen logges hvert 2. sekund. Tør jord: en summer på pin0 bipper, og skærmen er sur.
# Rør ved pin1 for at se fugtigheden i procent.
from microbit import *
import music

TOER = 300


def procent(maaling):
    # OPGAVE 3: regn målingen (0-1023) om til procent (0-100) med heltal.
    return 0


tid = 0
while True:
    if tid % 2000 == 0:
        fugt = pin2.read_analog()
        print(fugt)
        # OPGAVE 1: er fugt mindre end TOER, så vis Image.SAD og bip på summeren på pin0:
        #           music.pitch(880, 200, pin=pin0). Ellers vis Image.HAPPY.
    # OPGAVE 2: når nogen rører ved pin1 (pin1.is_touched()), så vis procent(fugt) efterfulgt af "%".
    sleep(100)
    tid = tid + 100
