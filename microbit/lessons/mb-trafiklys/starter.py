# Trafiklys: rød lysdiode på pin0, gul på pin1, grøn på pin2.
# Grønt, indtil en fodgænger trykker på knap A; så gult, rødt, rødt og gult - og grønt igen.
from microbit import *

ROED = pin0
GUL = pin1
GROEN = pin2


def lys(roed, gul, groen):
    ROED.write_digital(roed)
    # OPGAVE 1: tænd eller sluk den gule og den grønne lysdiode på samme måde.


lys(0, 0, 1)
while True:
    if button_a.was_pressed():
        # OPGAVE 2: gult i 1 sekund, rødt i 3 sekunder (vis en gående figur),
        # rødt og gult i 1 sekund - og så grønt igen.
        lys(1, 0, 0)
    sleep(50)
