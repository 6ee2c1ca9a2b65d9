# Navneskilt: din micro:bit viser dit navn.
from microbit import *

navn = "Ida"

while True:
    display.scroll(navn)
    if button_a.was_pressed():
        display.show(Image.HEART)
        sleep(2000)
