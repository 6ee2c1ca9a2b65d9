# Skridttæller: tæl hvor mange gange micro:bit bliver rystet (et skridt = en rystelse).
from microbit import *

skridt = 0

while True:
    if accelerometer.was_gesture("shake"):
        skridt = skridt + 1
    if button_a.was_pressed():
        display.scroll(str(skridt))
    if button_b.was_pressed():
        skridt = 0
        display.show(Image.NO)
        sleep(500)
        display.clear()
    sleep(50)
