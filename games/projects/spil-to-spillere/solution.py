# Stjernejagt for to - løsning
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
    if vinder != "":
        return
    tid_tilbage = tid_tilbage - 1
    if tid_tilbage <= 0:
        if point_roed > point_blaa:
            vinder = "roed"
        elif point_blaa > point_roed:
            vinder = "blaa"
        else:
            vinder = "uafgjort"


clock.schedule_interval(tael_ned, 1.0)


def update():
    global point_roed, point_blaa, vinder
    if vinder != "":
        return
    flyt(roed, keyboard.a, keyboard.d, keyboard.w, keyboard.s)
    flyt(blaa, keyboard.left, keyboard.right, keyboard.up, keyboard.down)
    if roed.colliderect(stjerne):
        point_roed = point_roed + 1
        sounds.pling.play()
        ny_stjerne()
    if blaa.colliderect(stjerne):
        point_blaa = point_blaa + 1
        sounds.pling.play()
        ny_stjerne()
    if point_roed >= VIND_VED:
        vinder = "roed"
        sounds.fanfare.play()
    elif point_blaa >= VIND_VED:
        vinder = "blaa"
        sounds.fanfare.play()


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
