"""Grade 5: a robot on a grid runs a program of commands - sequences, conditions, finding bugs."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g5-robotten", "Robotten på gitteret")
    nb.md("""
        # Robotten på gitteret 🤖

        Kan du huske robotspillet, hvor I gav hinanden pile-kommandoer? Nu skal computeren være
        robotten. Robotten står på et gitter og forstår tre kommandoer:

        * `F` - gå ét felt **frem**,
        * `H` - drej **højre** (uden at flytte sig),
        * `V` - drej **venstre**.

        Et **program** er en tekst med kommandoer, fx `"FFHF"`. Robotten starter på feltet `(0, 0)`
        og kigger mod nord (`"N"`). Nord er opad, og så bliver `y` større.
    """)
    nb.md(HOW_TO)
    nb.setup("""
        RETNINGER = ["N", "Ø", "S", "V"]   # i urets retning: nord, øst, syd, vest
    """)
    nb.md("""
        ## Eksempel: Næste i listen

        Når robotten drejer højre, går den ét skridt videre i listen `RETNINGER`. Efter `"V"` starter
        den forfra ved `"N"` - det klarer `% 4`, ligesom i Cæsar-koden.
    """)
    nb.code("""
        plads = RETNINGER.index("S")
        print(plads, RETNINGER[(plads + 1) % 4])      # efter syd kommer vest
        print(RETNINGER[(3 + 1) % 4])                 # efter vest kommer nord
    """)
    nb.md("""
        ## Opgave 1: Drej

        Skriv `drej_hoejre(retning)` og `drej_venstre(retning)`, der giver den nye retning.
        Eksempel: `drej_hoejre("N")` giver `"Ø"`, og `drej_venstre("N")` giver `"V"`.
    """)
    nb.solution("drej-hoejre", """
        def drej_hoejre(retning):
            ### BEGIN SOLUTION
            return RETNINGER[(RETNINGER.index(retning) + 1) % 4]
            ### END SOLUTION
    """)
    nb.solution("drej-venstre", """
        def drej_venstre(retning):
            ### BEGIN SOLUTION
            return RETNINGER[(RETNINGER.index(retning) - 1) % 4]
            ### END SOLUTION
    """)
    nb.tests("test-drej", 2, """
        check_equal(drej_hoejre("N"), "Ø")
        check_equal(drej_venstre("N"), "V")
    """, """
        check_equal(drej_hoejre("V"), "N")
        check_equal(drej_hoejre("S"), "V")
        check_equal(drej_venstre("V"), "S")
        check_equal(drej_venstre("Ø"), "N")
        check_equal(drej_venstre(drej_hoejre("S")), "S")
    """)
    nb.mutant("drej-hoejre", "return RETNINGER[RETNINGER.index(retning) + 1]", "test-drej", hidden_only=True)
    nb.mutant("drej-venstre", "return RETNINGER[(RETNINGER.index(retning) + 1) % 4]", "test-drej")

    nb.md("""
        ## Opgave 2: Gå ét felt

        Skriv `frem(x, y, retning)`, der giver det nye felt som en tupel `(x, y)`:
        mod nord bliver `y` én større, mod syd én mindre, mod øst bliver `x` én større og mod vest én mindre.
        Brug `if` og `elif`.
    """)
    nb.solution("frem", """
        def frem(x, y, retning):
            ### BEGIN SOLUTION
            if retning == "N":
                y = y + 1
            elif retning == "S":
                y = y - 1
            elif retning == "Ø":
                x = x + 1
            elif retning == "V":
                x = x - 1
            return (x, y)
            ### END SOLUTION
    """)
    nb.tests("test-frem", 2, """
        check_equal(frem(0, 0, "N"), (0, 1))
    """, """
        check_equal(frem(0, 0, "S"), (0, -1))
        check_equal(frem(2, 5, "Ø"), (3, 5))
        check_equal(frem(2, 5, "V"), (1, 5))
        check_equal(frem(-1, -1, "N"), (-1, 0))
    """)
    nb.mutant("frem", """
        if retning == "N":
            y = y + 1
        elif retning == "S":
            y = y - 1
        elif retning == "Ø":
            x = x - 1
        elif retning == "V":
            x = x + 1
        return (x, y)
    """, "test-frem", hidden_only=True)

    nb.md("""
        ## Opgave 3: Kør et helt program

        Skriv `koer(program)`. Robotten starter i `(0, 0)` mod `"N"`. Gå programmet igennem ét tegn ad
        gangen med en `for`-løkke, og brug dine funktioner. Til sidst giver funktionen en tupel
        `(x, y, retning)`. Tegn, som robotten ikke kender, springer den over.

        Eksempel: `koer("FFHF")` giver `(1, 2, "Ø")`.
    """)
    nb.solution("koer", """
        def koer(program):
            ### BEGIN SOLUTION
            x, y, retning = 0, 0, "N"
            for kommando in program:
                if kommando == "F":
                    x, y = frem(x, y, retning)
                elif kommando == "H":
                    retning = drej_hoejre(retning)
                elif kommando == "V":
                    retning = drej_venstre(retning)
            return (x, y, retning)
            ### END SOLUTION

        print(koer("FFHF"))
    """)
    nb.tests("test-koer", 2, """
        check_equal(koer("FFHF"), (1, 2, "Ø"))
        check_equal(koer(""), (0, 0, "N"))
    """, """
        check_equal(koer("HH"), (0, 0, "S"))
        check_equal(koer("VF"), (-1, 0, "V"))
        check_equal(koer("FHFHFHFH"), (0, 0, "N"), "Et kvadrat ender, hvor det startede.")
        check_equal(koer("F F x F"), (0, 3, "N"), "Ukendte tegn skal springes over.")
        check_equal(koer("HFFFVVFVFF"), (2, -2, "S"))
    """)
    nb.mutant("koer", """
        x, y, retning = 0, 0, "N"
        for kommando in program:
            if kommando == "F":
                x, y = frem(x, y, retning)
            elif kommando == "H":
                retning = drej_hoejre(retning)
            else:
                retning = drej_venstre(retning)
        return (x, y, retning)
    """, "test-koer", hidden_only=True)

    nb.md("""
        ## Opgave 4: Find skatten

        Skatten ligger på feltet `(2, 3)`. Skriv et program i variablen `til_skatten`, så robotten ender
        på skatten. Programmet må højst have 6 kommandoer. Prøv dig frem med `koer`.
    """)
    nb.solution("skat", """
        ### BEGIN SOLUTION
        til_skatten = "FFFHFF"
        ### END SOLUTION
        print(koer(til_skatten))
    """)
    nb.tests("test-skat", 2, """
        check_true(type(til_skatten) is str, "til_skatten skal være en tekst.")
        check_equal(koer(til_skatten)[:2], (2, 3), "Robotten er ikke ved skatten endnu.")
    """, """
        check_true(len(til_skatten) <= 6, "Programmet må højst have 6 kommandoer.")
    """)
    nb.mutant("skat", 'til_skatten = "FFFHFFVV"', "test-skat", hidden_only=True)
    nb.mutant("skat", 'til_skatten = "FFHFFF"', "test-skat")

    nb.md("""
        ## Opgave 5: Robotter i virkeligheden

        Nævn en maskine i virkeligheden, der (ligesom din robot) følger et program med kommandoer.
        Hvad kunne gå galt, hvis der er en fejl i programmet - og hvem skal finde fejlen?
    """)
    nb.answer("svar-robotter", 2, """
        En robotstøvsuger kører efter et program: frem, drej, frem. Hvis der er en fejl, kører den måske
        ind i trappen og falder ned, eller den gør kun halvdelen af stuen ren. Det er dem, der har
        programmeret den, der skal finde og rette fejlen - og derfor tester man programmer mange gange.
        (Til læreren: 1 point for et eksempel, 1 for en fejl og en tanke om, hvem der har ansvaret.)
    """)
    return nb
