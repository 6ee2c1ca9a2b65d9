"""Grade 5: data about the class - lists, counting, averages and a text bar chart."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g5-klassens-data", "Klassens data")
    nb.md("""
        # Klassens data 📊

        5.B har lavet en spørgeskemaundersøgelse. Alle 22 elever har svaret på:

        * Hvordan kommer du i skole?
        * Hvor mange timer sov du i nat?

        Svarene er gemt i to **lister**. I dag skal du få computeren til at tælle, regne
        gennemsnit og tegne et søjlediagram - med tekst!
    """)
    nb.md(HOW_TO)
    nb.md("Kør cellen herunder, så computeren kender svarene.")
    nb.setup("""
        transport = ["cykel", "gå", "bil", "cykel", "bus", "cykel", "gå", "bil", "cykel", "cykel",
                     "gå", "bus", "bil", "cykel", "gå", "cykel", "bil", "cykel", "gå", "bus",
                     "cykel", "løbehjul"]
        soevn = [9, 8, 10, 9, 7, 8, 9, 11, 8, 9, 10, 6, 9, 8, 9, 10, 8, 7, 9, 9, 8, 10]
        print("Antal svar:", len(transport), "og", len(soevn))
    """)
    nb.md("""
        ## Eksempel: Læg tal sammen med en løkke

        En `for`-løkke kan gå gennem alle tal i en liste. Her lægger vi alle timerne sammen.
        Variablen `i_alt` starter på 0 og vokser for hvert tal.
    """)
    nb.code("""
        i_alt = 0
        for timer in soevn:
            i_alt = i_alt + timer
        print("Klassen sov i alt", i_alt, "timer")
    """)
    nb.md("""
        ## Opgave 1: Gennemsnit

        Gennemsnittet er summen af alle tallene delt med, hvor mange tal der er.
        Skriv funktionen `gennemsnit(tal)`, der regner gennemsnittet af en liste med tal.

        Eksempel: `gennemsnit([8, 10])` giver `9.0`.
    """)
    nb.solution("gennemsnit", """
        def gennemsnit(tal):
            ### BEGIN SOLUTION
            i_alt = 0
            for t in tal:
                i_alt = i_alt + t
            return i_alt / len(tal)
            ### END SOLUTION

        print("5.B sov i gennemsnit", gennemsnit(soevn), "timer")
    """)
    nb.tests("test-gennemsnit", 2, """
        check_close(gennemsnit([8, 10]), 9.0)
        check_close(gennemsnit([7, 8, 9]), 8.0)
    """, """
        check_close(gennemsnit([5]), 5.0)
        check_close(gennemsnit([1, 2]), 1.5)
        check_close(gennemsnit(soevn), 191 / 22)
        check_close(gennemsnit([10, 0, 0, 0]), 2.5)
    """)
    nb.mutant("gennemsnit", "return sum(tal) // len(tal)", "test-gennemsnit", hidden_only=True)
    nb.mutant("gennemsnit", "return (tal[0] + tal[-1]) / 2", "test-gennemsnit", hidden_only=True)

    nb.md("""
        ## Opgave 2: Tæl

        Skriv funktionen `tael(liste, svar)`, der tæller, hvor mange gange `svar` står i `liste`.
        Brug en løkke og en `if`.

        Eksempel: `tael(["bil", "gå", "bil"], "bil")` giver `2`.
    """)
    nb.solution("tael", """
        def tael(liste, svar):
            ### BEGIN SOLUTION
            antal = 0
            for ting in liste:
                if ting == svar:
                    antal = antal + 1
            return antal
            ### END SOLUTION

        print("Så mange cykler:", tael(transport, "cykel"))
    """)
    nb.tests("test-tael", 2, """
        check_equal(tael(["bil", "gå", "bil"], "bil"), 2)
    """, """
        check_equal(tael(["bil", "gå", "bil"], "gå"), 1)
        check_equal(tael(["bil", "gå", "bil"], "bus"), 0, "Hvis svaret ikke er der, skal resultatet være 0.")
        check_equal(tael([], "bil"), 0)
        check_equal(tael(transport, "cykel"), 9)
        check_equal(tael(soevn, 9), 8)
    """)
    nb.mutant("tael", "return 2", "test-tael", hidden_only=True)
    nb.mutant("tael", "return len(liste) - 1", "test-tael", hidden_only=True)

    nb.md("""
        ## Opgave 3: En søjle af tekst

        Et søjlediagram kan tegnes med tegn. Skriv funktionen `soejle(navn, antal)`, der giver
        en tekst med navnet, et kolon, et mellemrum og så `antal` stjerner.

        Eksempel: `soejle("bus", 3)` giver `"bus: ***"`.

        Tip: `"*" * 3` giver `"***"`.
    """)
    nb.solution("soejle", """
        def soejle(navn, antal):
            ### BEGIN SOLUTION
            return navn + ": " + "*" * antal
            ### END SOLUTION
    """)
    nb.tests("test-soejle", 2, """
        check_equal(soejle("bus", 3), "bus: ***")
    """, """
        check_equal(soejle("cykel", 9), "cykel: *********")
        check_equal(soejle("løbehjul", 1), "løbehjul: *")
        check_equal(soejle("fly", 0), "fly: ")
    """)
    nb.mutant("soejle", 'return navn + ": ***"', "test-soejle", hidden_only=True)

    nb.md("""
        ## Opgave 4: Hele diagrammet

        Nu skal du bruge `tael` og `soejle` sammen. Skriv funktionen `diagram(liste, svarmuligheder)`,
        der giver en **liste** med én søjle for hver svarmulighed, i samme rækkefølge.

        Eksempel: `diagram(["bil", "gå", "bil"], ["bil", "gå"])` giver `["bil: **", "gå: *"]`.

        Kør derefter cellen under testen og se klassens diagram.
    """)
    nb.solution("diagram", """
        def diagram(liste, svarmuligheder):
            ### BEGIN SOLUTION
            linjer = []
            for svar in svarmuligheder:
                linjer.append(soejle(svar, tael(liste, svar)))
            return linjer
            ### END SOLUTION
    """)
    nb.tests("test-diagram", 2, """
        check_equal(diagram(["bil", "gå", "bil"], ["bil", "gå"]), ["bil: **", "gå: *"])
    """, """
        check_equal(diagram(["bil", "gå", "bil"], ["gå", "bus", "bil"]), ["gå: *", "bus: ", "bil: **"])
        check_equal(diagram([], ["bil"]), ["bil: "])
        check_equal(diagram(transport, ["cykel", "bus"]), ["cykel: *********", "bus: ***"])
    """)
    nb.mutant("diagram", """
        linjer = []
        for svar in liste:
            linjer.append(soejle(svar, tael(liste, svar)))
        return linjer[:len(svarmuligheder)]
    """, "test-diagram", hidden_only=True)
    nb.code("""
        for linje in diagram(transport, ["cykel", "gå", "bil", "bus", "løbehjul"]):
            print(linje)
    """)
    nb.md("""
        ## Opgave 5: Jeres egne data

        Hvis jeres klasse skulle lave sådan en undersøgelse: Skriv ét spørgsmål, som det ville være
        sjovt eller nyttigt at stille klassen - og ét spørgsmål, som I **ikke** bør stille, fordi
        svarene er for private. Forklar hvorfor.
    """)
    nb.answer("svar-egne-data", 2, """
        Sjovt spørgsmål: "Hvad er din yndlingsfrugt?" - så kunne vi vælge frugt til klassens tur.
        For privat: "Hvor meget tjener dine forældre?" - det er ikke noget, andre skal vide, og
        det kan gøre nogen kede af det, selvom man ikke skriver navn på.
        (Til læreren: giv point for et brugbart spørgsmål og et privat spørgsmål med en begrundelse.)
    """)
    return nb
