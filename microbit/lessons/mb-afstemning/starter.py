# Afstemning over radio: alle stemmer A eller B, og hver micro:bit tæller stemmerne.
from microbit import *
import radio

radio.on()
radio.config(group=12)

stemmer_a = 0
stemmer_b = 0
har_stemt = False

while True:
    if button_a.was_pressed() and not har_stemt:
        radio.send("A")
        har_stemt = True
    # 1. Knap B skal stemme "B" på samme måde (kun én stemme pr. micro:bit).
    # 2. Modtag stemmer med radio.receive(), tæl dem op,
    #    og skriv stillingen med print("A:", stemmer_a, "B:", stemmer_b)
    sleep(20)
