# Fang æblet - løsning
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
    if keyboard.left:
        kurv.x = kurv.x - FART
    if keyboard.right:
        kurv.x = kurv.x + FART
    if kurv.left < 0:
        kurv.left = 0
    if kurv.right > WIDTH:
        kurv.right = WIDTH

    aeble.y = aeble.y + 3
    if aeble.colliderect(kurv):
        point = point + 1
        sounds.bid.play()
        nyt_aeble()
    if aeble.top > HEIGHT:
        sounds.plop.play()
        nyt_aeble()


def draw():
    screen.fill((180, 220, 255))
    kurv.draw()
    aeble.draw()
    screen.draw.text("Point: " + str(point), (10, 10), fontsize=36, color="black")
