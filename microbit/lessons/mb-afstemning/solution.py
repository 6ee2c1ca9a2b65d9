# Afstemning over radio: alle stemmer A eller B, og hver micro:bit tæller stemmerne.
from microbit import *
import radio

radio.on()
radio.config(group=12)

stemmer_a = 0
stemmer_b = 0
har_stemt = False


def vis_stilling():
    print("A:", stemmer_a, "B:", stemmer_b)
    if stemmer_a > stemmer_b:
        display.show("A")
    elif stemmer_b > stemmer_a:
        display.show("B")
    else:
        display.show("=")


while True:
    if button_a.was_pressed() and not har_stemt:
        radio.send("A")
        har_stemt = True
    if button_b.was_pressed() and not har_stemt:
        radio.send("B")
        har_stemt = True
    stemme = radio.receive()
    if stemme == "A":
        stemmer_a = stemmer_a + 1
        vis_stilling()
    elif stemme == "B":
        stemmer_b = stemmer_b + 1
        vis_stilling()
    sleep(20)
