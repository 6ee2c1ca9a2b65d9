"""Grade 7: PRIMM for udskoling - predict the tricky cases, read tracebacks, fix four typical bugs.

Why: from grade 7 programs get longer (dictionaries, functions calling functions, games with
global state). The misconceptions that cost the most time are predictable: two names for one
list, a local variable hiding a global one, return inside a loop, a loop that never ends.
Predicting them first, then naming the error type from the traceback and fixing the code,
gives pupils a method ("læs fejlen nedefra, find linjen, print værdierne") instead of guessing.
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g7-fejljagt", "Fejljagt: læs, gæt og ret som en programmør")
    nb.md("""
        # Fejljagt: læs, gæt og ret som en programmør 🐞🔍

        Selv erfarne programmører laver fejl hver dag. Forskellen er, at de har en **metode**:

        1. **Gæt først.** Hvad burde koden gøre? Skriv det ned, før du kører den.
        2. **Læs fejlbeskeden nedefra.** Den sidste linje siger, *hvilken* fejl (fx `KeyError`);
           linjerne over siger, *hvor* den skete.
        3. **Se værdierne.** Sæt `print(...)` ind lige før linjen med fejlen.
        4. **Ret én ting ad gangen,** og kør igen.
    """)
    nb.md(HOW_TO)

    nb.md("""
        ## 🔮 Gæt 1: To navne, én liste

        ```python
        a = [1, 2]
        b = a
        b.append(3)
        print(len(a))
        ```
        Hvad skriver programmet? Skriv dit gæt som `gaet_1 = ...`.
    """)
    nb.guess("gaet-1", 1, "gaet_1", 3, 2)
    nb.code("""
        a = [1, 2]
        b = a
        b.append(3)
        print(len(a), a)
        c = list(a)      # en rigtig kopi
        c.append(4)
        print(a, c)
    """)
    nb.md("""
        `b = a` laver **ikke** en ny liste: `a` og `b` er to navne for den samme liste. Med tal
        (som i 4. klasse) mærker man det ikke, for et tal kan ikke ændres - men en liste kan.
        Vil du have en kopi, skriver du `list(a)`.

        ## 🔮 Gæt 2: Hvilken `point`?

        ```python
        point = 10

        def bonus():
            point = 20

        bonus()
        print(point)
        ```
        Hvad skriver programmet? Skriv dit gæt som `gaet_2 = ...`.
    """)
    nb.guess("gaet-2", 1, "gaet_2", 10, 20)
    nb.code("""
        point = 10

        def bonus():
            point = 20
            print("Inde i bonus:", point)

        bonus()
        print("Udenfor:", point)
    """)
    nb.md("""
        `point = 20` inde i funktionen laver en **ny, lokal** variabel, der forsvinder, når
        funktionen er færdig. Det er derfor, man i Pygame Zero skriver `global point` i `update()`.
        Endnu bedre er at lade funktionen give en værdi tilbage med `return`.

        ## 🔮 Gæt 3: Optælling med en ordbog

        ```python
        antal = {}
        for dyr in ["kat", "hund", "kat", "fisk", "kat"]:
            antal[dyr] = antal.get(dyr, 0) + 1
        print(antal["kat"])
        ```
        Skriv dit gæt som `gaet_3 = ...`.
    """)
    nb.guess("gaet-3", 1, "gaet_3", 3, 1)
    nb.code("""
        antal = {}
        for dyr in ["kat", "hund", "kat", "fisk", "kat"]:
            antal[dyr] = antal.get(dyr, 0) + 1
        print(antal)
    """)

    nb.md("""
        ## 🐞 Fejl 1: Kantinens priser

        Kantinen har en funktion, der slår prisen op. Kør cellen, og læs fejlbeskeden **nedefra**.
    """)
    nb.broken("""
        priser = {"mælk": 6, "bolle": 8, "æble": 4}

        def pris(vare):
            return priser[vare]

        print(pris("bolle"))
        print(pris("Mælk"))
    """)
    nb.md("""
        Hvad hedder fejltypen (det første ord i den sidste linje)? Skriv det som tekst:
        `fejltype = "..."`.
    """)
    nb.guess("fejltype", 1, "fejltype", "KeyError", "NameError")
    nb.md("""
        Eleverne skriver varerne med og uden stort begyndelsesbogstav og nogle gange med
        mellemrum. Skriv `pris(vare)` igen, så `"Mælk"`, `"mælk"` og `" mælk "` alle giver 6.
        En vare, kantinen ikke har, skal give `None`.

        Tip: `.strip()` fjerner mellemrum i enderne, og `priser.get(noegle)` giver `None`,
        hvis nøglen ikke findes.
    """)
    nb.solution("pris", """
        ### BEGIN SOLUTION
        def pris(vare):
            return priser.get(vare.strip().lower())
        ### END SOLUTION

        print(pris("Mælk"), pris(" bolle "), pris("pizza"))
    """)
    nb.tests("test-pris", 2, """
        check_equal(pris("Mælk"), 6)
        check_equal(pris("bolle"), 8)
    """, """
        check_equal(pris(" ÆBLE "), 4)
        check_equal(pris("pizza"), None, "En vare, kantinen ikke har, skal give None - ikke en fejl.")
    """)
    nb.mutant("pris", """
        def pris(vare):
            return priser[vare.lower()]
    """, "test-pris", hidden_only=True)
    nb.mutant("pris", """
        def pris(vare):
            return priser[vare]
    """, "test-pris")

    nb.md("""
        ## 🐞 Fejl 2: Den største måling

        Funktionen skal finde den højeste temperatur i en liste. Den giver et forkert svar uden
        nogen fejlbesked - den sværeste slags fejl. Kør cellen.
    """)
    nb.broken("""
        def hoejeste(maalinger):
            stoerst = maalinger[0]
            for m in maalinger:
                if m > stoerst:
                    stoerst = m
                return stoerst

        print(hoejeste([18, 21, 25, 19]))
    """)
    nb.md("""
        Tip: Sæt `print("m er", m, "og stoerst er", stoerst)` ind i løkken og se, hvor mange
        gange løkken kører. Skriv derefter `hoejeste` rigtigt. (`max` er ikke tilladt her.)
    """)
    nb.solution("hoejeste", """
        ### BEGIN SOLUTION
        def hoejeste(maalinger):
            stoerst = maalinger[0]
            for m in maalinger:
                if m > stoerst:
                    stoerst = m
            return stoerst
        ### END SOLUTION

        print(hoejeste([18, 21, 25, 19]))
    """)
    nb.tests("test-hoejeste", 2, """
        check_equal(hoejeste([18, 21, 25, 19]), 25)
    """, """
        check_equal(hoejeste([30, 21, 25]), 30)
        check_equal(hoejeste([-5, -2, -9]), -2, "Husk, at alle målingerne kan være under 0.")
        check_equal(hoejeste([7]), 7)
    """)
    nb.mutant("hoejeste", """
        def hoejeste(maalinger):
            stoerst = maalinger[0]
            for m in maalinger:
                if m > stoerst:
                    stoerst = m
                return stoerst
    """, "test-hoejeste")
    nb.mutant("hoejeste", """
        def hoejeste(maalinger):
            stoerst = 0
            for m in maalinger:
                if m > stoerst:
                    stoerst = m
            return stoerst
    """, "test-hoejeste", hidden_only=True)

    nb.md("""
        ## 🐞 Fejl 3: Gennemsnittet

        Funktionen skal regne gennemsnittet af karaktererne, men svaret er for lavt. Kør cellen.
    """)
    nb.broken("""
        def gennemsnit(tal):
            summen = 0
            for i in range(1, len(tal)):
                summen = summen + tal[i]
            return summen / len(tal)

        print(gennemsnit([10, 7, 4]))
    """)
    nb.md("""
        Skriv `gennemsnit` rigtigt. Tip: Hvilke pladser går `range(1, len(tal))` igennem?
    """)
    nb.solution("gennemsnit", """
        ### BEGIN SOLUTION
        def gennemsnit(tal):
            summen = 0
            for t in tal:
                summen = summen + t
            return summen / len(tal)
        ### END SOLUTION

        print(gennemsnit([10, 7, 4]))
    """)
    nb.tests("test-gennemsnit", 2, """
        check_close(gennemsnit([10, 7, 4]), 7.0)
    """, """
        check_close(gennemsnit([12]), 12.0)
        check_close(gennemsnit([2, 4, 7, 10]), 5.75)
    """)
    nb.mutant("gennemsnit", """
        def gennemsnit(tal):
            summen = 0
            for i in range(1, len(tal)):
                summen = summen + tal[i]
            return summen / len(tal)
    """, "test-gennemsnit")
    nb.mutant("gennemsnit", """
        def gennemsnit(tal):
            summen = 0
            for t in tal:
                summen = summen + t
            return summen // len(tal)
    """, "test-gennemsnit", hidden_only=True)

    nb.md("""
        ## 🐞 Fejl 4: Løkken, der aldrig stopper

        Denne funktion skal finde ud af, hvor mange år der går, før en opsparing med 5 % rente om
        året er blevet mindst dobbelt så stor. **Kør den ikke** - den stopper aldrig:

        ```python
        def aar_til_dobbelt(start):
            beloeb = start
            aar = 0
            while beloeb < 2 * start:
                aar = aar + 1
            return aar
        ```

        Hvorfor stopper `while`-løkken aldrig? Skriv funktionen rigtigt: hvert år vokser
        beløbet med 5 % (`beloeb = beloeb * 1.05`).
    """)
    nb.solution("dobbelt", """
        ### BEGIN SOLUTION
        def aar_til_dobbelt(start):
            beloeb = start
            aar = 0
            while beloeb < 2 * start:
                beloeb = beloeb * 1.05
                aar = aar + 1
            return aar
        ### END SOLUTION

        print(aar_til_dobbelt(1000))
    """)
    nb.tests("test-dobbelt", 2, """
        check_equal(aar_til_dobbelt(1000), 15)
    """, """
        check_equal(aar_til_dobbelt(1), 15)
        check_equal(aar_til_dobbelt(50), 15)
    """)
    nb.mutant("dobbelt", """
        def aar_til_dobbelt(start):
            beloeb = start
            aar = 0
            while beloeb < 2 * start:
                beloeb = beloeb + 5
                aar = aar + 1
            return aar
    """, "test-dobbelt")
    nb.mutant("dobbelt", """
        def aar_til_dobbelt(start):
            return 15 if start == 1000 else 0
    """, "test-dobbelt", hidden_only=True)

    nb.md("""
        ## Opgave: Dit råd til en yngre elev

        Hvilken af dagens fejl var sværest at finde - og hvordan fandt du den? Skriv 3-5
        sætninger som et råd til en elev i 5. klasse, der sidder fast med en fejl.
    """)
    nb.answer("svar-raad", 2, """
        Fejl 2 var sværest, fordi der ikke kom nogen fejlbesked - svaret var bare forkert. Jeg
        satte print ind i løkken og så, at den kun kørte én gang, fordi return var rykket for
        langt ind. Mit råd: Gæt først, hvad der burde ske. Læs den sidste linje i fejlbeskeden.
        Print værdierne undervejs, og ret én ting ad gangen.
        (Til læreren: 1 point for en konkret beskrivelse af, hvordan fejlen blev fundet; 1 point
        for et råd, der er en metode - ikke bare "spørg læreren".)
    """)
    return nb
