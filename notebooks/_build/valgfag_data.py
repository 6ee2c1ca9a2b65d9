"""Valgfag: the second catch-up - data as lists and dictionaries, counted, averaged and questioned.

Why: grades 5-6 work with data (class surveys, images as numbers); grade 7-9 activities assume
pupils can loop over a list of records, count with a dictionary and compute an average. This
notebook does that with an invented survey about screen time, and ends with the question every
data task in the subject asks: who should be allowed to collect and see such data?
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("valgfag-data", "Data om skærmtid: lister og ordbøger")
    nb.md("""
        # Data om skærmtid: lister og ordbøger 📱📊

        Elevrådet har spurgt 16 elever på en (opdigtet) skole om deres skærmtid. Hvert svar er
        gemt som en **ordbog** (`dict`) med nøgler og værdier, og alle svarene ligger i en **liste**.
        I dag laver du de beregninger, elevrådet skal bruge - og tager stilling til, hvad data om
        skærmtid må bruges til.
    """)
    nb.md(HOW_TO)
    nb.setup("""
        svar = [
            {"klasse": "7.A", "timer": 3, "app": "TikTok"},
            {"klasse": "7.A", "timer": 5, "app": "YouTube"},
            {"klasse": "7.A", "timer": 2, "app": "Snapchat"},
            {"klasse": "7.A", "timer": 4, "app": "TikTok"},
            {"klasse": "7.A", "timer": 1, "app": "Spil"},
            {"klasse": "8.B", "timer": 6, "app": "TikTok"},
            {"klasse": "8.B", "timer": 4, "app": "Snapchat"},
            {"klasse": "8.B", "timer": 3, "app": "YouTube"},
            {"klasse": "8.B", "timer": 7, "app": "Spil"},
            {"klasse": "8.B", "timer": 2, "app": "Snapchat"},
            {"klasse": "8.B", "timer": 5, "app": "TikTok"},
            {"klasse": "9.C", "timer": 4, "app": "YouTube"},
            {"klasse": "9.C", "timer": 3, "app": "Snapchat"},
            {"klasse": "9.C", "timer": 6, "app": "TikTok"},
            {"klasse": "9.C", "timer": 2, "app": "Spil"},
            {"klasse": "9.C", "timer": 4, "app": "Snapchat"},
        ]
        print(len(svar), "svar. Det første:", svar[0])
    """)
    nb.md("""
        ## Eksempel: slå op i en ordbog

        `svar[0]` er det første svar, og `svar[0]["timer"]` er timerne i det svar. En løkke kan gå
        alle svarene igennem.
    """)
    nb.code("""
        for et_svar in svar[:3]:
            print(et_svar["klasse"], "bruger", et_svar["timer"], "timer, mest på", et_svar["app"])
    """)
    nb.md("""
        ## Opgave 1: Gennemsnit

        Skriv `gennemsnit_timer(svarliste)`, der giver det gennemsnitlige antal timer. En tom
        liste giver `0`.
    """)
    nb.solution("gennemsnit", """
        def gennemsnit_timer(svarliste):
            ### BEGIN SOLUTION
            if len(svarliste) == 0:
                return 0
            i_alt = 0
            for et_svar in svarliste:
                i_alt = i_alt + et_svar["timer"]
            return i_alt / len(svarliste)
            ### END SOLUTION

        print(gennemsnit_timer(svar))
    """)
    nb.tests("test-gennemsnit", 2, """
        check_close(gennemsnit_timer(svar), 61 / 16)
    """, """
        check_close(gennemsnit_timer([]), 0)
        check_close(gennemsnit_timer(svar[:2]), 4.0)
    """)
    nb.mutant("gennemsnit", """
        i_alt = 0
        for et_svar in svarliste:
            i_alt = i_alt + et_svar["timer"]
        return i_alt / 16
    """, "test-gennemsnit", hidden_only=True)
    nb.mutant("gennemsnit", "return len(svarliste)", "test-gennemsnit")

    nb.md("""
        ## Opgave 2: Kun én klasse

        Skriv `fra_klasse(svarliste, klasse)`, der giver en ny liste med kun de svar, der kommer fra
        `klasse`. Brug den sammen med `gennemsnit_timer` til at sammenligne klasserne.
    """)
    nb.solution("fra-klasse", """
        def fra_klasse(svarliste, klasse):
            ### BEGIN SOLUTION
            udvalgte = []
            for et_svar in svarliste:
                if et_svar["klasse"] == klasse:
                    udvalgte.append(et_svar)
            return udvalgte
            ### END SOLUTION

        for klasse in ["7.A", "8.B", "9.C"]:
            print(klasse, round(gennemsnit_timer(fra_klasse(svar, klasse)), 1), "timer")
    """)
    nb.tests("test-fra-klasse", 2, """
        check_equal(len(fra_klasse(svar, "7.A")), 5)
    """, """
        check_equal(fra_klasse(svar, "7.A")[1]["timer"], 5)
        check_equal(fra_klasse(svar, "10.X"), [])
        check_equal(len(fra_klasse(svar, "8.B")), 6)
    """)
    nb.mutant("fra-klasse", "return svarliste[:5]", "test-fra-klasse", hidden_only=True)
    nb.mutant("fra-klasse", "return []", "test-fra-klasse")

    nb.md("""
        ## Opgave 3: Tæl med en ordbog

        Skriv `optael_apps(svarliste)`, der giver en ordbog med hver app og hvor mange, der svarede
        den. Eksempel: `{"TikTok": 5, "YouTube": 3, ...}`.

        Tip: `antal.get(app, 0)` giver det antal, der står under `app` - eller 0, hvis appen ikke
        er talt endnu.
    """)
    nb.solution("optael", """
        def optael_apps(svarliste):
            ### BEGIN SOLUTION
            antal = {}
            for et_svar in svarliste:
                app = et_svar["app"]
                antal[app] = antal.get(app, 0) + 1
            return antal
            ### END SOLUTION

        print(optael_apps(svar))
    """)
    nb.tests("test-optael", 2, """
        check_equal(optael_apps(svar)["TikTok"], 5)
    """, """
        check_equal(optael_apps(svar), {"TikTok": 5, "YouTube": 3, "Snapchat": 5, "Spil": 3})
        check_equal(optael_apps([]), {})
    """)
    nb.mutant("optael", """
        antal = {}
        for et_svar in svarliste:
            antal[et_svar["app"]] = 1
        return antal
    """, "test-optael")
    nb.mutant("optael", """
        antal = {"TikTok": 0}
        for et_svar in svarliste:
            app = et_svar["app"]
            antal[app] = antal.get(app, 0) + 1
        return antal
    """, "test-optael", hidden_only=True)

    nb.md("""
        ## Opgave 4: Et søjlediagram af tekst

        Skriv `diagram(antal)`, der giver en liste med én linje pr. app: navnet, et kolon, et
        mellemrum og én `#` pr. svar - i samme rækkefølge som i ordbogen.
        Eksempel: `diagram({"TikTok": 3, "Spil": 1})` giver `["TikTok: ###", "Spil: #"]`.
    """)
    nb.solution("diagram", """
        def diagram(antal):
            ### BEGIN SOLUTION
            linjer = []
            for app in antal:
                linjer.append(app + ": " + "#" * antal[app])
            return linjer
            ### END SOLUTION

        for linje in diagram(optael_apps(svar)):
            print(linje)
    """)
    nb.tests("test-diagram", 2, """
        check_equal(diagram({"TikTok": 3, "Spil": 1}), ["TikTok: ###", "Spil: #"])
    """, """
        check_equal(diagram({}), [])
        check_equal(diagram({"A": 0}), ["A: "])
    """)
    nb.mutant("diagram", """
        linjer = []
        for app in antal:
            linjer.append(app + ":" + "#" * antal[app])
        return linjer
    """, "test-diagram")

    nb.md("""
        ## Opgave 5: Hvem må se dataene?

        Skoleledelsen vil gerne bruge undersøgelsen. Skriv 4-6 sætninger:
        * Hvad kan tallene bruges til, som er godt for eleverne?
        * Hvad kunne gå galt, hvis undersøgelsen havde elevernes navne med - eller hvis en app
          selv målte skærmtiden og sendte den til skolen?
        * Hvem synes du skal have lov til at se dataene, og hvorfor?
    """)
    nb.answer("svar-data", 2, """
        Tallene kan bruges til at tale om skærmtid i klasserne og måske lave skærmfri frikvarterer,
        hvis mange bruger mange timer. Hvis navnene var med, kunne nogen blive hængt ud, og svarene
        ville måske ikke være ærlige. Hvis en app målte skærmtiden automatisk, ville skolen vide
        meget mere, end den har brug for, fx hvornår man er vågen om natten. Kun elevrådet og
        lærerne bør se de samlede tal, og ingen bør kunne se, hvad den enkelte har svaret.
        (Til læreren: 1 point for en brugbar anvendelse og en konkret risiko; 1 point for en
        begrundet holdning til adgang - gerne med ordene anonym, samtykke eller dataminimering.)
    """)
    return nb
