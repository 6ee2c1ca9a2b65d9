# Labyrinten
# Hjælp musen gennem labyrinten hen til osten. Brug piletasterne.
# Læs README.md - der står, hvad du skal gøre ved hver OPGAVE.
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
    # OPGAVE 2: Find kolonne og række for punktet (x, y), og svar True,
    # hvis der står "#" på det sted i KORT.
    return False


def on_key_down(key):
    global traek, vundet
    x = mus.x
    y = mus.y
    if key == keys.LEFT:
        x = x - FELT
    elif key == keys.RIGHT:
        x = x + FELT
    # OPGAVE 1: Lav op og ned på samme måde.
    else:
        return
    if not er_mur(x, y):
        mus.x = x
        mus.y = y
    # OPGAVE 3: Tæl træk: læg 1 til traek, hver gang musen flytter sig.
    # OPGAVE 4: Når musen rører osten, skal vundet blive True.


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
