# Termometer-logger: mål temperaturen hvert sekund og husk den laveste og højeste.
from microbit import *

while True:
    t = temperature()
    print(t)
    # 1. Husk den laveste og den højeste temperatur i to variabler.
    # 2. Knap A viser den laveste, knap B den højeste.
    sleep(1000)
