# Trafiklys: rød lysdiode på pin0, gul på pin1, grøn på pin2.
# Grønt, indtil en fodgænger trykker på knap A; så gult, rødt, rødt og gult - og grønt igen.
from microbit import *

ROED = pin0
GUL = pin1
GROEN = pin2


def lys(roed, gul, groen):
    ROED.write_digital(roed)
    GUL.write_digital(gul)
    GROEN.write_digital(groen)


lys(0, 0, 1)
while True:
    if button_a.was_pressed():
        lys(0, 1, 0)
        sleep(1000)
        lys(1, 0, 0)
        display.show(Image.STICKFIGURE)
        sleep(3000)
        display.clear()
        lys(1, 1, 0)
        sleep(1000)
        lys(0, 0, 1)
        button_a.was_pressed()  # glem tryk, mens der var rødt
    sleep(50)
