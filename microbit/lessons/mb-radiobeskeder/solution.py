# Radiobeskeder: send en besked til de andre micro:bits i gruppen.
from microbit import *
import radio

radio.on()
radio.config(group=7)

while True:
    if button_a.was_pressed():
        radio.send("Hej")
        display.show(Image.ARROW_N)
    besked = radio.receive()
    if besked:
        display.scroll(besked)
    sleep(50)
