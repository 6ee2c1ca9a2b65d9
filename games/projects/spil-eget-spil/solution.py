# Stjerneregn - et eksempel på et eget spil
# Stjerner og meteorer falder ned. Fang stjernerne (+1 point), undgå meteorerne (-3 point).
# Spillet varer 30 sekunder.
import random

WIDTH = 800
HEIGHT = 600
TITLE = "Stjerneregn"
FART = 5

spiller = Actor("spiller", (400, 540))
ting = []
point = 0
tid_tilbage = 30


def ny_ting():
    """En ny stjerne (oftest) eller meteor øverst på skærmen."""
    billede = "meteor" if random.random() < 0.3 else "stjerne"
    ting.append(Actor(billede, (random.randint(30, WIDTH - 30), -20)))


def tael_ned():
    global tid_tilbage
    if tid_tilbage > 0:
        tid_tilbage = tid_tilbage - 1


ny_ting()
clock.schedule_interval(ny_ting, 0.7)
clock.schedule_interval(tael_ned, 1.0)


def draw():
    screen.fill((20, 20, 40))
    spiller.draw()
    for en_ting in ting:
        en_ting.draw()
    screen.draw.text(f"Point: {point}", (10, 10), fontsize=36)
    screen.draw.text(f"Tid: {tid_tilbage}", (WIDTH - 140, 10), fontsize=36)
    if tid_tilbage == 0:
        screen.draw.text("Slut!", center=(WIDTH / 2, HEIGHT / 2), fontsize=80)


def update():
    global point
    if tid_tilbage == 0:
        return
    if keyboard.left:
        spiller.x = spiller.x - FART
    if keyboard.right:
        spiller.x = spiller.x + FART
    if keyboard.up:
        spiller.y = spiller.y - FART
    if keyboard.down:
        spiller.y = spiller.y + FART
    spiller.x = min(max(spiller.x, 20), WIDTH - 20)
    spiller.y = min(max(spiller.y, 20), HEIGHT - 20)
    for en_ting in ting[:]:
        en_ting.y = en_ting.y + 3
        if spiller.colliderect(en_ting):
            ting.remove(en_ting)
            if en_ting.image == "stjerne":
                point = point + 1
                sounds.point.play()
            else:
                point = max(0, point - 3)
                sounds.bump.play()
        elif en_ting.top > HEIGHT:
            ting.remove(en_ting)
