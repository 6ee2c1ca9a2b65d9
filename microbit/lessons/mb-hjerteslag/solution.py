# Hjerteslag: en animation, der bliver ved.
from microbit import *

while True:
    display.show(Image.HEART)
    sleep(500)
    display.show(Image.HEART_SMALL)
    sleep(500)
    display.show(Image("00000:00000:00900:00000:00000"))
    sleep(500)
