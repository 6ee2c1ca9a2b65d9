# Natlys: en lyssensor på pin1 måler lyset, en lysdiode på pin0 lyser, når det er mørkt -
# jo mørkere, jo kraftigere. Lysstyrken skrives ud hvert sekund (en lille datalogger).
from microbit import *

GRAENSE = 400

tid = 0
while True:
    lys = pin1.read_analog()
    # OPGAVE 1: er lys mindre end GRAENSE, så tænd lysdioden på pin0 med styrken 1023 - lys
    #           (pin0.write_analog(...)); ellers sluk den (pin0.write_digital(0)).
    # OPGAVE 2: skriv lys ud med print én gang i sekundet.
    sleep(100)
    tid = tid + 100
