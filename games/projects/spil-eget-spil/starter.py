# Mit eget spil
# Det her er en skabelon: en spiller på en skærm. Resten bestemmer du.
# Læs README.md - den fortæller, hvad spillet skal kunne, og hvordan du kommer i gang.
import random

WIDTH = 800
HEIGHT = 600
TITLE = "Mit eget spil"

spiller = Actor("spiller", (400, 300))

# OPGAVE 1: Lav en liste ting = [] til alt det andet i spillet (fx stjerner, fjender, mønter),
#           og læg mindst én ting i den.
# OPGAVE 2: Lav en variabel point, der starter på 0.


def draw():
    screen.fill((20, 20, 40))
    spiller.draw()
    # OPGAVE 4: Tegn alle ting og pointene (screen.draw.text).


def update():
    # OPGAVE 3: Flyt spilleren med piletasterne (keyboard.left, keyboard.right, ...).
    # OPGAVE 4: Få tingene til at bevæge sig eller dukke op af sig selv.
    # OPGAVE 5: Hvad sker der, når spilleren rører en ting? (spiller.colliderect(ting))
    pass
