# Fang æblet
# Æblet falder ned fra himlen. Styr kurven med piletasterne og fang det!
# Læs README.md - der står, hvad du skal gøre ved hver OPGAVE.
import random

WIDTH = 600
HEIGHT = 400
TITLE = "Fang æblet"

kurv = Actor("kurv", (300, 360))
aeble = Actor("aeble", (300, 0))
point = 0
FART = 5


def nyt_aeble():
    aeble.x = random.randint(20, WIDTH - 20)
    aeble.y = 0


def update():
    global point
    # OPGAVE 1: Flyt kurven til venstre, når venstre piletast er trykket ned.
    if keyboard.left:
        pass
    # OPGAVE 2: Flyt kurven til højre, når højre piletast er trykket ned.

    # OPGAVE 5: Sørg for at kurven ikke kan køre ud af skærmen.

    aeble.y = aeble.y + 3
    # OPGAVE 3: Når æblet rører kurven, skal du få et point,
    # og der skal komme et nyt æble (brug nyt_aeble()).

    # OPGAVE 4: Når æblet falder ud forneden, skal der komme et nyt æble.


def draw():
    screen.fill((180, 220, 255))
    kurv.draw()
    aeble.draw()
    screen.draw.text("Point: " + str(point), (10, 10), fontsize=36, color="black")
