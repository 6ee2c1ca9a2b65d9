# Termometer-logger: mål temperaturen hvert sekund og husk den laveste og højeste.
from microbit import *

laveste = temperature()
hoejeste = laveste

while True:
    t = temperature()
    print(t)
    if t < laveste:
        laveste = t
    if t > hoejeste:
        hoejeste = t
    if button_a.was_pressed():
        display.scroll(str(laveste), wait=False)
    if button_b.was_pressed():
        display.scroll(str(hoejeste), wait=False)
    sleep(1000)
