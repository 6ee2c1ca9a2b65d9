# Min opfindelse: en micro:bit-ting, der hjælper en bestemt person.
# Skriv her, hvem den er til, og hvad den skal gøre:
#   Til: ...
#   Den hjælper med: ...
from microbit import *

# Variabler, din opfindelse skal huske (fx et antal, en tilstand):

while True:
    # Når der trykkes på knap A:
    # Når der trykkes på knap B (eller micro:bit'en rystes):
    sleep(100)
