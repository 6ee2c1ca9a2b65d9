# Hjerteslag: en animation, der bliver ved.
from microbit import *

while True:
    display.show(Image.HEART)
    sleep(500)
    # 1. Vis det lille hjerte (Image.HEART_SMALL), og vent 500 millisekunder.
    # 2. Tilføj dit eget billede: display.show(Image("00000:00000:00900:00000:00000"))
    #    og vent igen. Tegn billedet på papir først: 0 er slukket, 9 er fuldt lys.
