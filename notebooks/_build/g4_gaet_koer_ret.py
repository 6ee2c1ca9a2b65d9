"""Grade 4: PRIMM - predict, run, investigate, then find and fix the bug.

Why: pupils who only write code guess at why it fails. Reading first (predict before you
run) and fixing small, typical bugs (a missing colon, return vs print, < vs <=, a text that
should be a number) builds the habit of reading the error message and the code line by line.
Each bug task asks for the line (auto-graded, hidden) and for the fixed function.
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g4-gaet-koer-ret", "Gæt, kør og ret: fejljagt")
    nb.md("""
        # Gæt, kør og ret: fejljagt 🔎

        Programmører bruger mere tid på at **læse** kode end på at skrive den. I dag er du
        detektiv. Sådan arbejder du med hvert program:

        1. **Gæt:** Læs koden, og gæt, hvad den gør - *før* du kører den.
        2. **Kør:** Kør koden. Passede dit gæt?
        3. **Undersøg:** Hvis du gættede forkert: hvorfor? Hvilken linje overraskede dig?
        4. **Ret:** Nogle af programmerne har en fejl. Find den, og ret den.
    """)
    nb.md(HOW_TO)

    nb.md("""
        ## 🔮 Gæt 1: Billetten

        ```python
        def billet(alder):
            if alder < 12:
                return 20
            else:
                return 50

        print(billet(12))
        ```

        Hvad koster billetten for en på 12 år? Skriv dit gæt som `gaet_1 = ...`.
    """)
    nb.guess("gaet-1", 1, "gaet_1", 50, 20)
    nb.code("""
        def billet(alder):
            if alder < 12:
                return 20
            else:
                return 50

        print(billet(11), billet(12), billet(13))
    """)
    nb.md("""
        `12 < 12` er **falsk** - 12 er ikke mindre end sig selv. Vil man have 12-årige med, skal
        man skrive `alder <= 12` ("mindre end eller lig med").

        ## 🔮 Gæt 2: Hvad bliver skrevet?

        ```python
        def hilsen(navn):
            return "Hej " + navn

        hilsen("Ali")
        print("Færdig")
        ```

        Hvad skriver programmet? Skriv dit gæt som tekst: `gaet_2 = "..."`.
        (Skriver det flere linjer, så skriv kun den **første**.)
    """)
    nb.guess("gaet-2", 1, "gaet_2", "Færdig", "Hej Ali")
    nb.code("""
        def hilsen(navn):
            return "Hej " + navn

        hilsen("Ali")
        print("Færdig")
        print(hilsen("Ali"))
    """)
    nb.md("""
        `return` giver svaret **tilbage** til den, der spurgte - den skriver ikke noget.
        Først når vi skriver `print(hilsen("Ali"))`, kommer "Hej Ali" frem.
    """)

    nb.md("""
        ## 🐞 Fejl 1: Rabatten

        Isbutikken giver 5 kr. i rabat, hvis man køber **mindst** 3 is. Men koden herunder giver
        forkerte priser. Kør cellen, og se svarene.
    """)
    nb.broken("""
        def ispris(antal):
            pris = antal * 10
            if antal > 3:
                pris = pris - 5
            return pris

        print("1 is:", ispris(1), "kr.  3 is:", ispris(3), "kr.  4 is:", ispris(4), "kr.")
    """)
    nb.md("""
        3 is burde koste 25 kr., ikke 30. Skriv i `fejl_1`, hvilken linje i funktionen fejlen er
        i (linje 1 er `def ispris(antal):`).
    """)
    nb.guess("fejl-1", 1, "fejl_1", 3, 4)
    nb.md("""
        Skriv nu funktionen `ispris` igen i cellen herunder - **uden** fejlen. Du må gerne
        kopiere den ovenfra og rette den.
    """)
    nb.solution("ispris", """
        ### BEGIN SOLUTION
        def ispris(antal):
            pris = antal * 10
            if antal >= 3:
                pris = pris - 5
            return pris
        ### END SOLUTION

        print(ispris(3))
    """)
    nb.tests("test-ispris", 2, """
        check_equal(ispris(3), 25, "3 is skal koste 25 kr.: mindst 3 giver rabat.")
        check_equal(ispris(1), 10)
    """, """
        check_equal(ispris(2), 20)
        check_equal(ispris(4), 35)
        check_equal(ispris(10), 95)
    """)
    nb.mutant("ispris", """
        def ispris(antal):
            pris = antal * 10
            if antal > 3:
                pris = pris - 5
            return pris
    """, "test-ispris")
    nb.mutant("ispris", """
        def ispris(antal):
            if antal == 3:
                return 25
            return antal * 10
    """, "test-ispris", hidden_only=True)

    nb.md("""
        ## 🐞 Fejl 2: Det røde kort

        Koden herunder skal fortælle en fodbolddommer, hvilket kort en spiller skal have:
        `"gult"` ved første advarsel og `"rødt"` ved anden. Kør cellen. Python giver en
        **fejlbesked** - læs den sidste linje og se, hvilken linje den peger på.
    """)
    nb.broken("""
        def kort(advarsler):
            if advarsler == 1
                return "gult"
            else:
                return "rødt"
    """)
    nb.md("""
        Skriv i `fejl_2`, hvilken linje fejlen er i (linje 1 er `def kort(advarsler):`).
        Skriv derefter funktionen `kort` rigtigt i cellen under testen.
    """)
    nb.guess("fejl-2", 1, "fejl_2", 2, 3)
    nb.solution("kort", """
        ### BEGIN SOLUTION
        def kort(advarsler):
            if advarsler == 1:
                return "gult"
            else:
                return "rødt"
        ### END SOLUTION

        print(kort(1), kort(2))
    """)
    nb.tests("test-kort", 2, """
        check_equal(kort(1), "gult")
        check_equal(kort(2), "rødt")
    """, """
        check_equal(kort(3), "rødt")
    """)
    nb.mutant("kort", """
        def kort(advarsler):
            if advarsler == 1:
                return "rødt"
            else:
                return "gult"
    """, "test-kort")
    nb.mutant("kort", """
        def kort(advarsler):
            if advarsler == 1:
                return "gult"
            if advarsler == 2:
                return "rødt"
    """, "test-kort", hidden_only=True)

    nb.md("""
        ## 🐞 Fejl 3: Lommepengene

        Funktionen skal regne ud, hvor mange kroner man har efter et antal uger, når man får
        20 kr. om ugen og har `start` kroner i forvejen. Kør cellen.
    """)
    nb.broken("""
        def opsparing(start, uger):
            penge = start + uger * 20
            print(penge)

        svar = opsparing(10, 3)
        print("Svaret er:", svar)
    """)
    nb.md("""
        Funktionen skriver 70, men `svar` bliver `None` (ingenting). Skriv funktionen rigtigt,
        så den **giver** svaret tilbage, og `opsparing(10, 3)` giver `70`.
    """)
    nb.solution("opsparing", """
        ### BEGIN SOLUTION
        def opsparing(start, uger):
            penge = start + uger * 20
            return penge
        ### END SOLUTION

        print("Svaret er:", opsparing(10, 3))
    """)
    nb.tests("test-opsparing", 2, """
        check_equal(opsparing(10, 3), 70, "opsparing(10, 3) skal give 70 tilbage med return.")
    """, """
        check_equal(opsparing(0, 1), 20)
        check_equal(opsparing(50, 0), 50)
        check_equal(opsparing(5, 10), 205)
    """)
    nb.mutant("opsparing", """
        def opsparing(start, uger):
            penge = start + uger * 20
            print(penge)
    """, "test-opsparing")
    nb.mutant("opsparing", """
        def opsparing(start, uger):
            return start + uger + 20
    """, "test-opsparing")
    nb.mutant("opsparing", """
        def opsparing(start, uger):
            return 70
    """, "test-opsparing", hidden_only=True)

    nb.md("""
        ## Din egen fejljagt 🕵️

        Lav et lille program med en fejl i legecellen, og byt med din makker. Kan makkeren finde
        fejlen? Skriv bagefter på tavlen eller et stykke papir: *Hvilken fejl var sværest at
        finde - og hvordan fandt I den?*
    """)
    nb.code("""
        # Skriv et program med en fejl til din makker her
    """)
    return nb
