"""Grade 9: a model of how a rumour spreads through a friendship network - and who can stop it."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g9-rygter", "Sådan spreder et rygte sig")
    nb.md("""
        # Sådan spreder et rygte sig 📣

        Et falsk rygte om en elev i 9.B begynder i en gruppechat. Hvor hurtigt når det ud til alle?
        Og hvem kunne have stoppet det?

        I dag bygger du en **model**: en forenklet udgave af virkeligheden, som en computer kan regne
        på. Forskere bruger den samme slags modeller til at forstå, hvordan falske nyheder, moder og
        sygdomme spreder sig. Bagefter skal du vurdere, hvad modellen kan - og hvad den ikke kan.
    """)
    nb.md(HOW_TO)
    nb.setup("""
        # Hvem skriver sammen med hvem i 9.B (opdigtet). Venskaber går begge veje.
        netvaerk = {
            "Alma": ["Bo", "Cecilie", "Dana"],
            "Bo": ["Alma", "Cecilie"],
            "Cecilie": ["Alma", "Bo", "Dana", "Emil"],
            "Dana": ["Alma", "Cecilie"],
            "Emil": ["Cecilie", "Frida"],
            "Frida": ["Emil", "Gorm", "Hiba", "Ivan"],
            "Gorm": ["Frida", "Hiba"],
            "Hiba": ["Frida", "Gorm", "Ivan", "Jonas"],
            "Ivan": ["Frida", "Hiba"],
            "Jonas": ["Hiba", "Karla", "Lukas"],
            "Karla": ["Jonas", "Lukas"],
            "Lukas": ["Jonas", "Karla"],
        }
    """)
    nb.md("""
        ## Eksempel: Mængder

        En **mængde** (set) er som en liste, men hvert element er der kun én gang, og rækkefølgen er
        ligegyldig. Den er god til at holde styr på, *hvem der kender rygtet*. `|` lægger to mængder sammen.
    """)
    nb.code("""
        kender = {"Alma"}
        kender.add("Bo")
        kender.add("Bo")          # Bo er der allerede - der sker ingenting
        print(kender, len(kender))
        print(kender | {"Cecilie", "Alma"})
        print(netvaerk["Emil"])   # Emils venner
    """)
    nb.md("""
        ## Opgave 1: Flest venner

        Skriv `flest_venner(netvaerk)`, der giver navnet på den person, der har flest venner.
        Har flere lige mange, så giv det navn, der kommer først i alfabetet.
        Tip: `sorted(netvaerk)` giver navnene i alfabetisk rækkefølge.
    """)
    nb.solution("flest-venner", """
        def flest_venner(netvaerk):
            ### BEGIN SOLUTION
            bedste = None
            for navn in sorted(netvaerk):
                if bedste is None or len(netvaerk[navn]) > len(netvaerk[bedste]):
                    bedste = navn
            return bedste
            ### END SOLUTION

        print(flest_venner(netvaerk))
    """)
    nb.tests("test-flest-venner", 2, """
        check_equal(flest_venner(netvaerk), "Cecilie")
    """, """
        check_equal(flest_venner({"Bo": ["Ea"], "Ea": ["Bo", "Ib"], "Ib": ["Ea"]}), "Ea")
        check_equal(flest_venner({"Ib": ["Bo", "Ea"], "Bo": ["Ib", "Ea"], "Ea": ["Ib", "Bo"]}), "Bo")
        check_equal(flest_venner({"Zara": ["Åse"], "Åse": ["Zara", "Yrsa"], "Yrsa": ["Åse"]}), "Åse")
    """)
    nb.mutant("flest-venner", "return \"Cecilie\"", "test-flest-venner", hidden_only=True)
    nb.mutant("flest-venner", """
        bedste = None
        for navn in netvaerk:
            if bedste is None or len(netvaerk[navn]) > len(netvaerk[bedste]):
                bedste = navn
        return bedste
    """, "test-flest-venner", hidden_only=True)

    nb.md("""
        ## Opgave 2: Én runde

        Modellens regel: I hver runde fortæller alle, der kender rygtet, det til alle deres venner.
        Men nogle elever er **stoppere**: de hører rygtet, men tjekker det og deler det ikke.

        Skriv `en_runde(netvaerk, kender, stoppere)`, der giver en **ny** mængde med alle, der kender
        rygtet efter runden: dem, der kendte det i forvejen, plus vennerne til alle dem, der kender det
        og ikke er stoppere. `kender` må ikke ændres.
    """)
    nb.solution("en-runde", """
        def en_runde(netvaerk, kender, stoppere):
            ### BEGIN SOLUTION
            ny = set(kender)
            for navn in kender:
                if navn not in stoppere:
                    for ven in netvaerk[navn]:
                        ny.add(ven)
            return ny
            ### END SOLUTION

        print(en_runde(netvaerk, {"Alma"}, set()))
    """)
    nb.tests("test-en-runde", 2, """
        check_equal(en_runde(netvaerk, {"Alma"}, set()), {"Alma", "Bo", "Cecilie", "Dana"})
    """, """
        check_equal(en_runde(netvaerk, {"Emil"}, set()), {"Emil", "Cecilie", "Frida"})
        check_equal(en_runde(netvaerk, {"Emil"}, {"Emil"}), {"Emil"}, "En stopper deler ikke.")
        check_equal(en_runde(netvaerk, {"Cecilie", "Jonas"}, {"Cecilie"}), {"Cecilie", "Jonas", "Hiba", "Karla", "Lukas"})
        foer = {"Alma"}
        en_runde(netvaerk, foer, set())
        check_equal(foer, {"Alma"}, "Mængden kender må ikke ændres.")
    """)
    nb.mutant("en-runde", """
        ny = set(kender)
        for navn in kender:
            for ven in netvaerk[navn]:
                ny.add(ven)
        return ny
    """, "test-en-runde", hidden_only=True)
    nb.mutant("en-runde", """
        for navn in list(kender):
            if navn not in stoppere:
                for ven in netvaerk[navn]:
                    kender.add(ven)
        return kender
    """, "test-en-runde", hidden_only=True)
    nb.mutant("en-runde", """
        ny = set(kender)
        for navn in kender:
            if navn not in stoppere:
                ny.add(netvaerk[navn][0])
        return ny
    """, "test-en-runde")

    nb.md("""
        ## Opgave 3: Hele spredningen

        Skriv `spredning(netvaerk, start, stoppere)`. Rygtet starter hos personen `start`. Kør runder,
        indtil ingen nye hører rygtet. Giv en liste med, **hvor mange** der kender rygtet: først
        1 (kun start), derefter antallet efter hver runde, der gav nye. Eksempel: `[1, 4, 5, ...]`.
    """)
    nb.solution("spredning", """
        def spredning(netvaerk, start, stoppere):
            ### BEGIN SOLUTION
            kender = {start}
            antal = [1]
            while True:
                ny = en_runde(netvaerk, kender, stoppere)
                if len(ny) == len(kender):
                    return antal
                kender = ny
                antal.append(len(kender))
            ### END SOLUTION

        print("Uden stoppere:", spredning(netvaerk, "Alma", set()))
        print("Hvis Frida tjekker rygtet:", spredning(netvaerk, "Alma", {"Frida"}))
    """)
    nb.tests("test-spredning", 3, """
        check_equal(spredning(netvaerk, "Alma", set())[:3], [1, 4, 5])
    """, """
        check_equal(spredning(netvaerk, "Alma", set()), [1, 4, 5, 6, 9, 10, 12])
        check_equal(spredning(netvaerk, "Alma", {"Frida"}), [1, 4, 5, 6])
        check_equal(spredning(netvaerk, "Hiba", set()), [1, 5, 8, 9, 12])
        check_equal(spredning(netvaerk, "Lukas", {"Lukas"}), [1])
        check_equal(spredning({"A": []}, "A", set()), [1])
    """)
    nb.mutant("spredning", """
        kender = {start}
        antal = [1]
        for runde in range(3):
            kender = en_runde(netvaerk, kender, stoppere)
            antal.append(len(kender))
        return antal
    """, "test-spredning", hidden_only=True)
    nb.mutant("spredning", """
        kender = {start}
        antal = [1]
        while True:
            ny = en_runde(netvaerk, kender, stoppere)
            antal.append(len(ny))
            if len(ny) == len(kender):
                return antal
            kender = ny
    """, "test-spredning", hidden_only=True)

    nb.md("""
        ## Opgave 4: Hvem kan stoppe rygtet?

        Hvis bare én person tjekker rygtet og lader være med at dele det - hvem gør så den største
        forskel? Skriv `vigtigste_stopper(netvaerk, start)`: Prøv hver person (undtagen `start`) som
        den eneste stopper, og giv navnet på den, der gør, at **færrest** hører rygtet til sidst.
        Er flere lige gode, så giv den første i alfabetet.
    """)
    nb.solution("stopper", """
        def vigtigste_stopper(netvaerk, start):
            ### BEGIN SOLUTION
            bedste = None
            bedste_antal = None
            for navn in sorted(netvaerk):
                if navn == start:
                    continue
                antal = spredning(netvaerk, start, {navn})[-1]
                if bedste is None or antal < bedste_antal:
                    bedste = navn
                    bedste_antal = antal
            return bedste
            ### END SOLUTION

        for start in ["Alma", "Karla", "Emil"]:
            print("Starter hos", start, "- vigtigste stopper:", vigtigste_stopper(netvaerk, start))
    """)
    nb.tests("test-stopper", 3, """
        check_equal(vigtigste_stopper(netvaerk, "Alma"), "Cecilie")
    """, """
        check_equal(vigtigste_stopper(netvaerk, "Karla"), "Jonas")
        check_equal(vigtigste_stopper(netvaerk, "Emil"), "Frida")
        check_equal(vigtigste_stopper(netvaerk, "Cecilie"), "Emil")
        check_equal(vigtigste_stopper({"A": ["B"], "B": ["A", "C"], "C": ["B"]}, "A"), "B")
    """)
    nb.mutant("stopper", """
        return flest_venner(netvaerk)
    """, "test-stopper", hidden_only=True)
    nb.mutant("stopper", """
        bedste = None
        bedste_antal = None
        for navn in sorted(netvaerk):
            antal = spredning(netvaerk, start, {navn})[-1]
            if bedste is None or antal < bedste_antal:
                bedste = navn
                bedste_antal = antal
        return bedste
    """, "test-stopper")
    nb.md("""
        ## Opgave 5: Hvad kan modellen - og hvad kan den ikke?

        Alle modeller er forenklinger. Nævn mindst tre ting, hvor vores model er anderledes end
        virkeligheden (tænk på, hvordan rygter og falske nyheder faktisk spreder sig på sociale medier).
        Hvad kan modellen alligevel lære os? Brug dine resultater fra opgave 3 og 4.
    """)
    nb.answer("svar-model", 3, """
        I modellen deler alle rygtet med alle deres venner i hver runde, men i virkeligheden deler
        nogle kun med nogle, og nogle glemmer det. Venskaber er lige stærke i modellen, men man stoler
        mere på nogle venner end andre. På sociale medier kan én person nå tusinder på én gang, og
        algoritmer viser spændende og vrede opslag til flere, så det går hurtigere end i modellen. Og
        man kan fortryde og dementere, det er der ingen regel for. Alligevel viser modellen, at
        nogle få personer er broer mellem grupper (Cecilie og Emil): hvis Cecilie lader være med at dele,
        hører kun 4 i stedet for 12 rygtet. Det viser, at det gør en stor forskel, hvad én person gør.
        (Til læreren: 1 point for mindst tre forskelle, 1 for brug af resultater, 1 for hvad
        modellen alligevel kan bruges til.)
    """)
    nb.md("""
        ## Opgave 6: Du er broen

        Du får en besked med et rygte om en klassekammerat - eller en "nyhed", der virker vild.
        Hvad gør du, og hvorfor? Hvorfor betyder det noget for et demokrati, at falske nyheder kan
        sprede sig hurtigt? Skriv 4-6 sætninger.
    """)
    nb.answer("svar-broen", 3, """
        Jeg deler det ikke videre, før jeg har tjekket, om det passer, og hvis det handler om en person,
        deler jeg det slet ikke - det kan gøre meget ondt, og det kan være ulovligt. Jeg kan sige til
        afsenderen, at det ikke er i orden, og fortælle en voksen, hvis det er mobning. En nyhed kan jeg
        tjekke ved at se, om kendte medier skriver om den, og hvem afsenderen er. I et demokrati skal
        folk stemme ud fra rigtige oplysninger; hvis falske nyheder spreder sig hurtigere end
        rettelserne, kan de påvirke valg og skabe had mellem grupper.
        (Til læreren: point for en konkret handling med begrundelse, kildekritik og koblingen til
        demokrati.)
    """)
    return nb
