# Tyverialarm: læg micro:bit'en i din taske. Bliver tasken flyttet, går alarmen.
from microbit import *

taendt = False   # er alarmen slået til?
alarmer = 0      # hvor mange gange er alarmen gået?

display.show(Image.NO)

while True:
    if button_a.was_pressed():
        taendt = True
        display.show(Image.YES)
    if button_b.was_pressed():
        taendt = False
        display.show(Image.NO)
    rystet = accelerometer.was_gesture("shake")
    if taendt and rystet:
        alarmer = alarmer + 1
        display.show(Image.ANGRY)
        print("ALARM", alarmer)
    sleep(50)
