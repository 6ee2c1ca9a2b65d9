# Platformhop
# Få figuren til at falde, lande på platformene og hoppe med mellemrumstasten.
# Læs README.md - der står, hvad du skal gøre ved hver OPGAVE.
WIDTH = 800
HEIGHT = 500
TITLE = "Platformhop"

TYNGDEKRAFT = 0.5
HOPFART = -11

figur = Actor("figur", (100, 420))
fart_y = 0          # hvor hurtigt figuren bevæger sig op (minus) eller ned (plus)
paa_jorden = False  # står figuren på en platform?

platforme = [
    Actor("jord", (400, 490)),
    Actor("platform", (300, 380)),
    Actor("platform", (500, 290)),
    Actor("platform", (680, 200)),
]


def update():
    global fart_y, paa_jorden
    if keyboard.left:
        figur.x = figur.x - 4
    if keyboard.right:
        figur.x = figur.x + 4

    # OPGAVE 1: Tyngdekraft. Læg TYNGDEKRAFT til fart_y, og flyt figuren fart_y ned.

    # OPGAVE 2: Når figuren falder ned på en platform, skal den stå på den:
    # sæt figur.bottom = platform.top, fart_y = 0 og paa_jorden = True.
    paa_jorden = False


def on_key_down(key):
    global fart_y, paa_jorden
    # OPGAVE 3: Hop! Når der trykkes på mellemrum, og figuren står på jorden,
    # skal fart_y være HOPFART.


def draw():
    screen.fill((150, 200, 255))
    for platform in platforme:
        platform.draw()
    figur.draw()
