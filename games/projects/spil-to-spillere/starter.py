# Stjernejagt for to
# Rød styres med W A S D, blå med piletasterne. Hvem fanger flest stjerner?
# Læs README.md - der står, hvad du skal gøre ved hver OPGAVE.
import random

WIDTH = 800
HEIGHT = 600
TITLE = "Stjernejagt for to"
FART = 4
VIND_VED = 5

roed = Actor("roed", (100, 300))
blaa = Actor("blaa", (700, 300))
stjerne = Actor("stjerne", (400, 300))
point_roed = 0
point_blaa = 0
vinder = ""
tid_tilbage = 60


def flyt(spiller, venstre, hoejre, op, ned):
    """Flyt en spiller med fire taster og hold den på skærmen."""
    if venstre:
        spiller.x = spiller.x - FART
    if hoejre:
        spiller.x = spiller.x + FART
    if op:
        spiller.y = spiller.y - FART
    if ned:
        spiller.y = spiller.y + FART
    spiller.x = min(max(spiller.x, 20), WIDTH - 20)
    spiller.y = min(max(spiller.y, 20), HEIGHT - 20)


def ny_stjerne():
    stjerne.x = random.randint(40, WIDTH - 40)
    stjerne.y = random.randint(40, HEIGHT - 40)


def tael_ned():
    global tid_tilbage, vinder
    # OPGAVE 4: Træk 1 fra tid_tilbage. Når tiden er gået, vinder den med flest
    # point (vinder = "roed" eller "blaa"), eller det er "uafgjort".
    pass


clock.schedule_interval(tael_ned, 1.0)


def update():
    global point_roed, point_blaa, vinder
    flyt(roed, keyboard.a, keyboard.d, keyboard.w, keyboard.s)
    # OPGAVE 1: Flyt blaa med piletasterne (brug flyt() ligesom for roed).

    # OPGAVE 2: Når en spiller rører stjernen: et point til den spiller og en ny stjerne.

    # OPGAVE 3: Den første, der får VIND_VED point, vinder (vinder = "roed" eller "blaa"),
    # og så skal spillet stå stille.


def draw():
    screen.fill((20, 90, 60))
    stjerne.draw()
    roed.draw()
    blaa.draw()
    screen.draw.text("Rød: " + str(point_roed), (20, 15), fontsize=36, color="white")
    screen.draw.text("Blå: " + str(point_blaa), topright=(WIDTH - 20, 15), fontsize=36, color="white")
    screen.draw.text(str(tid_tilbage), midtop=(WIDTH // 2, 15), fontsize=36, color="yellow")
    if vinder == "uafgjort":
        screen.draw.text("Uafgjort!", center=(WIDTH // 2, HEIGHT // 2), fontsize=72, color="yellow")
    elif vinder != "":
        navn = "Rød" if vinder == "roed" else "Blå"
        screen.draw.text(navn + " vandt!", center=(WIDTH // 2, HEIGHT // 2), fontsize=72, color="yellow")
