# Min opfindelse: en micro:bit-ting, der hjælper en bestemt person.
#   Til: min lillebror Noah (6 år), der skal børste tænder i 2 minutter.
#   Den hjælper med: at vise, hvor længe han har børstet, og rose ham bagefter.
from microbit import *

sekunder = 0
boerster = False

while True:
    if button_a.was_pressed():
        boerster = True
        sekunder = 0
        display.show(Image.ARROW_N)
    if button_b.was_pressed() or accelerometer.was_gesture("shake"):
        boerster = False
        display.show(Image.HAPPY)
    if boerster:
        sleep(1000)
        sekunder = sekunder + 1
        # én prik mere for hver 5. sekund - efter 120 sekunder er skærmen fuld
        prikker = min(sekunder // 5, 25)
        display.clear()
        for nummer in range(prikker):
            display.set_pixel(nummer % 5, nummer // 5, 9)
        if sekunder >= 120:
            boerster = False
            display.show(Image.HAPPY)
    else:
        sleep(100)
