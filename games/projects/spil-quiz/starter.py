# Quizzen
# Spørgsmålene står i filen spoergsmaal.txt. Svar med tasterne 1, 2, 3 eller med musen.
# Læs README.md - der står, hvad du skal gøre ved hver OPGAVE.
WIDTH = 600
HEIGHT = 460
TITLE = "Quizzen"

ugle = Actor("ugle", (540, 60))
knapper = [Rect((40, 200), (460, 60)), Rect((40, 280), (460, 60)), Rect((40, 360), (460, 60))]


def laes_spoergsmaal(filnavn):
    """Læs filen: én linje pr. spørgsmål, delt med semikolon."""
    liste = []
    # OPGAVE 1: Åbn filen, og lav hver linje om til en liste:
    # [spørgsmål, svar1, svar2, svar3, nummeret på det rigtige svar som tal].
    # Læg hver af dem i liste. Indtil da er her ét spørgsmål at prøve med:
    liste.append(["Hvad er 2 + 2?", "3", "4", "5", 2])
    return liste


spoergsmaal = laes_spoergsmaal("spoergsmaal.txt")
nr = 0
point = 0
faerdig = False
besked = ""


def svar(valg):
    global nr, point, faerdig, besked
    # OPGAVE 2: Giv et point, hvis valg er det rigtige svar, og gå videre
    # til næste spørgsmål (nr = nr + 1).
    # OPGAVE 3: Når der ikke er flere spørgsmål, skal faerdig være True.
    besked = "Du valgte " + str(valg)


def on_key_down(key):
    if key == keys.K_1:
        svar(1)
    elif key == keys.K_2:
        svar(2)
    elif key == keys.K_3:
        svar(3)


def on_mouse_down(pos):
    # OPGAVE 4: Find ud af, om der blev klikket på en af knapperne
    # (brug knapper[i].collidepoint(pos)), og kald svar() med knappens nummer.
    pass


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
