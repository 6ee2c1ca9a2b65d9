# Skridttæller: tæl hvor mange gange micro:bit bliver rystet (et skridt = en rystelse).
from microbit import *

skridt = 0

while True:
    if accelerometer.was_gesture("shake"):
        skridt = skridt + 1
    # 1. Knap A: vis antallet af skridt med display.scroll(str(skridt))
    # 2. Knap B: sæt skridt tilbage til 0
    sleep(50)
