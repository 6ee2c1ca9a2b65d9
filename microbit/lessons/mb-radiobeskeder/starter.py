# Radiobeskeder: send en besked til de andre micro:bits i gruppen.
from microbit import *
import radio

radio.on()
radio.config(group=7)   # alle i jeres gruppe skal bruge samme tal

while True:
    if button_a.was_pressed():
        radio.send("Hej")
    # Modtag beskeder: besked = radio.receive()
    # Hvis der kom en besked (den er ikke None), så rul den over skærmen.
    sleep(50)
