"""Valgfag: the catch-up of the grade 4-6 essentials in three lessons, for 13-15-year-olds.

Why: the valgfag is chosen by pupils from several classes, some of whom never programmed (the
school may not teach the subject in grades 4-6). This notebook covers what grades 4-6 build
(variables, if/elif, for and running totals, while, functions) at an udskoling pace, with
PRIMM predictions on the classic misconceptions, so the rest of the valgfag can use the grade
7-9 activities.
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("valgfag-kom-i-gang", "Kom i gang med Python")
    nb.md("""
        # Kom i gang med Python 🐍

        Velkommen til valgfaget! I de første lektioner lærer du - eller genopfrisker - de byggeklodser,
        alle programmer er lavet af:

        1. **Variabler** - computeren husker noget.
        2. **Valg** (`if`) - computeren vælger.
        3. **Gentagelser** (`for` og `while`) - computeren gør noget mange gange.
        4. **Funktioner** (`def`) - du giver et stykke kode et navn og genbruger det.

        Der er opgaver med 🔮: **gæt først**, hvad koden gør, *før* du kører den. Det er den bedste
        måde at lære at læse kode på.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## 1. Variabler

        `=` betyder "gem i": `point = point + 1` tager det, der ligger i `point`, lægger 1 til og gemmer
        resultatet i `point` igen. `print` viser noget, og en f-tekst (`f"..."`) kan sætte variabler ind
        i tekst.
    """)
    nb.code("""
        navn = "Sami"
        point = 10
        point = point + 5
        print(f"{navn} har {point} point")
    """)
    nb.md("""
        ### 🔮 Gæt: to variabler

        ```python
        a = 3
        b = a
        a = 10
        print(b)
        ```
        Hvad skriver programmet? Skriv dit gæt som `gaet_1 = ...`, og kør så cellen under testen.
    """)
    nb.guess("gaet-1", 1, "gaet_1", 3, 10)
    nb.code("""
        a = 3
        b = a
        a = 10
        print(b)
    """)
    nb.md("""
        ## 2. Funktioner

        En funktion får noget ind (parametre) og giver et svar tilbage med `return`.

        ```python
        def dobbelt(x):
            return x * 2
        ```

        ### Opgave 1: Moms

        I Danmark er der 25 % moms. Skriv `pris_med_moms(pris)`, der giver prisen med moms.
        Eksempel: `pris_med_moms(100)` giver `125.0`.
    """)
    nb.solution("moms", """
        def pris_med_moms(pris):
            ### BEGIN SOLUTION
            return pris * 1.25
            ### END SOLUTION

        print(pris_med_moms(100))
    """)
    nb.tests("test-moms", 2, """
        check_close(pris_med_moms(100), 125.0)
    """, """
        check_close(pris_med_moms(0), 0.0)
        check_close(pris_med_moms(80), 100.0)
        check_close(pris_med_moms(19.96), 24.95)
    """)
    nb.mutant("moms", "return pris + 25", "test-moms", hidden_only=True)
    nb.mutant("moms", "return pris * 0.25", "test-moms")

    nb.md("""
        ## 3. Valg med if, elif og else

        Python prøver betingelserne oppefra og tager den **første**, der er sand.

        ### Opgave 2: Biografbilletten

        Skriv `billetpris(alder)`: under 12 år koster 60 kr., fra 12 til og med 17 år 80 kr., og fra
        18 år 110 kr.
    """)
    nb.solution("billet", """
        def billetpris(alder):
            ### BEGIN SOLUTION
            if alder < 12:
                return 60
            elif alder <= 17:
                return 80
            else:
                return 110
            ### END SOLUTION

        print(billetpris(11), billetpris(12), billetpris(18))
    """)
    nb.tests("test-billet", 2, """
        check_equal(billetpris(8), 60)
        check_equal(billetpris(15), 80)
        check_equal(billetpris(40), 110)
    """, """
        check_equal(billetpris(11), 60)
        check_equal(billetpris(12), 80)
        check_equal(billetpris(17), 80, "17 år er stadig under 18.")
        check_equal(billetpris(18), 110)
    """)
    nb.mutant("billet", """
        if alder < 12:
            return 60
        elif alder < 17:
            return 80
        else:
            return 110
    """, "test-billet", hidden_only=True)
    nb.mutant("billet", """
        if alder < 18:
            return 80
        elif alder < 12:
            return 60
        else:
            return 110
    """, "test-billet")

    nb.md("""
        ## 4. Gentagelser med for - og en sum, der vokser

        En `for`-løkke gør det samme for hver ting i en liste. Vil man lægge tal sammen, skal en
        variabel huske summen undervejs: den starter på 0 **før** løkken.

        ### 🔮 Gæt: summen

        ```python
        summen = 0
        for tal in [4, 1, 5]:
            summen = summen + tal
        print(summen)
        ```
        Skriv dit gæt som `gaet_2 = ...`.
    """)
    nb.guess("gaet-2", 1, "gaet_2", 10, 5)
    nb.md("""
        ### Opgave 3: Antal over en grænse

        Skriv `antal_over(tal, graense)`, der tæller, hvor mange tal i listen der er **større end**
        `graense`. Eksempel: `antal_over([3, 8, 10, 2], 5)` giver `2`.
    """)
    nb.solution("antal-over", """
        def antal_over(tal, graense):
            ### BEGIN SOLUTION
            antal = 0
            for t in tal:
                if t > graense:
                    antal = antal + 1
            return antal
            ### END SOLUTION

        print(antal_over([3, 8, 10, 2], 5))
    """)
    nb.tests("test-antal-over", 2, """
        check_equal(antal_over([3, 8, 10, 2], 5), 2)
    """, """
        check_equal(antal_over([], 5), 0)
        check_equal(antal_over([5, 5, 6], 5), 1, "Større end - ikke lig med.")
        check_equal(antal_over([-1, -5, 0], -2), 2)
    """)
    nb.mutant("antal-over", """
        antal = 0
        for t in tal:
            if t >= graense:
                antal = antal + 1
        return antal
    """, "test-antal-over", hidden_only=True)
    nb.mutant("antal-over", """
        antal = 0
        for t in tal:
            if t > graense:
                antal = antal + 1
            return antal
        return antal
    """, "test-antal-over")

    nb.md("""
        ### Opgave 4: Den største

        Skriv `stoerste(tal)`, der finder det største tal i en liste **uden** at bruge `max`.
        Husk det første tal som "det største indtil nu", og skift det ud, når du møder et større.
    """)
    nb.solution("stoerste", """
        def stoerste(tal):
            ### BEGIN SOLUTION
            bedste = tal[0]
            for t in tal:
                if t > bedste:
                    bedste = t
            return bedste
            ### END SOLUTION

        print(stoerste([12, 45, 7, 33]))
    """)
    nb.tests("test-stoerste", 2, """
        check_equal(stoerste([12, 45, 7, 33]), 45)
    """, """
        check_equal(stoerste([9]), 9)
        check_equal(stoerste([-4, -2, -9]), -2, "Husk, at alle tallene kan være negative.")
        check_equal(stoerste([1, 2, 3, 100]), 100)
    """)
    nb.mutant("stoerste", """
        bedste = 0
        for t in tal:
            if t > bedste:
                bedste = t
        return bedste
    """, "test-stoerste", hidden_only=True)
    nb.mutant("stoerste", "return tal[-1]", "test-stoerste")

    nb.md("""
        ## 5. Gentagelser med while: så længe ...

        `while` gentager, **så længe** en betingelse er sand. Den bruges, når man ikke ved på
        forhånd, hvor mange gange der skal gentages. (Bliver betingelsen aldrig falsk, stopper
        løkken aldrig - så stop cellen med ■.)

        ### Opgave 5: Sparemålet

        Du har `start` kroner og sparer `pr_uge` kroner op hver uge. Skriv
        `uger_til_maal(start, pr_uge, maal)`, der giver antallet af uger, før du har **mindst**
        `maal` kroner. Eksempel: `uger_til_maal(100, 60, 300)` giver `4`.
    """)
    nb.solution("uger", """
        def uger_til_maal(start, pr_uge, maal):
            ### BEGIN SOLUTION
            penge = start
            uger = 0
            while penge < maal:
                penge = penge + pr_uge
                uger = uger + 1
            return uger
            ### END SOLUTION

        print(uger_til_maal(100, 60, 300))
    """)
    nb.tests("test-uger", 2, """
        check_equal(uger_til_maal(100, 60, 300), 4)
    """, """
        check_equal(uger_til_maal(500, 50, 300), 0, "Har man nok i forvejen, skal man spare 0 uger.")
        check_equal(uger_til_maal(0, 30, 100), 4)
        check_equal(uger_til_maal(0, 25, 100), 4)
    """)
    nb.mutant("uger", """
        penge = start
        uger = 0
        while penge <= maal:
            penge = penge + pr_uge
            uger = uger + 1
        return uger
    """, "test-uger", hidden_only=True)
    nb.mutant("uger", "return (maal - start) // pr_uge + 1", "test-uger")

    nb.md("""
        ## 6. Hvor står du nu?

        Skriv 3-4 sætninger: Hvilke af byggeklodserne (variabler, funktioner, if, for, while)
        kunne du i forvejen, og hvilke var nye? Hvilken er sværest at forklare for en anden - og
        hvilket af dine gæt (🔮) var forkert, og hvorfor?
    """)
    nb.answer("svar-status", 2, """
        Jeg kendte variabler og if fra matematik og fra micro:bit, men funktioner med return var
        nye. while er sværest at forklare, fordi man skal tænke på, hvornår betingelsen bliver
        falsk. Jeg gættede forkert på gæt 1: jeg troede, b blev 10, men b = a gemmer en kopi af
        tallet 3, så b ændrer sig ikke, når a får en ny værdi.
        (Til læreren: svaret bruges til at planlægge holddannelse og støtte. 1 point for en ærlig
        status med begreberne; 1 point for en forklaring af et forkert gæt eller et svært begreb.)
    """)
    return nb
