# Kompas: micro:bit'en viser en pil, der peger mod nord.
from microbit import *

compass.calibrate()  # på en rigtig micro:bit: vip den rundt, til hele skærmen lyser

while True:
    retning = compass.heading()  # 0 = nord, 90 = øst, 180 = syd, 270 = vest
    if retning < 45 or retning >= 315:
        display.show(Image.ARROW_N)
    elif retning < 135:
        display.show(Image.ARROW_W)
    elif retning < 225:
        display.show(Image.ARROW_S)
    else:
        display.show(Image.ARROW_E)
    sleep(200)
