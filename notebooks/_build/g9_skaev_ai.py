"""Grade 9: a 'learned' selection rule copies biased history - accuracy is not fairness."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g9-skaev-ai", "Den skæve AI")
    nb.md("""
        # Den skæve AI ⚖️🤖

        Kommunen har hvert år en populær sommerskole i programmering, **Ung Tech**, med få pladser.
        Indtil nu har lærere udvalgt eleverne. Nu vil kommunen spare tid og lade en **AI** vælge.
        AI'en skal *lære* af de tidligere år: Hvem blev optaget?

        Det lyder smart - men i dag finder du ud af, hvad der sker, når en maskine lærer af data, der
        er skæve. Du bygger selv en (meget) lille maskinlæring og undersøger, hvem den er god og
        dårlig for.

        Alle navne og tal er opdigtede. Kun Skole Nord har haft en kodeklub.
    """)
    nb.md(HOW_TO)
    nb.setup("""
        # opgave_point: point i en programmeringsopgave (0-100)
        # kodeklub_timer: timer i skolens kodeklub (kun Skole Nord har en kodeklub)
        # optaget: blev eleven optaget de tidligere år (besluttet af lærere)?
        historik = [
            {"navn": "Anna", "skole": "Nord", "koen": "pige", "opgave_point": 55, "kodeklub_timer": 40, "optaget": True},
            {"navn": "Bjørn", "skole": "Nord", "koen": "dreng", "opgave_point": 80, "kodeklub_timer": 60, "optaget": True},
            {"navn": "Carl", "skole": "Nord", "koen": "dreng", "opgave_point": 45, "kodeklub_timer": 30, "optaget": True},
            {"navn": "Dagmar", "skole": "Nord", "koen": "pige", "opgave_point": 70, "kodeklub_timer": 25, "optaget": True},
            {"navn": "Elias", "skole": "Nord", "koen": "dreng", "opgave_point": 60, "kodeklub_timer": 50, "optaget": True},
            {"navn": "Fie", "skole": "Nord", "koen": "pige", "opgave_point": 35, "kodeklub_timer": 5, "optaget": False},
            {"navn": "Gustav", "skole": "Nord", "koen": "dreng", "opgave_point": 50, "kodeklub_timer": 35, "optaget": True},
            {"navn": "Hannah", "skole": "Nord", "koen": "pige", "opgave_point": 65, "kodeklub_timer": 0, "optaget": False},
            {"navn": "Ismail", "skole": "Nord", "koen": "dreng", "opgave_point": 40, "kodeklub_timer": 20, "optaget": True},
            {"navn": "Josefine", "skole": "Nord", "koen": "pige", "opgave_point": 30, "kodeklub_timer": 10, "optaget": False},
            {"navn": "Kasper", "skole": "Syd", "koen": "dreng", "opgave_point": 85, "kodeklub_timer": 0, "optaget": False},
            {"navn": "Laura", "skole": "Syd", "koen": "pige", "opgave_point": 90, "kodeklub_timer": 0, "optaget": True},
            {"navn": "Mikkel", "skole": "Syd", "koen": "dreng", "opgave_point": 75, "kodeklub_timer": 0, "optaget": False},
            {"navn": "Nora", "skole": "Syd", "koen": "pige", "opgave_point": 70, "kodeklub_timer": 0, "optaget": False},
            {"navn": "Oliver", "skole": "Syd", "koen": "dreng", "opgave_point": 50, "kodeklub_timer": 0, "optaget": False},
            {"navn": "Petra", "skole": "Syd", "koen": "pige", "opgave_point": 82, "kodeklub_timer": 0, "optaget": False},
            {"navn": "Rasmus", "skole": "Syd", "koen": "dreng", "opgave_point": 40, "kodeklub_timer": 0, "optaget": False},
            {"navn": "Sara", "skole": "Syd", "koen": "pige", "opgave_point": 65, "kodeklub_timer": 0, "optaget": False},
            {"navn": "Theo", "skole": "Syd", "koen": "dreng", "opgave_point": 55, "kodeklub_timer": 0, "optaget": False},
            {"navn": "Ulla", "skole": "Syd", "koen": "pige", "opgave_point": 35, "kodeklub_timer": 0, "optaget": False},
        ]
        facit = [person["optaget"] for person in historik]
    """)
    nb.md("""
        ## Eksempel: En regel er en forudsigelse

        Vores AI bruger den enkleste slags regel: *"Optag alle, der har mindst GRÆNSE i FELT."*
        Her prøver vi reglen "mindst 60 opgavepoint" på de tre første elever.
    """)
    nb.code("""
        for person in historik[:3]:
            print(person["navn"], person["opgave_point"], "->", person["opgave_point"] >= 60)
    """)
    nb.md("""
        ## Opgave 1: Forudsig

        Skriv `forudsig(data, felt, graense)`, der giver en liste med `True` eller `False` for hver
        person: `True`, hvis personens værdi i `felt` er mindst `graense`.
    """)
    nb.solution("forudsig", """
        def forudsig(data, felt, graense):
            ### BEGIN SOLUTION
            svar = []
            for person in data:
                svar.append(person[felt] >= graense)
            return svar
            ### END SOLUTION

        print(forudsig(historik[:3], "opgave_point", 60))
    """)
    nb.tests("test-forudsig", 2, """
        check_equal(forudsig(historik[:3], "opgave_point", 60), [False, True, False])
    """, """
        check_equal(forudsig(historik[:3], "opgave_point", 55), [True, True, False], "Mindst betyder: lig med tæller også.")
        check_equal(forudsig([], "opgave_point", 50), [])
        check_equal(forudsig(historik[7:12], "kodeklub_timer", 1), [False, True, True, False, False])
    """)
    nb.mutant("forudsig", """
        svar = []
        for person in data:
            svar.append(person[felt] > graense)
        return svar
    """, "test-forudsig", hidden_only=True)
    nb.mutant("forudsig", """
        svar = []
        for person in data:
            svar.append(person["opgave_point"] >= graense)
        return svar
    """, "test-forudsig", hidden_only=True)

    nb.md("""
        ## Opgave 2: Hvor præcis er reglen?

        Skriv `noejagtighed(forudsigelser, facit)`, der giver, hvor stor en del af forudsigelserne der
        er lig med facit - som et kommatal mellem 0 og 1. Eksempel:
        `noejagtighed([True, False, True, True], [True, True, True, False])` giver `0.5`.
    """)
    nb.solution("noejagtighed", """
        def noejagtighed(forudsigelser, facit):
            ### BEGIN SOLUTION
            rigtige = 0
            for i in range(len(facit)):
                if forudsigelser[i] == facit[i]:
                    rigtige = rigtige + 1
            return rigtige / len(facit)
            ### END SOLUTION

        print(noejagtighed(forudsig(historik, "opgave_point", 60), facit))
    """)
    nb.tests("test-noejagtighed", 2, """
        check_close(noejagtighed([True, False, True, True], [True, True, True, False]), 0.5)
    """, """
        check_close(noejagtighed([True], [True]), 1.0)
        check_close(noejagtighed([False, False, False], [True, True, True]), 0.0)
        check_close(noejagtighed([False, False, True], [False, True, True]), 2 / 3)
        check_close(noejagtighed(forudsig(historik, "kodeklub_timer", 20), facit), 0.95)
    """)
    nb.mutant("noejagtighed", """
        rigtige = 0
        for i in range(len(facit)):
            if forudsigelser[i] and facit[i]:
                rigtige = rigtige + 1
        return rigtige / len(facit)
    """, "test-noejagtighed", hidden_only=True)

    nb.md("""
        ## Opgave 3: Lær en regel

        Nu skal AI'en *lære*. Skriv `laer_graense(data, felt)`:

        1. prøv som grænse hver af de værdier, der findes i `felt` i data (`sorted(set(...))` giver dem
           sorteret og uden gentagelser),
        2. regn nøjagtigheden ud mod `"optaget"` for hver grænse,
        3. giv tuplen `(bedste_graense, bedste_noejagtighed)`. Er flere grænser lige gode, så vælg den
           mindste.

        Kør så cellen under testen: Hvilket felt lærer AI'en at bruge?
    """)
    nb.solution("laer", """
        def laer_graense(data, felt):
            ### BEGIN SOLUTION
            rigtige_svar = []
            vaerdier = []
            for person in data:
                rigtige_svar.append(person["optaget"])
                vaerdier.append(person[felt])
            bedste = None
            bedste_n = -1.0
            for graense in sorted(set(vaerdier)):
                n = noejagtighed(forudsig(data, felt, graense), rigtige_svar)
                if n > bedste_n:
                    bedste = graense
                    bedste_n = n
            return (bedste, bedste_n)
            ### END SOLUTION
    """)
    nb.tests("test-laer", 3, """
        check_equal(laer_graense(historik, "kodeklub_timer"), (20, 0.95))
    """, """
        check_equal(laer_graense(historik, "opgave_point"), (90, 0.65))
        lille = [{"x": 1, "optaget": False}, {"x": 5, "optaget": True}, {"x": 9, "optaget": True}]
        check_equal(laer_graense(lille, "x"), (5, 1.0))
        lige = [{"x": 1, "optaget": True}, {"x": 2, "optaget": False}, {"x": 3, "optaget": True}]
        check_equal(laer_graense(lige, "x"), (1, 2 / 3), "Ved lige gode grænser: vælg den mindste.")
    """)
    nb.mutant("laer", "return (20, 0.95)", "test-laer", hidden_only=True)
    nb.mutant("laer", """
        rigtige_svar = []
        vaerdier = []
        for person in data:
            rigtige_svar.append(person["optaget"])
            vaerdier.append(person[felt])
        bedste = None
        bedste_n = -1.0
        for graense in sorted(set(vaerdier)):
            n = noejagtighed(forudsig(data, felt, graense), rigtige_svar)
            if n >= bedste_n:
                bedste = graense
                bedste_n = n
        return (bedste, bedste_n)
    """, "test-laer", hidden_only=True)
    nb.code("""
        for felt in ["opgave_point", "kodeklub_timer"]:
            graense, n = laer_graense(historik, felt)
            print(f"Bedste regel med {felt}: mindst {graense} -> {round(100 * n)} % som lærerne")
    """)
    nb.md("""
        ## Opgave 4: Hvem får ja?

        AI'en valgte reglen *"mindst 20 timer i kodeklubben"*, fordi den ligner lærernes valg mest.
        Skriv `andel_ja(data, forudsigelser, felt, vaerdi)`, der giver, hvor stor en del af de personer,
        der har `vaerdi` i `felt`, som får `True` - som kommatal. Eksempel: andelen af elever fra
        Skole Syd, der bliver optaget.
    """)
    nb.solution("andel-ja", """
        def andel_ja(data, forudsigelser, felt, vaerdi):
            ### BEGIN SOLUTION
            i_gruppen = 0
            ja = 0
            for i in range(len(data)):
                if data[i][felt] == vaerdi:
                    i_gruppen = i_gruppen + 1
                    if forudsigelser[i]:
                        ja = ja + 1
            return ja / i_gruppen
            ### END SOLUTION

        ai = forudsig(historik, "kodeklub_timer", 20)
        opgave = forudsig(historik, "opgave_point", 60)
        for felt, vaerdi in [("skole", "Nord"), ("skole", "Syd"), ("koen", "pige"), ("koen", "dreng")]:
            print(f"{vaerdi:6} AI-reglen: {round(100 * andel_ja(historik, ai, felt, vaerdi)):3} %   "
                  f"opgave_point >= 60: {round(100 * andel_ja(historik, opgave, felt, vaerdi)):3} %")
    """)
    nb.tests("test-andel-ja", 2, """
        check_close(andel_ja(historik, forudsig(historik, "kodeklub_timer", 20), "skole", "Nord"), 0.7)
    """, """
        ai = forudsig(historik, "kodeklub_timer", 20)
        check_close(andel_ja(historik, ai, "skole", "Syd"), 0.0)
        check_close(andel_ja(historik, ai, "koen", "pige"), 0.2)
        check_close(andel_ja(historik, ai, "koen", "dreng"), 0.5)
        check_close(andel_ja(historik, forudsig(historik, "opgave_point", 60), "skole", "Syd"), 0.6)
        check_close(andel_ja([{"g": "a"}, {"g": "b"}, {"g": "a"}], [True, True, False], "g", "a"), 0.5)
    """)
    nb.mutant("andel-ja", """
        ja = 0
        for i in range(len(data)):
            if data[i][felt] == vaerdi and forudsigelser[i]:
                ja = ja + 1
        return ja / len(data)
    """, "test-andel-ja")
    nb.md("""
        ## Opgave 5: Præcis - men retfærdig?

        AI-reglen gør det samme som lærerne 95 % af gangene. Alligevel: Er den retfærdig? Brug tallene
        fra opgave 4. Forklar, hvor skævheden kommer fra - AI'en har jo aldrig set feltet `skole`
        eller `koen`. Sammenlign med reglen "mindst 60 opgavepoint".
    """)
    nb.answer("svar-retfaerdig", 3, """
        Nej. Med AI-reglen bliver 70 % fra Skole Nord optaget og 0 % fra Skole Syd, og 50 % af drengene
        mod 20 % af pigerne. Det er ikke fordi, eleverne fra Syd er dårligere: Kasper (85), Petra (82)
        og Mikkel (75) har højere opgavepoint end de fleste, der blev optaget. AI'en bruger
        kodeklub-timer, og det er i virkeligheden et spejl af, hvilken skole man går på, fordi kun Nord
        har en kodeklub - og flere drenge gik der. Den har lært lærernes skæve valg. Reglen "mindst 60
        opgavepoint" ligner lærerne mindre, men giver 40 % i Nord og 60 % i Syd og måler det, som
        sommerskolen handler om. Høj nøjagtighed betyder kun, at AI'en kopierer fortiden godt.
        (Til læreren: 1 point for tal fra opgave 4, 1 for at forklare stedfortræder-variablen
        (kodeklub = skole/køn), 1 for at skelne mellem nøjagtighed og retfærdighed.)
    """)
    nb.md("""
        ## Opgave 6: Dine krav til kommunen

        Kommunen vil bruge AI'en næste år - også til andre ting, fx pladser på ungdomsskolen. Skriv tre
        krav, du vil stille, før en automatisk beslutning om unge må bruges. Begrund hvert krav.
    """)
    nb.answer("svar-krav", 3, """
        1) Før AI'en tages i brug, skal man undersøge, om den behandler grupper (skole, køn, bopæl,
        etnicitet) forskelligt - som vi gjorde med andel_ja - og offentliggøre resultatet. Ellers opdager
        ingen skævheden. 2) Man skal kunne få at vide, hvilken regel der blev brugt om en selv, og kunne
        klage til et menneske, som kan ændre afgørelsen. Det er ens ret efter GDPR, og AI'er tager fejl.
        3) Data, AI'en lærer af, skal vælges ud fra det, man vil opnå (fx opgavepoint), ikke kun ud fra
        hvad man plejede at gøre, for så gentager man gamle fejl.
        (Til læreren: 1 point pr. begrundet krav, fx test for skævhed, gennemsigtighed/forklaring,
        klageadgang/menneske i loopet, bedre data, databeskyttelse.)
    """)
    return nb
