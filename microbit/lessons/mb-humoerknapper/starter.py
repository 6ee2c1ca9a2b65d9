# Humørknapper: vis, hvordan du har det.
from microbit import *

while True:
    # 1. Hvis der er trykket på knap A, så vis et glad ansigt:
    #    if button_a.was_pressed():
    #        display.show(Image.HAPPY)
    # 2. Hvis der er trykket på knap B, så vis et ked-af-det-ansigt (Image.SAD).
    sleep(100)
