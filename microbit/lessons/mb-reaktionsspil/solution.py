# Reaktionsspil for to: hvem trykker først, når billedet kommer frem?
# Spiller 1 har knap A, spiller 2 har knap B.
from microbit import *
import random

while True:
    display.clear()
    sleep(random.randint(1000, 5000))
    button_a.was_pressed()  # glem tryk fra før billedet kom (snyd!)
    button_b.was_pressed()
    display.show(Image.HEART)
    start = running_time()
    vinder = ""
    while vinder == "":
        if button_a.was_pressed():
            vinder = "A"
        elif button_b.was_pressed():
            vinder = "B"
        sleep(1)
    tid = running_time() - start
    print(vinder, tid)
    display.show(vinder)
    sleep(2000)
