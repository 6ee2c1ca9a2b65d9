# Quizzen - løsning
WIDTH = 600
HEIGHT = 460
TITLE = "Quizzen"

ugle = Actor("ugle", (540, 60))
knapper = [Rect((40, 200), (460, 60)), Rect((40, 280), (460, 60)), Rect((40, 360), (460, 60))]


def laes_spoergsmaal(filnavn):
    """Læs filen: én linje pr. spørgsmål, delt med semikolon."""
    liste = []
    with open(filnavn, encoding="utf-8") as fil:
        for linje in fil:
            linje = linje.strip()
            if linje == "":
                continue
            dele = linje.split(";")
            liste.append([dele[0], dele[1], dele[2], dele[3], int(dele[4])])
    return liste


spoergsmaal = laes_spoergsmaal("spoergsmaal.txt")
nr = 0
point = 0
faerdig = False
besked = ""


def svar(valg):
    global nr, point, faerdig, besked
    if faerdig:
        return
    rigtigt = spoergsmaal[nr][4]
    if valg == rigtigt:
        point = point + 1
        besked = "Rigtigt!"
        sounds.rigtigt.play()
    else:
        besked = "Forkert - det rigtige svar var " + str(rigtigt)
        sounds.forkert.play()
    nr = nr + 1
    if nr == len(spoergsmaal):
        faerdig = True


def on_key_down(key):
    if key == keys.K_1:
        svar(1)
    elif key == keys.K_2:
        svar(2)
    elif key == keys.K_3:
        svar(3)


def on_mouse_down(pos):
    for i in range(len(knapper)):
        if knapper[i].collidepoint(pos):
            svar(i + 1)


def draw():
    screen.fill((30, 60, 90))
    ugle.draw()
    screen.draw.text("Point: " + str(point), (20, 20), fontsize=32, color="white")
    if faerdig:
        screen.draw.text("Færdig! Du fik " + str(point) + " ud af " + str(len(spoergsmaal)),
                         center=(WIDTH // 2, HEIGHT // 2), fontsize=40, color="yellow")
        return
    tekst, svar1, svar2, svar3, rigtigt = spoergsmaal[nr]
    screen.draw.text(tekst, (40, 110), fontsize=32, color="white", width=440)
    for i, svartekst in enumerate([svar1, svar2, svar3]):
        screen.draw.filled_rect(knapper[i], (60, 110, 160))
        screen.draw.text(str(i + 1) + ". " + svartekst, (knapper[i].x + 12, knapper[i].y + 18),
                         fontsize=26, color="white")
    screen.draw.text(besked, (40, 430), fontsize=24, color="lightgreen")
