"""Grade 7: a model of the canteen queue - simulate minute by minute, measure, compare, criticise.

Why: computationel tankegang in udskoling means modelling a phenomenon as data and processes
and judging the model's limits. A queue is something every pupil knows from the inside. The
model is three lines (arrive, get served, the rest wait), yet it answers a real question
(two tills or staggered breaks?) and its blind spots are easy to name (people leave the queue,
a card payment fails). Summing the queue over minutes gives the total waiting time - the
modelling insight of the notebook.
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g7-koeen-i-kantinen", "Køen i kantinen: en model")
    nb.md("""
        # Køen i kantinen: en model 🥪⏱️

        I det store frikvarter står der kø i kantinen, og nogle når ikke at spise. Elevrådet vil
        foreslå en løsning til skolens ledelse: **to kasser** eller **forskudte pauser**, så ikke
        alle klasser kommer på én gang. Men hvad virker bedst?

        I dag bygger du en **model** af køen: en forenklet udgave af virkeligheden, som en computer
        kan regne på. Du simulerer kantinen minut for minut, måler køen og ventetiden og
        sammenligner løsningerne - og til sidst vurderer du, hvad modellen *ikke* kan fortælle.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Modellen

        * Hvert minut kommer der nogle elever (`ankomster` siger, hvor mange i hvert minut).
        * Én kasse kan ekspedere **3 elever i minuttet** (`kapacitet`).
        * Dem, der ikke bliver ekspederet, venter i køen til næste minut.

        Elevrådet har talt, hvor mange der kom i hvert af de første 15 minutter en almindelig
        tirsdag. Kør cellen.
    """)
    nb.setup("""
        ankomster = [6, 8, 7, 5, 4, 3, 2, 2, 1, 1, 0, 0, 0, 0, 0]
        ankomster_forskudt = [3, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 0, 0]
        print("Elever i alt:", sum(ankomster), "- med forskudte pauser:", sum(ankomster_forskudt))
    """)
    nb.md("""
        ## Opgave 1: Ét minut i kantinen

        Skriv `et_minut(koe, ankomne, kapacitet)`, der giver, hvor mange der står i køen **efter**
        minuttet: de nye lægges til køen, og så bliver op til `kapacitet` elever ekspederet.
        Køen kan ikke blive mindre end 0.

        Eksempler: `et_minut(2, 5, 3)` giver `4`, og `et_minut(0, 1, 3)` giver `0`.
    """)
    nb.solution("et-minut", """
        def et_minut(koe, ankomne, kapacitet):
            ### BEGIN SOLUTION
            koe = koe + ankomne
            ekspederet = min(koe, kapacitet)
            return koe - ekspederet
            ### END SOLUTION

        print(et_minut(2, 5, 3), et_minut(0, 1, 3))
    """)
    nb.tests("test-et-minut", 2, """
        check_equal(et_minut(2, 5, 3), 4)
        check_equal(et_minut(0, 1, 3), 0)
    """, """
        check_equal(et_minut(10, 0, 3), 7)
        check_equal(et_minut(0, 0, 3), 0)
        check_equal(et_minut(1, 2, 3), 0)
        check_equal(et_minut(4, 4, 6), 2)
    """)
    nb.mutant("et-minut", "return koe + ankomne - kapacitet", "test-et-minut")
    nb.mutant("et-minut", "return max(0, koe + ankomne - 3)", "test-et-minut", hidden_only=True)

    nb.md("""
        ## Opgave 2: Simulér hele frikvarteret

        Skriv `simuler(ankomster, kapacitet)`, der starter med en tom kø, kører `et_minut` for hvert
        minut og giver en **liste** med køens længde efter hvert minut.

        Eksempel: `simuler([4, 4, 0], 3)` giver `[1, 2, 0]`.
    """)
    nb.solution("simuler", """
        def simuler(ankomster, kapacitet):
            ### BEGIN SOLUTION
            koe = 0
            forloeb = []
            for ankomne in ankomster:
                koe = et_minut(koe, ankomne, kapacitet)
                forloeb.append(koe)
            return forloeb
            ### END SOLUTION

        print(simuler(ankomster, 3))
    """)
    nb.tests("test-simuler", 3, """
        check_equal(simuler([4, 4, 0], 3), [1, 2, 0])
    """, """
        check_equal(simuler([], 3), [])
        check_equal(simuler([10, 0, 0, 0], 3), [7, 4, 1, 0])
        check_equal(simuler(ankomster, 3), [3, 8, 12, 14, 15, 15, 14, 13, 11, 9, 6, 3, 0, 0, 0])
        check_equal(simuler(ankomster, 6)[:4], [0, 2, 3, 2])
    """)
    nb.mutant("simuler", """
        forloeb = []
        for ankomne in ankomster:
            koe = et_minut(0, ankomne, kapacitet)
            forloeb.append(koe)
        return forloeb
    """, "test-simuler")
    nb.mutant("simuler", """
        koe = 0
        forloeb = []
        for ankomne in ankomster:
            koe = et_minut(koe, ankomne, 3)
            forloeb.append(koe)
        return forloeb
    """, "test-simuler", hidden_only=True)

    nb.md("""
        ## Opgave 3: Hvor lang blev køen?

        Skriv `laengste_koe(forloeb)`, der giver den længste kø i et forløb (0 for et tomt forløb).
    """)
    nb.solution("laengste", """
        def laengste_koe(forloeb):
            ### BEGIN SOLUTION
            laengste = 0
            for koe in forloeb:
                if koe > laengste:
                    laengste = koe
            return laengste
            ### END SOLUTION

        print("Længste kø med én kasse:", laengste_koe(simuler(ankomster, 3)))
    """)
    nb.tests("test-laengste", 1, """
        check_equal(laengste_koe([1, 5, 2]), 5)
    """, """
        check_equal(laengste_koe([]), 0)
        check_equal(laengste_koe(simuler(ankomster, 3)), 15)
    """)
    nb.mutant("laengste", "return forloeb[-1]", "test-laengste")

    nb.md("""
        ## Opgave 4: Den gennemsnitlige ventetid

        Her er modellens smarte idé: **hvert minut** venter hver elev i køen ét minut. Lægger man
        køens længde sammen for alle minutterne, får man altså *alle elevers ventetid tilsammen*.
        Deler man med antallet af elever, får man den gennemsnitlige ventetid i minutter.

        Skriv `ventetid(ankomster, kapacitet)`, der simulerer og giver den gennemsnitlige ventetid.
        Eksempel: `ventetid([4, 4, 0], 3)` giver `(1 + 2 + 0) / 8 = 0.375`.
    """)
    nb.solution("ventetid", """
        def ventetid(ankomster, kapacitet):
            ### BEGIN SOLUTION
            return sum(simuler(ankomster, kapacitet)) / sum(ankomster)
            ### END SOLUTION

        print("Ventetid med én kasse:", round(ventetid(ankomster, 3), 1), "minutter")
    """)
    nb.tests("test-ventetid", 3, """
        check_close(ventetid([4, 4, 0], 3), 0.375)
    """, """
        check_close(ventetid(ankomster, 3), 123 / 39)
        check_close(ventetid([2, 2], 3), 0.0)
        check_close(ventetid([10, 0, 0, 0], 3), 1.2)
    """)
    nb.mutant("ventetid", "return sum(simuler(ankomster, kapacitet)) / len(ankomster)", "test-ventetid")
    nb.mutant("ventetid", "return laengste_koe(simuler(ankomster, kapacitet)) / sum(ankomster)", "test-ventetid")

    nb.md("""
        ## 🔮 Gæt først: Hvad hjælper mest?

        To kasser betyder kapacitet 6. Forskudte pauser betyder `ankomster_forskudt` med én kasse.
        Hvad giver den korteste gennemsnitlige ventetid?

        * A: to kasser
        * B: forskudte pauser
        * C: de giver præcis det samme

        Skriv dit gæt som `gaet = "A"`, `"B"` eller `"C"`, og kør så sammenligningen.
    """)
    nb.guess("gaet", 1, "gaet", "A", "C", options=("A", "B", "C"))
    nb.code("""
        print("Nu (én kasse):       ", round(ventetid(ankomster, 3), 2), "min, længste kø", laengste_koe(simuler(ankomster, 3)))
        print("To kasser:           ", round(ventetid(ankomster, 6), 2), "min, længste kø", laengste_koe(simuler(ankomster, 6)))
        print("Forskudte pauser:    ", round(ventetid(ankomster_forskudt, 3), 2), "min, længste kø", laengste_koe(simuler(ankomster_forskudt, 3)))
    """)
    nb.md("""
        ## Undersøg

        Prøv selv: Hvad hvis én kasse kun kan tage 2 elever i minuttet (kortlæseren er langsom)?
        Hvad hvis 10 elever mere kommer i minut 1? Ændr tallene i cellen og kør den igen.
    """)
    nb.code("""
        mine_ankomster = [6, 8, 7, 5, 4, 3, 2, 2, 1, 1, 0, 0, 0, 0, 0]
        print(simuler(mine_ankomster, 2), round(ventetid(mine_ankomster, 2), 2))
    """)
    nb.md("""
        ## Opgave 5: Anbefaling - og modellens grænser

        Skriv 4-6 sætninger til elevrådet:
        * Hvad anbefaler du, og hvad viser modellen? (Husk, at en kasse mere koster løn til en
          medarbejder, mens forskudte pauser koster noget andet.)
        * Nævn mindst **to ting fra den virkelige kantine, som modellen ikke har med**, og hvordan
          de kunne ændre svaret.
    """)
    nb.answer("svar-model", 2, """
        Modellen viser, at to kasser næsten fjerner køen (ventetid ca. 0,2 minutter), men at
        forskudte pauser også gør ventetiden meget kortere (ca. 0,4 minutter mod 3,2). Jeg vil
        anbefale forskudte pauser, fordi de ikke koster en ekstra medarbejder. Men modellen
        antager, at alle er lige hurtige ved kassen, at ingen går ud af køen, og at ankomsterne er
        de samme hver dag. Hvis nogle dage er meget travlere, eller kortbetalingen er langsom, kan
        det ændre svaret, så man bør tælle flere dage, før man bestemmer sig.
        (Til læreren: 1 point for en anbefaling, der bygger på tallene fra modellen; 1 point for
        to konkrete begrænsninger og hvordan de kunne ændre resultatet.)
    """)
    return nb
