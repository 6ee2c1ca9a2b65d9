# Navneskilt: din micro:bit viser dit navn.
from microbit import *

navn = "NAVN"  # 1. Skriv dit eget navn i stedet for NAVN

while True:
    display.scroll(navn)
    # 2. Når der trykkes på knap A, skal der vises et hjerte.
    #    Brug: if button_a.was_pressed():  og  display.show(Image.HEART)
