# Rumskyderen
# Styr rumskibet med piletasterne og skyd rumvæsnerne med mellemrumstasten.
# Læs README.md - der står, hvad du skal gøre ved hver OPGAVE.
WIDTH = 600
HEIGHT = 600
TITLE = "Rumskyderen"

skib = Actor("skib", (300, 550))
skud = []      # en liste med alle skud, der flyver lige nu
fjender = []   # en liste med alle rumvæsner
point = 0

for x in range(100, 600, 100):
    fjender.append(Actor("fjende", (x, 60)))


def on_key_down(key):
    if key == keys.SPACE:
        # OPGAVE 1: Lav et nyt skud ved skibets næse og læg det i listen skud.
        pass


def update():
    global point
    if keyboard.left and skib.left > 0:
        skib.x = skib.x - 5
    if keyboard.right and skib.right < WIDTH:
        skib.x = skib.x + 5

    for fjende in fjender:
        fjende.y = fjende.y + 0.2

    # OPGAVE 2: Flyt hvert skud i listen opad.
    # OPGAVE 3: Fjern skud, der er fløjet ud af skærmen.
    # OPGAVE 4: Når et skud rammer en fjende: fjern dem begge og giv et point.


def draw():
    screen.fill((10, 10, 40))
    for fjende in fjender:
        fjende.draw()
    for et_skud in skud:
        et_skud.draw()
    skib.draw()
    screen.draw.text("Point: " + str(point), (10, 10), fontsize=32, color="white")
