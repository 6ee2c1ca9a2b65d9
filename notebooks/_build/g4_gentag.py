"""Grade 4: repetition with for and range - the bridge from indskoling's "gentag 3 gange".

Why here: indskoling repeats with the body (dance algorithms, robot games) and the micro:bit's
while True; lists come in grade 5. Between them pupils meet `for i in range(n)` with things
they can see: rows of symbols, a staircase, a countdown, a times table. Building a text in a
loop (raekke = raekke + tegn) is the running total with text, so g5-lister-og-loekker's sum is
the second time they meet the pattern, not the first.
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g4-gentag", "Gentagelser: mønstre og nedtællinger")
    nb.md("""
        # Gentagelser: mønstre og nedtællinger 🔁

        I indskolingen har I gentaget med kroppen: "gentag 3 gange: klap, stamp". Computere er
        gode til at gentage - de keder sig aldrig. I dag lærer du Pythons gentagelse, **for-løkken**,
        og bruger den til mønstre, en raketopsendelse og den lille tabel.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel 1: Gentag 3 gange

        Alt, der er rykket ind under `for`, bliver gentaget. `range(3)` betyder: *3 gange*.
    """)
    nb.code("""
        for i in range(3):
            print("Hip hip hurra!")
        print("Tillykke!")
    """)
    nb.md("""
        "Tillykke!" er ikke rykket ind. Derfor kommer den kun én gang - efter gentagelsen.

        ## Eksempel 2: Hvad er `i`?

        `i` er en variabel, som løkken selv ændrer. Den tæller - men den starter ved **0**.
        Med `range(1, 6)` starter den ved 1 og stopper **før** 6.
    """)
    nb.code("""
        for i in range(4):
            print("Runde", i)

        for tal in range(1, 6):
            print(tal, "gange 2 er", tal * 2)
    """)
    nb.md("""
        ## 🔮 Gæt først

        Læs programmet, men kør det ikke endnu. Hvor mange stjerner skriver det?

        ```python
        for i in range(4):
            print("*")
        ```

        Skriv dit gæt som et tal: `gaet_1 = ...`. Kør test-cellen, og kør så programmet.
    """)
    nb.guess("gaet-1", 1, "gaet_1", 4, 5)
    nb.code("""
        for i in range(4):
            print("*")
    """)

    nb.md("""
        Test-cellerne i dag bruger en lille hjælper, `skrevet`, der fanger det, en funktion
        skriver med `print`, som en liste af linjer. Kør cellen.
    """)
    nb.setup("""
        import contextlib, io

        def skrevet(funktion, *ting):
            \"\"\"De linjer, funktion(*ting) skriver med print.\"\"\"
            fanget = io.StringIO()
            with contextlib.redirect_stdout(fanget):
                funktion(*ting)
            return fanget.getvalue().splitlines()

        print("Klar!")
    """)

    nb.md("""
        ## Opgave 1: En række

        Skriv funktionen `raekke(antal, tegn)`, der giver en tekst med `tegn` gentaget `antal`
        gange tilbage. Brug en løkke: start med en tom tekst `""`, og læg tegnet til i hver runde.

        Eksempel: `raekke(3, "🍎")` skal give `"🍎🍎🍎"`.
    """)
    nb.solution("raekke", """
        def raekke(antal, tegn):
            ### BEGIN SOLUTION
            tekst = ""
            for i in range(antal):
                tekst = tekst + tegn
            return tekst
            ### END SOLUTION

        print(raekke(5, "🍎"))
    """)
    nb.tests("test-raekke", 2, """
        check_equal(raekke(3, "🍎"), "🍎🍎🍎")
    """, """
        check_equal(raekke(1, "*"), "*")
        check_equal(raekke(0, "*"), "", "Nul gange giver en tom tekst.")
        check_equal(raekke(4, "ab"), "abababab")
    """)
    nb.mutant("raekke", "return tegn", "test-raekke")
    nb.mutant("raekke", """
        tekst = tegn
        for i in range(antal):
            tekst = tekst + tegn
        return tekst
    """, "test-raekke")
    nb.mutant("raekke", 'return "🍎🍎🍎"', "test-raekke", hidden_only=True)

    nb.md("""
        ## Opgave 2: En trappe

        Skriv funktionen `trappe(hoejde)`, der **skriver** (med `print`) en trappe af stjerner:
        én stjerne på første linje, to på anden, og så videre op til `hoejde`.
        Brug `range(1, hoejde + 1)` og din funktion `raekke`.

        `trappe(3)` skal skrive:
        ```
        *
        **
        ***
        ```
    """)
    nb.solution("trappe", """
        def trappe(hoejde):
            ### BEGIN SOLUTION
            for trin in range(1, hoejde + 1):
                print(raekke(trin, "*"))
            ### END SOLUTION

        trappe(4)
    """)
    nb.tests("test-trappe", 2, """
        check_equal(skrevet(trappe, 3), ["*", "**", "***"])
    """, """
        check_equal(skrevet(trappe, 1), ["*"])
        check_equal(skrevet(trappe, 5), ["*", "**", "***", "****", "*****"])
        check_equal(skrevet(trappe, 0), [], "En trappe med højden 0 har ingen trin.")
    """)
    nb.mutant("trappe", """
        for trin in range(hoejde):
            print(raekke(trin, "*"))
    """, "test-trappe")
    nb.mutant("trappe", """
        for trin in range(1, hoejde + 1):
            print(raekke(hoejde, "*"))
    """, "test-trappe")

    nb.md("""
        ## Opgave 3: Raketten

        Skriv funktionen `nedtaelling(fra)`, der skriver tallene fra `fra` og ned til 1 - ét tal
        på hver linje - og til sidst `Affyring!`.

        Tip: Lav en variabel `tal = fra` før løkken. Skriv `tal` i løkken, og gør den 1 mindre
        hver gang: `tal = tal - 1`.

        `nedtaelling(3)` skal skrive `3`, `2`, `1` og `Affyring!` på hver sin linje.
    """)
    nb.solution("nedtaelling", """
        def nedtaelling(fra):
            ### BEGIN SOLUTION
            tal = fra
            for i in range(fra):
                print(tal)
                tal = tal - 1
            print("Affyring!")
            ### END SOLUTION

        nedtaelling(5)
    """)
    nb.tests("test-nedtaelling", 2, """
        check_equal(skrevet(nedtaelling, 3), ["3", "2", "1", "Affyring!"])
    """, """
        check_equal(skrevet(nedtaelling, 1), ["1", "Affyring!"])
        check_equal(skrevet(nedtaelling, 5), ["5", "4", "3", "2", "1", "Affyring!"])
    """)
    nb.mutant("nedtaelling", """
        tal = fra
        for i in range(fra):
            print(tal)
            tal = tal - 1
            print("Affyring!")
    """, "test-nedtaelling")
    nb.mutant("nedtaelling", """
        for i in range(fra):
            print(i)
        print("Affyring!")
    """, "test-nedtaelling")

    nb.md("""
        ## Opgave 4: Den lille tabel

        Skriv funktionen `tabel(tal)`, der skriver tabellen for `tal` fra 1 til 10, sådan her
        for `tabel(7)`:
        ```
        1 x 7 = 7
        2 x 7 = 14
        ...
        10 x 7 = 70
        ```
        Tip: `print(gange, "x", tal, "=", gange * tal)` sætter selv mellemrum mellem delene.
    """)
    nb.solution("tabel", """
        def tabel(tal):
            ### BEGIN SOLUTION
            for gange in range(1, 11):
                print(gange, "x", tal, "=", gange * tal)
            ### END SOLUTION

        tabel(7)
    """)
    nb.tests("test-tabel", 2, """
        linjer = skrevet(tabel, 7)
        check_equal(len(linjer), 10, "Tabellen skal have 10 linjer, fra 1 til 10.")
        check_equal(linjer[0], "1 x 7 = 7")
        check_equal(linjer[9], "10 x 7 = 70")
    """, """
        check_equal(skrevet(tabel, 3)[4], "5 x 3 = 15")
        check_equal(skrevet(tabel, 1)[9], "10 x 1 = 10")
    """)
    nb.mutant("tabel", """
        for gange in range(10):
            print(gange, "x", tal, "=", gange * tal)
    """, "test-tabel")
    nb.mutant("tabel", """
        for gange in range(1, 11):
            print(gange, "x", 7, "=", gange * 7)
    """, "test-tabel", hidden_only=True)

    nb.md("""
        ## 🔮 Gæt først: Læg sammen i en løkke

        Læs programmet, men kør det ikke endnu. Hvad skriver det til sidst?

        ```python
        summen = 0
        for tal in range(1, 5):
            summen = summen + tal
        print(summen)
        ```

        Tip: Skriv `summen` ned på papir efter hver runde. Skriv dit gæt som `gaet_2 = ...`.
    """)
    nb.guess("gaet-2", 1, "gaet_2", 10, 15)
    nb.code("""
        summen = 0
        for tal in range(1, 5):
            summen = summen + tal
            print("Efter", tal, "er summen", summen)
        print(summen)
    """)
    nb.md("""
        ## Legeplads 🛝

        Idéer: Lav et mønster med to slags tegn (`🟥🟦🟥🟦`), en sang med gentagelser, eller en
        nedtælling, der tæller 2 ned ad gangen.
    """)
    nb.code("""
        # Skriv din egen gentagelse her
    """)
    return nb
