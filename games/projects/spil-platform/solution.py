# Platformhop - løsning
WIDTH = 800
HEIGHT = 500
TITLE = "Platformhop"

TYNGDEKRAFT = 0.5
HOPFART = -11

figur = Actor("figur", (100, 420))
fart_y = 0
paa_jorden = False

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

    # tyngdekraften trækker figuren nedad - hurtigere og hurtigere
    fart_y = fart_y + TYNGDEKRAFT
    figur.y = figur.y + fart_y

    paa_jorden = False
    for platform in platforme:
        if figur.colliderect(platform) and fart_y > 0 and figur.bottom - fart_y <= platform.top + 1:
            figur.bottom = platform.top
            fart_y = 0
            paa_jorden = True


def on_key_down(key):
    global fart_y, paa_jorden
    if key == keys.SPACE and paa_jorden:
        fart_y = HOPFART
        paa_jorden = False
        sounds.hop.play()


def draw():
    screen.fill((150, 200, 255))
    for platform in platforme:
        platform.draw()
    figur.draw()
