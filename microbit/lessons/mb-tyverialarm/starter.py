# Tyverialarm: læg micro:bit'en i din taske. Bliver tasken flyttet, går alarmen.
from microbit import *

taendt = False   # er alarmen slået til?
alarmer = 0      # hvor mange gange er alarmen gået?

display.show(Image.NO)

while True:
    # OPGAVE 1: Knap A slår alarmen til: taendt = True, og vis Image.YES.
    # OPGAVE 2: Knap B slår alarmen fra: taendt = False, og vis Image.NO.
    # OPGAVE 3: Hvis alarmen er slået til, og micro:bit'en bliver rystet:
    #           tæl alarmer én op, vis Image.ANGRY og skriv print("ALARM", alarmer).
    #           Er alarmen slået fra, skal en rystelse ikke gøre noget.
    sleep(50)
