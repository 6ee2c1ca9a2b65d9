# Terning: ryst din micro:bit, og den viser et tal fra 1 til 6.
from microbit import *
import random

while True:
    if accelerometer.was_gesture("shake"):
        tal = random.randint(1, 6)
        display.show(tal)
    sleep(100)
