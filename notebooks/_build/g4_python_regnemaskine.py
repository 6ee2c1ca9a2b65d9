"""Grade 4: after g4-variabler - calculations, text and small functions with return.

Write the notebook: .venv/bin/python notebooks/_build/g4_python_regnemaskine.py
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g4-python-regnemaskine", "Python som regnemaskine")
    nb.md("""
        # Python som regnemaskine 🧮

        Du kan allerede gemme tal og tekst i **variabler**. I dag bruger du Python til at
        regne, og du laver dine egne små **funktioner** - maskiner, der får noget ind og
        giver et svar tilbage. Så kan du regne det samme ud igen og igen uden at skrive det
        hele forfra.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel 1: Regn med Python

        `+` lægger sammen, `-` trækker fra, `*` ganger og `/` dividerer.
        `print(...)` viser et svar under cellen. Kør cellen med **Shift + Enter**.
    """)
    nb.code("""
        print(3 + 4)
        print(10 - 6)
        print(6 * 7)
        print("Hej " + "Ida")
    """)
    nb.md("""
        Prøv at ændre tallene og køre cellen igen. Hvad sker der, hvis du skriver
        `print(3 +)`? Så får du en **fejlbesked**. Læs den sidste linje - den fortæller,
        hvad computeren ikke forstod. Fejl er helt normale, når man programmerer!
    """)
    nb.md("""
        ## Eksempel 2: En funktion

        En funktion er en lille maskine. Du giver den et tal, og den giver et svar tilbage
        med `return`. Læg mærke til, at linjen under `def` er rykket ind med 4 mellemrum.

        `tal` er en variabel, der hører til funktionen: når du skriver `dobbelt(4)`, lægges
        4 i kassen `tal`, og funktionen giver `4 * 2` tilbage.
    """)
    nb.code("""
        def dobbelt(tal):
            return tal * 2

        print(dobbelt(4))
        print(dobbelt(10))
    """)

    nb.md("""
        ## Opgave 1: Tre gange så meget

        Skriv funktionen `tredobbelt(tal)`, der giver tallet ganget med 3 tilbage.

        Eksempel: `tredobbelt(2)` skal give `6`.
    """)
    nb.solution("tredobbelt", """
        def tredobbelt(tal):
            ### BEGIN SOLUTION
            return tal * 3
            ### END SOLUTION
    """)
    nb.tests("test-tredobbelt", 2, """
        check_equal(tredobbelt(2), 6)
    """, """
        check_equal(tredobbelt(0), 0)
        check_equal(tredobbelt(10), 30)
        check_equal(tredobbelt(-4), -12)
    """)
    nb.mutant("tredobbelt", "return tal + 3", "test-tredobbelt")
    nb.mutant("tredobbelt", "return 6", "test-tredobbelt", hidden_only=True)

    nb.md("""
        ## Opgave 2: Boller til klassen

        En pose fra bageren har **6 boller**. Skriv funktionen `boller(poser)`, der regner
        ud, hvor mange boller der er i alt i `poser` poser.

        Eksempel: `boller(4)` skal give `24`.
    """)
    nb.solution("boller", """
        def boller(poser):
            ### BEGIN SOLUTION
            return poser * 6
            ### END SOLUTION
    """)
    nb.tests("test-boller", 2, """
        check_equal(boller(4), 24)
    """, """
        check_equal(boller(1), 6)
        check_equal(boller(0), 0)
        check_equal(boller(7), 42)
    """)
    nb.mutant("boller", "return poser + 6", "test-boller")
    nb.mutant("boller", "return 24", "test-boller", hidden_only=True)

    nb.md("""
        ## Opgave 3: Sig hej

        Tekst skrives i anførselstegn: `"Hej"`. Med `+` kan du sætte tekster sammen.
        Skriv funktionen `hilsen(navn)`, der giver teksten `"Hej "`, navnet og et
        udråbstegn tilbage.

        Eksempel: `hilsen("Ida")` skal give `"Hej Ida!"`. Husk mellemrummet efter Hej.
    """)
    nb.solution("hilsen", """
        def hilsen(navn):
            ### BEGIN SOLUTION
            return "Hej " + navn + "!"
            ### END SOLUTION

        print(hilsen("Ida"))
    """)
    nb.tests("test-hilsen", 2, """
        check_equal(hilsen("Ida"), "Hej Ida!")
    """, """
        check_equal(hilsen("Mohammed"), "Hej Mohammed!")
        check_equal(hilsen("Åse"), "Hej Åse!")
    """)
    nb.mutant("hilsen", 'return "Hej" + navn + "!"', "test-hilsen")
    nb.mutant("hilsen", 'return "Hej Ida!"', "test-hilsen", hidden_only=True)

    nb.md("""
        ## Opgave 4: Hvad koster isen?

        En funktion kan få **to** ting ind. Skriv `samlet_pris(antal, pris)`, der regner ud,
        hvad `antal` ting koster, når én ting koster `pris` kroner.

        Eksempel: 3 is til 12 kr. stykket: `samlet_pris(3, 12)` skal give `36`.
    """)
    nb.solution("samlet-pris", """
        def samlet_pris(antal, pris):
            ### BEGIN SOLUTION
            return antal * pris
            ### END SOLUTION
    """)
    nb.tests("test-samlet-pris", 2, """
        check_equal(samlet_pris(3, 12), 36)
    """, """
        check_equal(samlet_pris(5, 8), 40)
        check_equal(samlet_pris(0, 12), 0)
        check_equal(samlet_pris(1, 15), 15)
    """)
    nb.mutant("samlet-pris", "return antal + pris", "test-samlet-pris")
    nb.mutant("samlet-pris", "return antal * 12", "test-samlet-pris", hidden_only=True)

    nb.md("""
        ## Opgave 5: Del slikket retfærdigt

        `//` dividerer og smider resten væk: `13 // 4` giver `3`.
        `%` giver **resten**: `13 % 4` giver `1` (for 4 + 4 + 4 = 12, og så er der 1 tilbage).

        Skriv to funktioner:
        * `hver_faar(slik, boern)`: hvor mange stykker slik hvert barn får, når alle skal have lige mange.
        * `til_overs(slik, boern)`: hvor mange stykker der er tilbage bagefter.

        Eksempel: 13 stykker slik til 4 børn: `hver_faar(13, 4)` giver `3`, og `til_overs(13, 4)` giver `1`.
    """)
    nb.code("""
        print(13 // 4)
        print(13 % 4)
        print(13 / 4)
    """)
    nb.solution("hver-faar", """
        def hver_faar(slik, boern):
            ### BEGIN SOLUTION
            return slik // boern
            ### END SOLUTION
    """)
    nb.tests("test-hver-faar", 1, """
        check_equal(hver_faar(13, 4), 3)
    """, """
        check_equal(hver_faar(12, 4), 3)
        check_equal(hver_faar(3, 5), 0, "Er der færre stykker slik end børn, får hvert barn 0.")
        check_equal(hver_faar(20, 1), 20)
    """)
    nb.mutant("hver-faar", "return slik / boern", "test-hver-faar")
    nb.mutant("hver-faar", "return round(slik / boern)", "test-hver-faar", hidden_only=True)
    nb.solution("til-overs", """
        def til_overs(slik, boern):
            ### BEGIN SOLUTION
            return slik % boern
            ### END SOLUTION
    """)
    nb.tests("test-til-overs", 1, """
        check_equal(til_overs(13, 4), 1)
    """, """
        check_equal(til_overs(12, 4), 0)
        check_equal(til_overs(3, 5), 3)
        check_equal(til_overs(20, 6), 2)
    """)
    nb.mutant("til-overs", "return slik - boern", "test-til-overs")
    nb.mutant("til-overs", "return 1", "test-til-overs", hidden_only=True)

    nb.md("""
        ## Legeplads 🛝

        Her må du lave lige, hvad du vil. Idéer:
        * en funktion, der regner din alder om til dage (`alder * 365`),
        * en funktion, der giver `"Godmorgen, "` + et navn tilbage.
    """)
    nb.code("""
        # Skriv din egen funktion her
    """)
    return nb


if __name__ == "__main__":
    from pathlib import Path

    import nbformat

    spec = build()
    target = Path(__file__).resolve().parent.parent / spec.nb_id / f"{spec.nb_id}.ipynb"
    target.parent.mkdir(exist_ok=True)
    target.write_text(nbformat.writes(spec.notebook()) + "\n", encoding="utf-8")
    print(f"wrote {target} ({spec.points} point)")
