# Labyrinten - løsning
TITLE = "Labyrinten"
FELT = 40

KORT = [
    "###############",
    "#S  #     #   #",
    "# # # ### # # #",
    "# #   #   # # #",
    "# ##### ### # #",
    "#     #     # #",
    "##### # ##### #",
    "#     #     #M#",
    "###############",
]

WIDTH = len(KORT[0]) * FELT
HEIGHT = len(KORT) * FELT

mus = Actor("mus")
ost = Actor("ost")
mur = Actor("mur")
traek = 0
vundet = False


def find(tegn):
    """Midten af feltet med tegnet (fx "S" eller "M") i kortet."""
    for raekke in range(len(KORT)):
        for kolonne in range(len(KORT[raekke])):
            if KORT[raekke][kolonne] == tegn:
                return (kolonne * FELT + FELT // 2, raekke * FELT + FELT // 2)


mus.pos = find("S")
ost.pos = find("M")


def er_mur(x, y):
    kolonne = int(x // FELT)
    raekke = int(y // FELT)
    return KORT[raekke][kolonne] == "#"


def on_key_down(key):
    global traek, vundet
    if vundet:
        return
    x = mus.x
    y = mus.y
    if key == keys.LEFT:
        x = x - FELT
    elif key == keys.RIGHT:
        x = x + FELT
    elif key == keys.UP:
        y = y - FELT
    elif key == keys.DOWN:
        y = y + FELT
    else:
        return
    if not er_mur(x, y):
        mus.x = x
        mus.y = y
        traek = traek + 1
        sounds.trin.play()
    if mus.colliderect(ost):
        vundet = True
        sounds.jubel.play()


def draw():
    screen.fill((240, 230, 200))
    for raekke in range(len(KORT)):
        for kolonne in range(len(KORT[raekke])):
            if KORT[raekke][kolonne] == "#":
                mur.topleft = (kolonne * FELT, raekke * FELT)
                mur.draw()
    ost.draw()
    mus.draw()
    screen.draw.text("Træk: " + str(traek), (FELT, 2), fontsize=32, color="white")
    if vundet:
        screen.draw.text("Du fandt osten!", center=(WIDTH // 2, HEIGHT // 2), fontsize=60, color="darkgreen")
