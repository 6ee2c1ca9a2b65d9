# Terning: ryst din micro:bit, og den viser et tal fra 1 til 6.
from microbit import *
import random

while True:
    if accelerometer.was_gesture("shake"):
        # Lige nu viser terningen altid 1.
        # Brug random.randint(1, 6) til at finde et tilfældigt tal.
        display.show(1)
    sleep(100)
