"""Grade 5 (AI strand): label training data by hand, then let a nearest-neighbour classifier use it.

Why: "AI" is data plus a rule that compares. Pupils first do the part people do - labelling
the training pictures - then program the comparing (count differing pixels, find the most
similar example, measure accuracy). The classifier fails on smileys with the mouth higher up,
because nothing like them was in the training data; pupils draw new training pictures and see
it improve. That is the whole story of representative training data, on 5 x 5 pixels (the
micro:bit's screen).
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g5-traen-en-klassifikator", "Træn en maskine: glad eller sur?")
    nb.md("""
        # Træn en maskine: glad eller sur? 🙂🙁

        Mange apps kan "se", hvad der er på et billede. Det kaldes **kunstig intelligens** (AI).
        Men hvordan lærer en maskine det? I dag bygger du selv en lille AI, der skal kende forskel
        på glade og sure smileys - tegnet på 5 × 5 pixels, ligesom micro:bit'ens skærm.

        Det sker i tre trin:
        1. **Du** sætter mærkater på træningsbillederne (det gør mennesker også i virkeligheden).
        2. Du programmerer maskinen til at finde det træningsbillede, der ligner mest.
        3. Du tester maskinen på nye billeder - og gør den bedre.
    """)
    nb.md(HOW_TO)
    nb.md("""
        Kør cellen herunder. Et billede er en tekst med 25 tegn: `#` er en tændt pixel og `.` en
        slukket, række for række. Funktionen `vis` tegner billedet.
    """)
    nb.setup("""
        def vis(billede):
            for raekke in range(5):
                linje = billede[raekke * 5:raekke * 5 + 5]
                print(linje.replace("#", "⬛").replace(".", "⬜"))

        traening = [
            ".#.#." "....." "#...#" ".###." ".....",
            ".#.#." "....." ".###." "#...#" ".....",
            ".#.#." "....." "....." "#...#" ".###.",
            ".#.#." "....." "....." ".###." "#...#",
            "##.##" "....." "#...#" ".###." ".....",
            "##.##" "....." ".###." "#...#" ".....",
            ".#..." "....." "#...#" ".###." ".....",
            "...#." "....." ".###." "#...#" ".....",
        ]
        for nummer in range(len(traening)):
            print("Billede", nummer + 1)
            vis(traening[nummer])
            print()
    """)
    nb.md("""
        ## Opgave 1: Sæt mærkater på træningsbillederne

        Se på de 8 billeder. Skriv en liste `maerkater` med `"glad"` eller `"sur"` for hvert
        billede, i samme rækkefølge. Det er **dig**, der lærer maskinen, hvad der er rigtigt -
        så vær omhyggelig!
    """)
    nb.solution("maerkater", """
        ### BEGIN SOLUTION
        maerkater = ["glad", "sur", "glad", "sur", "glad", "sur", "glad", "sur"]
        ### END SOLUTION
    """)
    nb.tests("test-maerkater", 2, """
        check_equal(len(maerkater), 8, "Der skal være én mærkat for hvert af de 8 billeder.")
        check_true(all(m in ["glad", "sur"] for m in maerkater), 'Hver mærkat skal være "glad" eller "sur".')
    """, """
        rigtige = ["glad", "sur", "glad", "sur", "glad", "sur", "glad", "sur"]
        check_true(sum(1 for i in range(8) if maerkater[i] == rigtige[i]) >= 7,
                   "Flere af mærkaterne passer ikke til billederne. Se på munden igen.")
    """)
    nb.mutant("maerkater", 'maerkater = ["glad"] * 8', "test-maerkater", hidden_only=True)
    nb.mutant("maerkater", 'maerkater = ["glad", "sur"]', "test-maerkater")

    nb.md("""
        ## Opgave 2: Hvor forskellige er to billeder?

        Maskinen sammenligner billeder pixel for pixel. Skriv `forskel(a, b)`, der tæller, hvor
        mange af de 25 pladser der er forskellige i billede `a` og billede `b`.

        Tip: `a[0]` er det første tegn, `a[1]` det næste. Brug `for i in range(len(a)):`.

        Eksempel: `forskel("#....", "##..#")` giver `2`.
    """)
    nb.solution("forskel", """
        def forskel(a, b):
            ### BEGIN SOLUTION
            antal = 0
            for i in range(len(a)):
                if a[i] != b[i]:
                    antal = antal + 1
            return antal
            ### END SOLUTION

        print(forskel(traening[0], traening[1]))
    """)
    nb.tests("test-forskel", 2, """
        check_equal(forskel("#....", "##..#"), 2)
        check_equal(forskel(traening[0], traening[0]), 0)
    """, """
        check_equal(forskel(traening[0], traening[1]), 10)
        check_equal(forskel("#####", "....."), 5)
    """)
    nb.mutant("forskel", """
        antal = 0
        for i in range(len(a)):
            if a[i] == b[i]:
                antal = antal + 1
        return antal
    """, "test-forskel")
    nb.mutant("forskel", """
        antal = 0
        for i in range(len(a)):
            if a[i] != b[i]:
                antal = antal + 1
            return antal
    """, "test-forskel")

    nb.md("""
        ## Opgave 3: Hvem ligner mest?

        Nu kommer maskinens "intelligens": for et nyt billede finder den det træningsbillede,
        der har **mindst** forskel - og giver dets mærkat tilbage. Det er algoritmen *"find den
        mindste"*.

        Skriv `gaet(billede, eksempler, maerker)`. Hvis to eksempler er lige tæt på, vinder det
        første.
    """)
    nb.solution("gaet", """
        def gaet(billede, eksempler, maerker):
            ### BEGIN SOLUTION
            bedste = 0
            for i in range(len(eksempler)):
                if forskel(billede, eksempler[i]) < forskel(billede, eksempler[bedste]):
                    bedste = i
            return maerker[bedste]
            ### END SOLUTION

        nyt = "#...#" "....." "#...#" ".###." "....."
        vis(nyt)
        print("Maskinen gætter:", gaet(nyt, traening, maerkater))
    """)
    nb.tests("test-gaet", 2, """
        check_equal(gaet(traening[1], traening, maerkater), maerkater[1])
        check_equal(gaet("#...#" "....." "#...#" ".###." ".....", traening, ["glad", "sur"] * 4), "glad")
    """, """
        check_equal(gaet("#...#" "....." ".###." "#...#" ".....", traening, ["glad", "sur"] * 4), "sur")
        check_equal(gaet("#...#" "....." ".###." "#...#" ".....", traening, ["a", "b", "c", "d", "e", "f", "g", "h"]), "f")
        check_equal(gaet("....." * 5, ["#" * 25, "." * 25, "." * 25], ["x", "y", "z"]), "y", "Er to lige tæt på, vinder det første.")
    """)
    nb.mutant("gaet", """
        bedste = 0
        for i in range(len(eksempler)):
            if forskel(billede, eksempler[i]) > forskel(billede, eksempler[bedste]):
                bedste = i
        return maerker[bedste]
    """, "test-gaet")
    nb.mutant("gaet", """
        bedste = 0
        for i in range(len(eksempler)):
            if forskel(billede, eksempler[i]) <= forskel(billede, eksempler[bedste]):
                bedste = i
        return maerker[bedste]
    """, "test-gaet", hidden_only=True)

    nb.md("""
        ## Opgave 4: Hvor god er maskinen?

        Vi tester maskinen på 6 billeder, den aldrig har set. Vi kender svaret (`facit`).
        Skriv `noejagtighed(billeder, facit, eksempler, maerker)`, der giver, hvor stor en del
        maskinen gætter rigtigt - som et kommatal: 3 rigtige ud af 6 giver `0.5`.
    """)
    nb.setup("""
        test_billeder = [
            "#...#" "....." "#...#" ".###." ".....",
            "#...#" "....." ".###." "#...#" ".....",
            ".#.#." "#...#" ".###." "....." ".....",
            ".#.#." ".###." "#...#" "....." ".....",
            "..#.." "....." "#...#" ".###." ".....",
            "..#.." "....." ".###." "#...#" ".....",
        ]
        facit = ["glad", "sur", "glad", "sur", "glad", "sur"]
    """)
    nb.solution("noejagtighed", """
        def noejagtighed(billeder, facit, eksempler, maerker):
            ### BEGIN SOLUTION
            rigtige = 0
            for i in range(len(billeder)):
                if gaet(billeder[i], eksempler, maerker) == facit[i]:
                    rigtige = rigtige + 1
            return rigtige / len(billeder)
            ### END SOLUTION

        print("Maskinen har", noejagtighed(test_billeder, facit, traening, maerkater), "rigtige")
    """)
    nb.tests("test-noejagtighed", 2, """
        check_close(noejagtighed(test_billeder, facit, traening, ["glad", "sur"] * 4), 4 / 6)
    """, """
        check_close(noejagtighed(test_billeder[:2], facit[:2], traening, ["glad", "sur"] * 4), 1.0)
        check_close(noejagtighed(test_billeder, facit, traening, ["sur", "glad"] * 4), 2 / 6)
    """)
    nb.mutant("noejagtighed", """
        rigtige = 0
        for i in range(len(billeder)):
            if gaet(billeder[i], eksempler, maerker) == facit[i]:
                rigtige = rigtige + 1
        return rigtige
    """, "test-noejagtighed")

    nb.md("""
        ## Undersøg: Hvad gik galt?

        Kør cellen. Den viser de testbilleder, maskinen gættede forkert.
        Se på dem, og se på træningsbillederne igen. Hvad har maskinen **aldrig** set?
    """)
    nb.code("""
        for i in range(len(test_billeder)):
            svar = gaet(test_billeder[i], traening, maerkater)
            if svar != facit[i]:
                vis(test_billeder[i])
                print("Maskinen sagde", svar, "- men det er", facit[i])
                print()
    """)
    nb.md("""
        ## Opgave 5: Lær maskinen mere

        Tegn **to nye træningsbilleder**: en glad og en sur smiley, hvor munden sidder højt oppe
        (i række 2 og 3), ligesom dem maskinen tog fejl af. Skriv dem i `nye_billeder` (25 tegn
        hver, kun `#` og `.`) og deres mærkater i `nye_maerker`.

        Du må ikke kopiere testbillederne. Hvorfor ikke, tror du?

        Maskinen skal have mindst 5 af de 6 testbilleder rigtige med de nye træningsdata.
    """)
    nb.solution("nye-billeder", """
        ### BEGIN SOLUTION
        nye_billeder = [
            ".#.#." "#...#" ".###." "....." ".....",
            ".#.#." ".###." "#...#" "....." ".....",
        ]
        nye_maerker = ["glad", "sur"]
        ### END SOLUTION
        for billede in nye_billeder:
            vis(billede)
            print()
        alle_billeder = traening + nye_billeder
        alle_maerker = maerkater + nye_maerker
        print("Nu har maskinen", noejagtighed(test_billeder, facit, alle_billeder, alle_maerker), "rigtige")
    """)
    nb.tests("test-nye-billeder", 2, """
        check_true(all(len(b) == 25 and set(b) <= set("#.") for b in nye_billeder),
                   "Hvert billede skal have 25 tegn, kun # og .")
        check_equal(len(nye_billeder), len(nye_maerker), "Der skal være én mærkat pr. nyt billede.")
        check_true(noejagtighed(test_billeder, facit, traening + nye_billeder, ["glad", "sur"] * 4 + nye_maerker) >= 5 / 6,
                   "Maskinen har stadig ikke mindst 5 af 6 rigtige. Tegn munden højere oppe.")
    """, """
        nye_test = [
            "##.##" "#...#" ".###." "....." ".....",
            "##.##" ".###." "#...#" "....." ".....",
        ]
        check_true(noejagtighed(nye_test, ["glad", "sur"], traening + nye_billeder, ["glad", "sur"] * 4 + nye_maerker) >= 0.5,
                   "Maskinen gætter forkert på andre smileys med munden højt oppe. Tjek dine mærkater.")
    """)
    nb.mutant("nye-billeder", """
        nye_billeder = []
        nye_maerker = []
    """, "test-nye-billeder")
    nb.mutant("nye-billeder", """
        nye_billeder = [
            ".#.#." "#...#" ".###." "....." ".....",
            ".#.#." ".###." "#...#" "....." ".....",
        ]
        nye_maerker = ["sur", "glad"]
    """, "test-nye-billeder")

    nb.md("""
        ## Opgave 6: Hvad lærte du om AI?

        Skriv 3-4 sætninger:
        * Hvorfor tog maskinen fejl i starten - og hvorfor hjalp dine nye billeder?
        * En rigtig AI, der genkender ansigter, er mest trænet på billeder af voksne. Hvad kan der
          ske, når den skal bruges på børn?
    """)
    nb.answer("svar-ai", 2, """
        Maskinen forstår ikke, hvad en mund er. Den finder bare det træningsbillede, der har flest
        ens pixels. Den havde aldrig set en mund højt oppe, så den gættede forkert. Med mine nye
        billeder havde den eksempler, der lignede. En AI, der mest har set voksne, kan tage fejl
        af børn, fordi de ikke ligner træningsdataene - så virker den dårligere for børn.
        (Til læreren: 1 point for at forklare, at maskinen kun sammenligner med træningsdata;
        1 point for en konsekvens af, at træningsdata ikke ligner dem, AI'en bruges på.
        Samtale: derfor må man heller ikke teste på de billeder, man har trænet på.)
    """)
    return nb
