"""Grade 7: searching and sorting - count the steps and compare algorithms."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g7-soeg-og-sorter", "Søg og sortér")
    nb.md("""
        # Søg og sortér 🔎

        Når du søger efter en sang, en ven i en app eller et ord i en ordbog, leder en computer i
        lister med tusinder eller milliarder af ting. Hvordan kan det gå så hurtigt?

        I dag bygger du to måder at søge på og én måde at sortere på - og du tæller, hvor mange
        **skridt** computeren bruger. Så kan du selv bevise, hvilken algoritme der er hurtigst.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel: Gæt et tal

        Jeg tænker på et tal mellem 1 og 100. Du gætter, og jeg siger *"højere"* eller *"lavere"*.
        Den dumme strategi er at gætte 1, 2, 3 ... Den smarte er at gætte i **midten** hver gang:
        50, så 25 eller 75 og så videre. Hvert gæt halverer de muligheder, der er tilbage.
        Kør cellen og se, hvor mange gæt den smarte strategi bruger for at finde 73.
    """)
    nb.code("""
        hemmeligt = 73
        lav, hoej = 1, 100
        gaet = 0
        while True:
            midt = (lav + hoej) // 2
            gaet = gaet + 1
            print("Gæt", gaet, ":", midt)
            if midt == hemmeligt:
                break
            elif midt < hemmeligt:
                lav = midt + 1     # højere!
            else:
                hoej = midt - 1    # lavere!
        print("Fundet efter", gaet, "gæt")
    """)
    nb.md("""
        ## Opgave 1: Lineær søgning

        Den simple måde at lede på er at kigge på ét element ad gangen fra starten.
        Skriv `lineaer_soegning(liste, maal)`, der giver et par (en **tupel**) `(plads, skridt)`:

        * `plads` er pladsen, hvor `maal` står første gang (vi tæller fra 0), eller `-1`, hvis det
          ikke findes,
        * `skridt` er, hvor mange elementer du har kigget på.

        Eksempel: `lineaer_soegning(["Ali", "Bo", "Cia"], "Bo")` giver `(1, 2)`.
        En tupel laves med `return (plads, skridt)`.
    """)
    nb.solution("lineaer", """
        def lineaer_soegning(liste, maal):
            ### BEGIN SOLUTION
            skridt = 0
            for plads in range(len(liste)):
                skridt = skridt + 1
                if liste[plads] == maal:
                    return (plads, skridt)
            return (-1, skridt)
            ### END SOLUTION
    """)
    nb.tests("test-lineaer", 2, """
        check_equal(lineaer_soegning(["Ali", "Bo", "Cia"], "Bo"), (1, 2))
        check_equal(lineaer_soegning(["Ali", "Bo", "Cia"], "Ali"), (0, 1))
    """, """
        check_equal(lineaer_soegning(["Ali", "Bo", "Cia"], "Dan"), (-1, 3), "Findes målet ikke, har du kigget på alle.")
        check_equal(lineaer_soegning([], 5), (-1, 0))
        check_equal(lineaer_soegning([4, 8, 4], 4), (0, 1), "Giv den første plads.")
        check_equal(lineaer_soegning(list(range(100)), 99), (99, 100))
    """)
    nb.mutant("lineaer", """
        skridt = 0
        for plads in range(len(liste)):
            skridt = skridt + 1
            if liste[plads] == maal:
                return (plads, skridt)
        return (-1, 0)
    """, "test-lineaer", hidden_only=True)
    nb.mutant("lineaer", """
        if maal in liste:
            return (liste.index(maal), liste.index(maal) + 1)
        return (-1, len(liste) - 1)
    """, "test-lineaer", hidden_only=True)

    nb.md("""
        ## Opgave 2: Binær søgning

        Er listen **sorteret**, kan du bruge gæt-et-tal-strategien. Skriv
        `binaer_soegning(liste, maal)`, der også giver `(plads, skridt)`. Følg opskriften præcis, så
        dine skridt passer med testene:

        1. `lav = 0`, `hoej = len(liste) - 1`, `skridt = 0`
        2. Så længe `lav <= hoej`:
           * `midt = (lav + hoej) // 2` og læg 1 til `skridt`
           * er `liste[midt]` lig med `maal`: giv `(midt, skridt)`
           * er `liste[midt]` mindre end `maal`: `lav = midt + 1`
           * ellers: `hoej = midt - 1`
        3. Findes målet ikke: giv `(-1, skridt)`
    """)
    nb.solution("binaer", """
        def binaer_soegning(liste, maal):
            ### BEGIN SOLUTION
            lav = 0
            hoej = len(liste) - 1
            skridt = 0
            while lav <= hoej:
                midt = (lav + hoej) // 2
                skridt = skridt + 1
                if liste[midt] == maal:
                    return (midt, skridt)
                elif liste[midt] < maal:
                    lav = midt + 1
                else:
                    hoej = midt - 1
            return (-1, skridt)
            ### END SOLUTION

        elever = ["Ahmed", "Bella", "Carl", "Dina", "Emil", "Freja", "Gustav", "Hiba", "Ida", "Jens", "Kamma"]
        print(binaer_soegning(elever, "Ida"), lineaer_soegning(elever, "Ida"))
    """)
    nb.tests("test-binaer", 3, """
        check_equal(binaer_soegning([1, 3, 5, 7, 9], 5), (2, 1))
        check_equal(binaer_soegning([1, 3, 5, 7, 9], 9), (4, 3))
    """, """
        check_equal(binaer_soegning([1, 3, 5, 7, 9], 1), (0, 2))
        check_equal(binaer_soegning([1, 3, 5, 7, 9], 4), (-1, 3))
        check_equal(binaer_soegning([], 4), (-1, 0))
        check_equal(binaer_soegning(list(range(1000)), 999), (999, 10))
        check_equal(binaer_soegning(list(range(1000)), 1000), (-1, 10))
        check_equal(binaer_soegning(list(range(0, 2000, 2)), 734), (367, 10))
        check_equal(binaer_soegning(["Ahmed", "Bella", "Carl", "Dina", "Emil"], "Bella"), (1, 3))
    """)
    nb.mutant("binaer", """
        skridt = 0
        for plads in range(len(liste)):
            skridt = skridt + 1
            if liste[plads] == maal:
                return (plads, skridt)
        return (-1, skridt)
    """, "test-binaer")
    nb.mutant("binaer", """
        lav = 0
        hoej = len(liste) - 1
        skridt = 0
        while lav < hoej:
            midt = (lav + hoej) // 2
            skridt = skridt + 1
            if liste[midt] == maal:
                return (midt, skridt)
            elif liste[midt] < maal:
                lav = midt + 1
            else:
                hoej = midt - 1
        return (-1, skridt)
    """, "test-binaer")
    nb.mutant("binaer", """
        if maal in liste:
            return (liste.index(maal), 1)
        return (-1, 0)
    """, "test-binaer", hidden_only=False)
    nb.mutant("binaer", """
        lav = 0
        hoej = len(liste) - 1
        skridt = 0
        while lav <= hoej:
            midt = (lav + hoej) // 2
            skridt = skridt + 1
            if liste[midt] == maal:
                return (midt, skridt)
            elif liste[midt] < maal:
                lav = midt + 1
            else:
                hoej = midt - 1
        return (-1, 0)
    """, "test-binaer", hidden_only=True)

    nb.md("""
        ## Opgave 3: Sortér selv

        Binær søgning kræver en sorteret liste. Byg din egen sortering med **udvælgelsessortering**:

        1. lav en kopi af listen (`rest = list(liste)`) og en tom liste `sorteret = []`,
        2. så længe `rest` ikke er tom: find det mindste element i `rest` (med en løkke - uden
           `min()`), flyt det fra `rest` over i enden af `sorteret` (`rest.remove(...)` og
           `sorteret.append(...)`),
        3. giv `sorteret`.

        Du må ikke bruge `sorted()`, `.sort()` eller `min()` - det er jo dem, du bygger!
        Den oprindelige liste må ikke ændres.
    """)
    nb.solution("sorter", """
        def sorter(liste):
            ### BEGIN SOLUTION
            rest = list(liste)
            sorteret = []
            while len(rest) > 0:
                mindste = rest[0]
                for element in rest:
                    if element < mindste:
                        mindste = element
                rest.remove(mindste)
                sorteret.append(mindste)
            return sorteret
            ### END SOLUTION

        print(sorter([5, 2, 9, 1, 7]))
    """)
    nb.tests("test-sorter", 3, """
        check_equal(sorter([5, 2, 9, 1, 7]), [1, 2, 5, 7, 9])
        check_equal(sorter(["Cia", "Ali", "Bo"]), ["Ali", "Bo", "Cia"])
    """, """
        navne = sorter.__code__.co_names
        check_true("sorted" not in navne and "sort" not in navne and "min" not in navne,
                   "Byg selv sorteringen - uden sorted(), .sort() og min().")
        check_equal(sorter([]), [])
        check_equal(sorter([3, 1, 3, 1]), [1, 1, 3, 3], "Ens elementer skal alle med.")
        original = [4, 3, 2, 1]
        check_equal(sorter(original), [1, 2, 3, 4])
        check_equal(original, [4, 3, 2, 1], "Den oprindelige liste må ikke ændres.")
        check_equal(sorter([2.5, -1, 0]), [-1, 0, 2.5])
        check_equal(sorter(list(range(50, 0, -1))), list(range(1, 51)))
    """)
    nb.mutant("sorter", "return sorted(liste)", "test-sorter", hidden_only=True)
    nb.mutant("sorter", """
        rest = list(liste)
        sorteret = []
        while len(rest) > 0:
            mindste = rest[0]
            for element in rest:
                if element < mindste:
                    mindste = element
            while mindste in rest:
                rest.remove(mindste)
            sorteret.append(mindste)
        return sorteret
    """, "test-sorter", hidden_only=True)
    nb.mutant("sorter", """
        rest = liste
        sorteret = []
        while len(rest) > 0:
            mindste = rest[0]
            for element in rest:
                if element < mindste:
                    mindste = element
            rest.remove(mindste)
            sorteret.append(mindste)
        return sorteret
    """, "test-sorter", hidden_only=True)

    nb.md("""
        ## Opgave 4: Kapløbet

        Skriv `kaploeb(stoerrelser)`. For hver størrelse `n` i listen `stoerrelser` skal den lave
        listen `list(range(n))` og søge efter tallet `n` (som ikke er i listen - det værste tilfælde)
        med begge algoritmer. Giv en liste med en tupel `(n, lineaere_skridt, binaere_skridt)` for
        hver størrelse.
    """)
    nb.solution("kaploeb", """
        def kaploeb(stoerrelser):
            ### BEGIN SOLUTION
            resultat = []
            for n in stoerrelser:
                liste = list(range(n))
                plads1, lineaer = lineaer_soegning(liste, n)
                plads2, binaer = binaer_soegning(liste, n)
                resultat.append((n, lineaer, binaer))
            return resultat
            ### END SOLUTION

        for n, lineaer, binaer in kaploeb([10, 100, 1000, 10000, 100000]):
            print(f"{n:>7} elementer: lineær {lineaer:>7} skridt, binær {binaer:>3} skridt")
    """)
    nb.tests("test-kaploeb", 2, """
        check_equal(kaploeb([10]), [(10, 10, 4)])
    """, """
        check_equal(kaploeb([]), [])
        check_equal(kaploeb([1, 100, 1000]), [(1, 1, 1), (100, 100, 7), (1000, 1000, 10)])
    """)
    nb.mutant("kaploeb", """
        resultat = []
        for n in stoerrelser:
            resultat.append((n, n, 4))
        return resultat
    """, "test-kaploeb", hidden_only=True)

    nb.md("""
        ## Opgave 5: Hvorfor sorteret?

        Forklar, hvorfor binær søgning kun virker på en sorteret liste. Giv også et eksempel fra
        hverdagen, hvor du selv (eller andre) søger på den binære måde.
    """)
    nb.answer("svar-sorteret", 2, """
        Binær søgning kigger i midten og smider den halvdel væk, hvor målet ikke kan være. Det kan
        man kun vide, hvis listen er sorteret: er midten mindre end målet, må målet stå til højre.
        I en usorteret liste kan målet stå hvor som helst, så man kan ikke smide noget væk.
        Eksempel: Når jeg slår et ord op i en papirordbog eller finder en side i en bog, åbner jeg
        cirka i midten og går frem eller tilbage.
        (Til læreren: 1 point for forklaringen med at smide halvdelen væk, 1 for et eksempel.)
    """)
    nb.md("""
        ## Opgave 6: Milliarder af sider

        En søgemaskine eller en app med millioner af brugere skal finde svaret på under et sekund.
        Brug tallene fra kapløbet til at forklare, hvorfor det betyder noget, hvilken algoritme
        programmøren vælger. Hvad koster det at holde listen sorteret?
    """)
    nb.answer("svar-milliarder", 2, """
        Med 100.000 elementer brugte lineær søgning 100.000 skridt, men binær søgning kun 17. Når
        listen bliver 10 gange større, bliver lineær søgning 10 gange langsommere, mens binær søgning
        kun får 3-4 skridt mere. Med milliarder af sider ville lineær søgning tage alt for lang tid.
        Men det koster arbejde at sortere listen og holde den sorteret, når der kommer nye ting til -
        det kan betale sig, når man søger mange gange i samme liste.
        (Til læreren: 1 point for at bruge tal fra tabellen, 1 for at nævne prisen ved at sortere.)
    """)
    return nb
