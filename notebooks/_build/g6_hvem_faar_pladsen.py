"""Grade 6: who gets the club's limited places? Sorting rules and fairness."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g6-hvem-faar-pladsen", "Hvem får pladsen?")
    nb.md("""
        # Hvem får pladsen? ⚖️

        Skolens nye **kodeklub** har kun **6 pladser**, men 12 elever har søgt. Hvem skal med?

        Tilmeldingen åbnede kl. 10.00 på skolens intranet. 6.A hørte om det med det samme, fordi
        deres lærer fortalte om det i timen. 5.B hørte det en halv time senere. 4.A's lærer var syg,
        så de fik først beskeden efter frokost.

        En computer skal fordele pladserne efter en **regel**. I dag programmerer du flere regler
        og undersøger, hvem hver regel er god og dårlig for.
    """)
    nb.md(HOW_TO)
    nb.setup("""
        # minut = hvor mange minutter efter kl. 10.00 eleven tilmeldte sig
        # foer = True, hvis eleven har gået i kodeklubben før
        ansoegere = [
            {"navn": "Asta", "klasse": "6.A", "minut": 2, "foer": True},
            {"navn": "Bilal", "klasse": "6.A", "minut": 1, "foer": True},
            {"navn": "Cecilie", "klasse": "5.B", "minut": 35, "foer": False},
            {"navn": "Dennis", "klasse": "6.A", "minut": 4, "foer": False},
            {"navn": "Emma", "klasse": "4.A", "minut": 190, "foer": False},
            {"navn": "Frederik", "klasse": "6.A", "minut": 3, "foer": True},
            {"navn": "Gülsen", "klasse": "5.B", "minut": 41, "foer": False},
            {"navn": "Hamza", "klasse": "4.A", "minut": 185, "foer": False},
            {"navn": "Ida", "klasse": "6.A", "minut": 6, "foer": True},
            {"navn": "Jonas", "klasse": "5.B", "minut": 38, "foer": True},
            {"navn": "Karla", "klasse": "4.A", "minut": 200, "foer": False},
            {"navn": "Liva", "klasse": "6.A", "minut": 5, "foer": False},
        ]
        pladser = 6
    """)
    nb.md("""
        ## Eksempel: Sortér efter en regel

        Hver elev er en **ordbog** (dict): `person["navn"]` giver navnet. `sorted` kan sortere en
        liste efter en regel, som du skriver som en funktion. Funktionen får én person og svarer
        med det, der skal sorteres efter. Med `[:3]` tager man de første 3 i en liste.
    """)
    nb.code("""
        venner = [{"navn": "Ali", "alder": 12}, {"navn": "Bo", "alder": 11}, {"navn": "Cia", "alder": 13}]

        def efter_alder(person):
            return person["alder"]

        yngst_foerst = sorted(venner, key=efter_alder)
        for person in yngst_foerst[:2]:
            print(person["navn"], person["alder"])
    """)
    nb.md("""
        ## Opgave 1: Først til mølle

        Skriv `foerst_til_moelle(ansoegere, pladser)`. Den skal sortere eleverne efter `"minut"`
        (den, der tilmeldte sig først, står først) og give en **liste med navnene** på dem, der
        får en plads.
    """)
    nb.solution("foerst-til-moelle", """
        def efter_minut(person):
            return person["minut"]

        def foerst_til_moelle(ansoegere, pladser):
            ### BEGIN SOLUTION
            navne = []
            for person in sorted(ansoegere, key=efter_minut)[:pladser]:
                navne.append(person["navn"])
            return navne
            ### END SOLUTION

        print(foerst_til_moelle(ansoegere, pladser))
    """)
    nb.tests("test-foerst-til-moelle", 2, """
        check_equal(len(foerst_til_moelle(ansoegere, pladser)), 6)
        check_equal(foerst_til_moelle(ansoegere, 2), ["Bilal", "Asta"])
    """, """
        check_equal(foerst_til_moelle(ansoegere, pladser), ["Bilal", "Asta", "Frederik", "Dennis", "Liva", "Ida"])
        check_equal(foerst_til_moelle(ansoegere, 0), [])
        andre = [{"navn": "X", "klasse": "4.A", "minut": 9, "foer": False},
                 {"navn": "Y", "klasse": "4.A", "minut": 3, "foer": True},
                 {"navn": "Z", "klasse": "5.A", "minut": 5, "foer": False}]
        check_equal(foerst_til_moelle(andre, 2), ["Y", "Z"])
        check_equal(foerst_til_moelle(andre, 10), ["Y", "Z", "X"])
    """)
    nb.mutant("foerst-til-moelle", """
        return ["Bilal", "Asta", "Frederik", "Dennis", "Liva", "Ida"][:pladser]
    """, "test-foerst-til-moelle", hidden_only=True)
    nb.mutant("foerst-til-moelle", """
        navne = []
        for person in ansoegere[:pladser]:
            navne.append(person["navn"])
        return navne
    """, "test-foerst-til-moelle")

    nb.md("""
        ## Opgave 2: Nye først

        Klubbens leder foreslår: *"Dem, der ikke har været med før, skal have pladserne først."*
        Skriv `nye_foerst(ansoegere, pladser)`: Først kommer de nye, sorteret efter minut. Bagefter
        kommer dem, der har været med før, også sorteret efter minut. Giv navnene på dem, der får
        en plads.

        Tip: Lav to lister - de nye og de gamle - sortér hver for sig, og læg dem sammen med `+`.
    """)
    nb.solution("nye-foerst", """
        def nye_foerst(ansoegere, pladser):
            ### BEGIN SOLUTION
            nye = []
            gamle = []
            for person in ansoegere:
                if person["foer"]:
                    gamle.append(person)
                else:
                    nye.append(person)
            raekkefoelge = sorted(nye, key=efter_minut) + sorted(gamle, key=efter_minut)
            navne = []
            for person in raekkefoelge[:pladser]:
                navne.append(person["navn"])
            return navne
            ### END SOLUTION

        print(nye_foerst(ansoegere, pladser))
    """)
    nb.tests("test-nye-foerst", 2, """
        check_equal(nye_foerst(ansoegere, 2), ["Dennis", "Liva"])
    """, """
        check_equal(nye_foerst(ansoegere, pladser), ["Dennis", "Liva", "Cecilie", "Gülsen", "Hamza", "Emma"])
        check_equal(nye_foerst(ansoegere, 9), ["Dennis", "Liva", "Cecilie", "Gülsen", "Hamza", "Emma", "Karla", "Bilal", "Asta"])
        andre = [{"navn": "X", "klasse": "4.A", "minut": 9, "foer": True},
                 {"navn": "Y", "klasse": "4.A", "minut": 3, "foer": True},
                 {"navn": "Z", "klasse": "5.A", "minut": 5, "foer": False}]
        check_equal(nye_foerst(andre, 3), ["Z", "Y", "X"])
    """)
    nb.mutant("nye-foerst", """
        navne = []
        for person in sorted(ansoegere, key=efter_minut):
            if not person["foer"]:
                navne.append(person["navn"])
        return navne[:pladser]
    """, "test-nye-foerst", hidden_only=True)

    nb.md("""
        ## Opgave 3: Hvem vinder?

        Skriv `fordeling(navne, ansoegere)`. Den skal give en ordbog, der for **hver klasse,
        der har søgt**, fortæller, hvor mange af de valgte `navne` der går i den klasse - også
        hvis det er 0.

        Eksempel: `fordeling(["Asta", "Emma"], ansoegere)` giver `{"6.A": 1, "5.B": 0, "4.A": 1}`.
    """)
    nb.solution("fordeling", """
        def fordeling(navne, ansoegere):
            ### BEGIN SOLUTION
            antal = {}
            for person in ansoegere:
                if person["klasse"] not in antal:
                    antal[person["klasse"]] = 0
                if person["navn"] in navne:
                    antal[person["klasse"]] = antal[person["klasse"]] + 1
            return antal
            ### END SOLUTION

        print("Først til mølle:", fordeling(foerst_til_moelle(ansoegere, pladser), ansoegere))
        print("Nye først:      ", fordeling(nye_foerst(ansoegere, pladser), ansoegere))
    """)
    nb.tests("test-fordeling", 2, """
        check_equal(fordeling(["Asta", "Emma"], ansoegere), {"6.A": 1, "5.B": 0, "4.A": 1})
    """, """
        check_equal(fordeling([], ansoegere), {"6.A": 0, "5.B": 0, "4.A": 0})
        check_equal(fordeling(["Bilal", "Asta", "Frederik", "Dennis", "Liva", "Ida"], ansoegere), {"6.A": 6, "5.B": 0, "4.A": 0})
        check_equal(fordeling(["Cecilie", "Jonas", "Karla"], ansoegere), {"6.A": 0, "5.B": 2, "4.A": 1})
        andre = [{"navn": "X", "klasse": "9.C", "minut": 9, "foer": True}]
        check_equal(fordeling(["X"], andre), {"9.C": 1})
    """)
    nb.mutant("fordeling", """
        antal = {}
        for person in ansoegere:
            if person["navn"] in navne:
                if person["klasse"] not in antal:
                    antal[person["klasse"]] = 0
                antal[person["klasse"]] = antal[person["klasse"]] + 1
        return antal
    """, "test-fordeling")
    nb.mutant("fordeling", """
        antal = {"6.A": 0, "5.B": 0, "4.A": 0}
        for person in ansoegere:
            if person["navn"] in navne:
                antal[person["klasse"]] = antal[person["klasse"]] + 1
        return antal
    """, "test-fordeling", hidden_only=True)

    nb.md("""
        ## Opgave 4: Lodtrækning

        En tredje regel: **træk lod**. Skriv `lodtraekning(ansoegere, pladser, frø)`:

        1. lav en liste med alle navnene,
        2. kald `random.seed(frø)` - så bliver lodtrækningen den samme, hver gang man bruger samme
           frø (så kan man bevise bagefter, hvordan den gik),
        3. bland listen med `random.shuffle(navne)`,
        4. giv de første `pladser` navne.
    """)
    nb.solution("lodtraekning", """
        import random

        def lodtraekning(ansoegere, pladser, frø):
            ### BEGIN SOLUTION
            navne = []
            for person in ansoegere:
                navne.append(person["navn"])
            random.seed(frø)
            random.shuffle(navne)
            return navne[:pladser]
            ### END SOLUTION

        print(lodtraekning(ansoegere, pladser, 2026))
        print(fordeling(lodtraekning(ansoegere, pladser, 2026), ansoegere))
    """)
    nb.tests("test-lodtraekning", 2, """
        valgt = lodtraekning(ansoegere, pladser, 1)
        check_equal(len(valgt), 6)
        check_equal(len(set(valgt)), 6, "Ingen må trækkes to gange.")
        check_equal(valgt, lodtraekning(ansoegere, pladser, 1), "Samme frø skal give samme lodtrækning.")
    """, """
        alle = {"Asta", "Bilal", "Cecilie", "Dennis", "Emma", "Frederik", "Gülsen", "Hamza", "Ida", "Jonas", "Karla", "Liva"}
        set_valgt = set()
        forskellige = set()
        for frø in range(60):
            valgt = lodtraekning(ansoegere, pladser, frø)
            check_equal(len(valgt), 6)
            check_true(set(valgt) <= alle, "Kun ansøgere kan vinde.")
            check_equal(len(set(valgt)), 6)
            set_valgt = set_valgt | set(valgt)
            forskellige.add(tuple(sorted(valgt)))
        check_equal(set_valgt, alle, "Alle skal have en chance i lodtrækningen.")
        check_true(len(forskellige) > 20, "Forskellige frø skal give forskellige lodtrækninger.")
        check_equal(lodtraekning(ansoegere, 0, 5), [])
    """)
    nb.mutant("lodtraekning", """
        navne = []
        for person in ansoegere:
            navne.append(person["navn"])
        return navne[:pladser]
    """, "test-lodtraekning", hidden_only=True)
    nb.mutant("lodtraekning", """
        navne = []
        for person in ansoegere:
            navne.append(person["navn"])
        random.seed(frø)
        return random.choices(navne, k=pladser)
    """, "test-lodtraekning")

    nb.md("""
        ## Opgave 5: Hvilken regel er mest retfærdig?

        Kør cellerne igen og se på fordelingen for de tre regler. Sammenlign mindst to af reglerne:
        Hvem vinder, og hvem taber ved hver regel? Hvilken regel ville du vælge - eller kan du
        finde på en bedre regel? Begrund dit svar.
    """)
    nb.answer("svar-retfaerdig", 3, """
        Med først til mølle får 6.A alle seks pladser, fordi de hørte om klubben først - ikke fordi
        de havde mest lyst. 4.A havde ingen chance, fordi deres lærer var syg. Nye først er bedre
        for dem, der ikke har prøvet det før, men Bilal og Asta, som har været med og måske er
        glade for klubben, kommer ikke med. Lodtrækning giver alle samme chance, men kan være
        uheldig for én klasse. Jeg ville vælge en regel med mindst én plads til hver klasse og så
        lodtrækning om resten, for så afhænger det ikke af, hvem der hørte beskeden først.
        (Til læreren: point for at sammenligne to regler med konkrete vindere/tabere fra data,
        et valg og en begrundelse.)
    """)
    nb.md("""
        ## Opgave 6: "Computeren har valgt"

        Skolen skriver til forældrene: *"Pladserne er fordelt af en computer, så det er helt
        fair."* Hvad vil du svare? Skriv 2-4 sætninger.
    """)
    nb.answer("svar-computeren", 2, """
        En computer følger bare den regel, som et menneske har valgt. Hvis reglen er uretfærdig,
        som først til mølle her, så er computerens valg også uretfærdigt. Man skal spørge, hvem der
        har valgt reglen, og om den er fair for alle - og man skal kunne klage.
        (Til læreren: point for at pege på, at mennesker vælger reglen, og at en regel kan
        ramme nogen skævt.)
    """)
    return nb
