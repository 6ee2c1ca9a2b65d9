# Kompas: micro:bit'en viser en pil, der peger mod nord.
from microbit import *

compass.calibrate()  # på en rigtig micro:bit: vip den rundt, til hele skærmen lyser

while True:
    retning = compass.heading()  # 0 = nord, 90 = øst, 180 = syd, 270 = vest
    if retning < 45 or retning >= 315:
        display.show(Image.ARROW_N)
    # OPGAVE 1: Peger micro:bit'en mod øst (fra 45 til 135), ligger nord til venstre.
    #           Vis Image.ARROW_W. Brug elif.
    # OPGAVE 2: Mod syd (fra 135 til 225): nord ligger bagud. Vis Image.ARROW_S.
    # OPGAVE 3: Mod vest (fra 225 til 315): nord ligger til højre. Vis Image.ARROW_E.
    sleep(200)
