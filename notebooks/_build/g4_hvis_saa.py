"""Grade 4: if / elif / else - the computer chooses; is a height rule fair?

Write the notebook: .venv/bin/python notebooks/_build/g4_hvis_saa.py
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g4-hvis-saa", "Hvis ... så")
    nb.md("""
        # Hvis ... så: computeren træffer valg 🔀

        Computere træffer hele tiden valg: *Hvis* du har trykket på knappen, *så* starter
        spillet. *Hvis* din adgangskode er rigtig, *så* kommer du ind. I Python skriver man
        det med `if` (hvis) og `else` (ellers).
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel: Hvad skal jeg have på?

        Læg mærke til:
        * `if` betyder *hvis*, `else` betyder *ellers*.
        * Der står kolon `:` efter betingelsen og efter `else`.
        * Linjerne nedenunder er rykket ind med 4 mellemrum.

        Du kan sammenligne med `<` (mindre end), `>` (større end), `<=` (mindre end eller lig med),
        `>=` (større end eller lig med) og `==` (er lig med).
    """)
    nb.code("""
        def toej(grader):
            if grader < 15:
                return "Tag en jakke på"
            else:
                return "T-shirt-vejr!"

        print(toej(8))
        print(toej(22))
    """)

    nb.md("""
        ## Opgave 1: Må jeg køre med rutsjebanen?

        I forlystelsesparken må man kun køre med den store rutsjebane, hvis man er
        **mindst 120 cm** høj. Skriv funktionen `maa_koere(hoejde)`, der giver `True`
        (sandt) tilbage, hvis man må køre, og ellers `False` (falsk).

        Eksempel: `maa_koere(130)` giver `True`, og `maa_koere(100)` giver `False`.
        Tænk over: hvad skal `maa_koere(120)` give?
    """)
    nb.solution("maa-koere", """
        def maa_koere(hoejde):
            ### BEGIN SOLUTION
            if hoejde >= 120:
                return True
            else:
                return False
            ### END SOLUTION
    """)
    nb.tests("test-maa-koere", 2, """
        check_equal(maa_koere(130), True)
        check_equal(maa_koere(100), False)
    """, """
        check_equal(maa_koere(120), True, "Man må køre, når man er præcis 120 cm.")
        check_equal(maa_koere(119), False)
        check_equal(maa_koere(185), True)
    """)
    nb.mutant("maa-koere", 'return "ja"', "test-maa-koere")
    nb.mutant("maa-koere", "return hoejde > 120", "test-maa-koere", hidden_only=True)

    nb.md("""
        ## Opgave 2: Hvem har flest point?

        Skriv funktionen `stoerst(a, b)`, der giver det største af de to tal tilbage.
        Er tallene lige store, giver du bare ét af dem tilbage.

        Eksempel: `stoerst(3, 8)` giver `8`, og `stoerst(9, 2)` giver `9`.
    """)
    nb.solution("stoerst", """
        def stoerst(a, b):
            ### BEGIN SOLUTION
            if a > b:
                return a
            else:
                return b
            ### END SOLUTION
    """)
    nb.tests("test-stoerst", 2, """
        check_equal(stoerst(3, 8), 8)
        check_equal(stoerst(9, 2), 9)
    """, """
        check_equal(stoerst(5, 5), 5, "Når tallene er lige store, skal du også give et tal tilbage.")
        check_equal(stoerst(-1, -7), -1)
        check_equal(stoerst(0, 100), 100)
    """)
    nb.mutant("stoerst", "return b", "test-stoerst")
    nb.mutant("stoerst", "if a > b:\n    return a\nif b > a:\n    return b", "test-stoerst", hidden_only=True)

    nb.md("""
        ## Opgave 3: Billetpris i biografen

        Med `elif` (*ellers hvis*) kan du have mere end to valg. Computeren prøver
        betingelserne oppefra og ned og stopper ved den første, der er sand.

        Biografens priser:
        * børn **under 12 år** betaler **60** kr.,
        * unge fra **12 til og med 17 år** betaler **80** kr.,
        * voksne fra **18 år** betaler **100** kr.

        Skriv funktionen `billetpris(alder)`.
        Eksempel: `billetpris(8)` giver `60`, og `billetpris(30)` giver `100`.
    """)
    nb.code("""
        # Eksempel med elif: et skudsmål
        def skudsmaal(point):
            if point >= 10:
                return "Plet!"
            elif point >= 5:
                return "Tæt på"
            else:
                return "Prøv igen"

        print(skudsmaal(10), skudsmaal(7), skudsmaal(2))
    """)
    nb.solution("billetpris", """
        def billetpris(alder):
            ### BEGIN SOLUTION
            if alder < 12:
                return 60
            elif alder < 18:
                return 80
            else:
                return 100
            ### END SOLUTION
    """)
    nb.tests("test-billetpris", 3, """
        check_equal(billetpris(8), 60)
        check_equal(billetpris(30), 100)
        check_equal(billetpris(14), 80)
    """, """
        check_equal(billetpris(11), 60)
        check_equal(billetpris(12), 80, "En på præcis 12 år er ung, ikke barn.")
        check_equal(billetpris(17), 80)
        check_equal(billetpris(18), 100, "En på præcis 18 år er voksen.")
        check_equal(billetpris(0), 60)
    """)
    nb.mutant("billetpris", "if alder < 12:\n    return 60\nelse:\n    return 100", "test-billetpris")
    nb.mutant("billetpris", "if alder <= 12:\n    return 60\nelif alder <= 18:\n    return 80\nelse:\n    return 100",
              "test-billetpris", hidden_only=True)

    nb.md("""
        ## Opgave 4: Quiz-maskinen

        Tekster kan også sammenlignes med `==`. Skriv funktionen `tjek_svar(svar)` til
        spørgsmålet *Hvad hedder Danmarks hovedstad?* Den skal give `"Rigtigt!"` tilbage,
        hvis svaret er `"København"` eller `"københavn"`, og ellers `"Prøv igen"`.

        Tip: `or` betyder *eller*: `if svar == "København" or svar == "københavn":`
    """)
    nb.solution("tjek-svar", """
        def tjek_svar(svar):
            ### BEGIN SOLUTION
            if svar == "København" or svar == "københavn":
                return "Rigtigt!"
            else:
                return "Prøv igen"
            ### END SOLUTION
    """)
    nb.tests("test-tjek-svar", 2, """
        check_equal(tjek_svar("København"), "Rigtigt!")
        check_equal(tjek_svar("Aarhus"), "Prøv igen")
    """, """
        check_equal(tjek_svar("københavn"), "Rigtigt!", "Svaret med lille k skal også være rigtigt.")
        check_equal(tjek_svar(""), "Prøv igen")
        check_equal(tjek_svar("Købnhavn"), "Prøv igen")
    """)
    nb.mutant("tjek-svar", 'return "Rigtigt!"', "test-tjek-svar")
    nb.mutant("tjek-svar", 'if svar == "København":\n    return "Rigtigt!"\nelse:\n    return "Prøv igen"',
              "test-tjek-svar", hidden_only=True)

    nb.md("""
        ## Opgave 5: Er reglen retfærdig? 🤔

        Forlystelsesparkens computer ved indgangen til rutsjebanen bruger din funktion
        `maa_koere` fra opgave 1. Kør cellen herunder.
    """)
    nb.code("""
        print("Lukas, 10 år, 118 cm:", maa_koere(118))
        print("Sofie, 6 år, 121 cm:", maa_koere(121))
    """)
    nb.md("""
        Skriv 3-5 sætninger i cellen herunder. Din lærer læser dit svar.
        1. Hvem må køre, og hvem må ikke?
        2. Hvorfor tror du, parken har en regel om højde og ikke om alder?
        3. Er reglen retfærdig? Kunne computeren gøre det bedre - eller skal et menneske bestemme?
    """)
    nb.answer("svar-retfaerdig", 3, """
        Sofie må køre, men Lukas må ikke, selv om han er ældre. Parken bruger højde, fordi
        sikkerhedsbøjlen kun holder ordentligt på børn, der er høje nok - alderen siger ikke,
        hvor stor man er. Reglen er retfærdig, fordi den handler om sikkerhed og gælder for alle,
        men det kan føles uretfærdigt for Lukas, der mangler 2 cm. En computer kan ikke se, om
        man står på tæer, så der skal også være en voksen, der tjekker.
        (Til læreren: giv point for at svare på alle tre spørgsmål og for en begrundelse -
        fx sikkerhed - og ikke kun "ja" eller "nej".)
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
