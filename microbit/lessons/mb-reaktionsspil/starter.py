# Reaktionsspil for to: hvem trykker først, når billedet kommer frem?
# Spiller 1 har knap A, spiller 2 har knap B.
from microbit import *
import random

while True:
    display.clear()
    sleep(random.randint(1000, 5000))   # vent et tilfældigt stykke tid
    display.show(Image.HEART)
    # 1. Gem tidspunktet nu med running_time()
    # 2. Vent på, at A eller B bliver trykket
    # 3. Vis vinderen ("A" eller "B") og skriv reaktionstiden med print
    sleep(2000)
