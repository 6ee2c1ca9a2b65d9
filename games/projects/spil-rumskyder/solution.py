# Rumskyderen - løsning
WIDTH = 600
HEIGHT = 600
TITLE = "Rumskyderen"

skib = Actor("skib", (300, 550))
skud = []
fjender = []
point = 0

for x in range(100, 600, 100):
    fjender.append(Actor("fjende", (x, 60)))


def on_key_down(key):
    if key == keys.SPACE:
        nyt_skud = Actor("skud", (skib.x, skib.top))
        skud.append(nyt_skud)
        sounds.laser.play()


def update():
    global point
    if keyboard.left and skib.left > 0:
        skib.x = skib.x - 5
    if keyboard.right and skib.right < WIDTH:
        skib.x = skib.x + 5

    for fjende in fjender:
        fjende.y = fjende.y + 0.2

    for et_skud in skud[:]:
        et_skud.y = et_skud.y - 8
        if et_skud.bottom < 0:
            skud.remove(et_skud)
            continue
        for fjende in fjender[:]:
            if et_skud.colliderect(fjende):
                fjender.remove(fjende)
                skud.remove(et_skud)
                point = point + 1
                sounds.bang.play()
                break


def draw():
    screen.fill((10, 10, 40))
    for fjende in fjender:
        fjende.draw()
    for et_skud in skud:
        et_skud.draw()
    skib.draw()
    screen.draw.text("Point: " + str(point), (10, 10), fontsize=32, color="white")
    if not fjender:
        screen.draw.text("Du vandt!", center=(300, 300), fontsize=72, color="yellow")
