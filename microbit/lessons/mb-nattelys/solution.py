# Natlys: en lyssensor på pin1 måler lyset, en lysdiode på pin0 lyser, når det er mørkt -
# jo mørkere, jo kraftigere. Lysstyrken skrives ud hvert sekund (en lille datalogger).
from microbit import *

GRAENSE = 400

tid = 0
while True:
    lys = pin1.read_analog()
    if lys < GRAENSE:
        pin0.write_analog(1023 - lys)
    else:
        pin0.write_digital(0)
    if tid % 1000 == 0:
        print(lys)
    sleep(100)
    tid = tid + 100
