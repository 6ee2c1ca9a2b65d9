"""Grade 8: what does a (made-up) step-counter app's data file reveal? Parse, infer, minimise."""
from .nbkit import HOW_TO, NotebookSpec

PLACES = {
    "hjem": (55.2563, 12.119),
    "skole": (55.254, 12.112),
    "hal": (55.2601, 12.1302),
    "netto": (55.248, 12.125),
    "mormor": (55.262, 12.1),
}
WIFI = {"hjem": "Hansen-Hjem-5G", "skole": "Skole-Elev", "hal": "Hallen-Gaest", "netto": "", "mormor": "Bente-og-Ole"}

# (time, place, steps) per day; the app logs around the clock
WEEKDAY = [("00:40", "hjem", 0), ("06:58", "hjem", 35), ("07:50", "hjem", 410), ("08:05", "skole", 1250),
           ("10:00", "skole", 600), ("12:05", "skole", 900), ("14:10", "skole", 450)]
DAYS = {
    "2026-03-02": WEEKDAY + [("15:35", "hal", 1400), ("17:30", "hal", 3900), ("18:10", "hjem", 1300),
                             ("21:15", "hjem", 120), ("22:50", "hjem", 60)],
    "2026-03-03": WEEKDAY + [("15:20", "netto", 900), ("16:05", "hjem", 700), ("20:40", "hjem", 200),
                             ("23:30", "hjem", 15)],
    "2026-03-07": [("01:10", "hjem", 0), ("09:30", "hjem", 120), ("11:00", "mormor", 300),
                   ("14:00", "mormor", 2200), ("19:45", "mormor", 350), ("23:05", "mormor", 40)],
}


def data_file() -> str:
    """The app's log as the semicolon-separated text the pupils parse."""
    lines = ["tid;bruger;foedselsdato;skridt;lat;lon;batteri;wifi"]
    battery = 100
    for day, entries in DAYS.items():
        battery = 100
        for clock, place, steps in entries:
            lat, lon = PLACES[place]
            battery = max(5, battery - 7)
            lines.append(f"{day} {clock};maja.h.2012;2012-05-14;{steps};{lat};{lon};{battery};{WIFI[place]}")
    return "\n".join(lines)


def build() -> NotebookSpec:
    nb = NotebookSpec("g8-appens-data", "Appens datafil: hvad afslører den?")
    nb.md("""
        # Appens datafil: hvad afslører den? 🕵️‍♀️

        **SkridtKongen** er en (opdigtet) gratis app, der tæller dine skridt og giver dig pokaler.
        Maja på 13 har brugt den i en uge. Efter EU's databeskyttelsesforordning (**GDPR**) har
        Maja ret til at få en kopi af alle de data, appen har gemt om hende - så hun har bedt om den.

        Her er et udsnit af filen, hun fik. I dag er du **dataanalytiker**: Du læser filen med
        Python og finder ud af, hvad man kan regne ud om Maja - som hun aldrig selv har fortalt appen.
    """)
    nb.md(HOW_TO)
    nb.setup('datafil = """' + data_file() + '"""\n\nprint(datafil[:300])')
    nb.md("""
        ## Eksempel: Fra tekst til data

        Hver linje i filen er én måling. Felterne er adskilt med semikolon. `split` deler en tekst op
        i en liste, og `strip` fjerner mellemrum og linjeskift i enderne.
    """)
    nb.code("""
        linjer = datafil.strip().split("\\n")
        overskrift = linjer[0].split(";")
        foerste = linjer[1].split(";")
        print(overskrift)
        print(foerste)
        print(dict(zip(overskrift, foerste)))   # zip parrer overskrift og værdi
    """)
    nb.md("""
        ## Opgave 1: Læs filen

        Skriv `laes_data(tekst)`, der giver en **liste af ordbøger** - én ordbog pr. måling, med
        overskrifterne som nøgler. Tal skal være tal, ikke tekst:

        * `skridt` og `batteri` skal laves om med `int(...)`,
        * `lat` og `lon` (koordinater fra telefonens GPS) skal laves om med `float(...)`,
        * resten bliver tekst.
    """)
    nb.solution("laes-data", """
        def laes_data(tekst):
            ### BEGIN SOLUTION
            linjer = tekst.strip().split("\\n")
            overskrift = linjer[0].split(";")
            maalinger = []
            for linje in linjer[1:]:
                maaling = dict(zip(overskrift, linje.strip().split(";")))
                maaling["skridt"] = int(maaling["skridt"])
                maaling["batteri"] = int(maaling["batteri"])
                maaling["lat"] = float(maaling["lat"])
                maaling["lon"] = float(maaling["lon"])
                maalinger.append(maaling)
            return maalinger
            ### END SOLUTION

        log = laes_data(datafil)
        print(len(log), "målinger")
        print(log[0])
    """)
    nb.tests("test-laes-data", 2, """
        lille = "tid;bruger;foedselsdato;skridt;lat;lon;batteri;wifi\\n2026-01-01 10:00;x;2012-01-01;5;1.5;2.5;90;Hjem"
        check_equal(laes_data(lille), [{"tid": "2026-01-01 10:00", "bruger": "x", "foedselsdato": "2012-01-01",
                                        "skridt": 5, "lat": 1.5, "lon": 2.5, "batteri": 90, "wifi": "Hjem"}])
    """, """
        check_equal(len(laes_data(datafil)), 29)
        check_equal(laes_data(datafil)[4]["skridt"], 600)
        check_equal(laes_data(datafil)[7]["lat"], 55.2601)
        to = "tid;bruger;foedselsdato;skridt;lat;lon;batteri;wifi\\na;b;c;1;0.5;0.25;7;\\nd;e;f;2;1.0;2.0;8;Net\\n"
        resultat = laes_data(to)
        check_equal(len(resultat), 2, "Tomme linjer til sidst skal ikke med.")
        check_equal(resultat[0]["wifi"], "")
        check_equal(resultat[1], {"tid": "d", "bruger": "e", "foedselsdato": "f", "skridt": 2, "lat": 1.0,
                                  "lon": 2.0, "batteri": 8, "wifi": "Net"})
    """)
    nb.mutant("laes-data", """
        linjer = tekst.strip().split("\\n")
        overskrift = linjer[0].split(";")
        maalinger = []
        for linje in linjer[1:]:
            maalinger.append(dict(zip(overskrift, linje.split(";"))))
        return maalinger
    """, "test-laes-data")
    nb.mutant("laes-data", """
        linjer = tekst.split("\\n")
        overskrift = linjer[0].split(";")
        maalinger = []
        for linje in linjer[1:]:
            maaling = dict(zip(overskrift, linje.split(";")))
            maaling["skridt"] = int(maaling["skridt"])
            maaling["batteri"] = int(maaling["batteri"])
            maaling["lat"] = float(maaling["lat"])
            maaling["lon"] = float(maaling["lon"])
            maalinger.append(maaling)
        return maalinger
    """, "test-laes-data", hidden_only=True)

    nb.md("""
        ## Opgave 2: Hvad er klokken?

        Skriv `klokketime(tid)`, der giver timen som et heltal ud fra en tid som `"2026-03-02 07:50"`.
        Eksempel: `klokketime("2026-03-02 07:50")` giver `7`.
        Tip: `split(" ")` og `split(":")`, eller tag tegnene på plads 11 og 12 med `tid[11:13]`.
    """)
    nb.solution("time", """
        def klokketime(tid):
            ### BEGIN SOLUTION
            klokken = tid.split(" ")[1]
            return int(klokken.split(":")[0])
            ### END SOLUTION
    """)
    nb.tests("test-time", 1, """
        check_equal(klokketime("2026-03-02 07:50"), 7)
    """, """
        check_equal(klokketime("2026-03-02 23:05"), 23)
        check_equal(klokketime("2026-03-07 00:40"), 0)
        check_equal(klokketime("2025-12-24 18:00"), 18)
    """)
    nb.mutant("time", "return 7", "test-time", hidden_only=True)
    nb.mutant("time", "return tid[11:13]", "test-time")

    nb.md("""
        ## Opgave 3: Hvor er Maja om natten?

        Skriv `nattesteder(log)`, der giver en liste med stedet `(lat, lon)` (en tupel) for hver
        måling, der er taget om **natten**: fra kl. 22 til kl. 6 (timen er 22 eller mere, eller
        mindre end 6). Behold rækkefølgen fra loggen.
    """)
    nb.solution("nattesteder", """
        def nattesteder(log):
            ### BEGIN SOLUTION
            steder = []
            for maaling in log:
                t = klokketime(maaling["tid"])
                if t >= 22 or t < 6:
                    steder.append((maaling["lat"], maaling["lon"]))
            return steder
            ### END SOLUTION

        print(nattesteder(log))
    """)
    nb.tests("test-nattesteder", 2, """
        check_equal(nattesteder([{"tid": "2026-01-01 23:00", "lat": 1.0, "lon": 2.0},
                                 {"tid": "2026-01-01 12:00", "lat": 3.0, "lon": 4.0}]), [(1.0, 2.0)])
    """, """
        check_equal(nattesteder([]), [])
        check_equal(nattesteder([{"tid": "2026-01-01 06:00", "lat": 1.0, "lon": 2.0},
                                 {"tid": "2026-01-01 05:59", "lat": 3.0, "lon": 4.0},
                                 {"tid": "2026-01-01 22:00", "lat": 5.0, "lon": 6.0},
                                 {"tid": "2026-01-01 21:59", "lat": 7.0, "lon": 8.0}]), [(3.0, 4.0), (5.0, 6.0)])
        check_equal(len(nattesteder(log)), 6)
        check_equal(nattesteder(log)[-1], (55.262, 12.1))
    """)
    nb.mutant("nattesteder", """
        steder = []
        for maaling in log:
            t = klokketime(maaling["tid"])
            if t > 22 or t < 6:
                steder.append((maaling["lat"], maaling["lon"]))
        return steder
    """, "test-nattesteder", hidden_only=True)
    nb.mutant("nattesteder", """
        steder = []
        for maaling in log:
            t = klokketime(maaling["tid"])
            if t >= 22 or t < 6:
                steder.append([maaling["lat"], maaling["lon"]])
        return steder
    """, "test-nattesteder")

    nb.md("""
        ## Opgave 4: Det hyppigste

        Skriv `hyppigste(liste)`, der giver det element, der står flest gange i listen. Står flere
        lige mange gange, så giv det af dem, der kommer først i listen. Tip: tæl med en ordbog.
    """)
    nb.solution("hyppigste", """
        def hyppigste(liste):
            ### BEGIN SOLUTION
            antal = {}
            for ting in liste:
                antal[ting] = antal.get(ting, 0) + 1
            bedste = liste[0]
            for ting in liste:
                if antal[ting] > antal[bedste]:
                    bedste = ting
            return bedste
            ### END SOLUTION
    """)
    nb.tests("test-hyppigste", 2, """
        check_equal(hyppigste(["a", "b", "b", "c"]), "b")
    """, """
        check_equal(hyppigste(["a", "b", "c", "b", "a"]), "a", "Ved lige mange: den, der står først.")
        check_equal(hyppigste([(1.0, 2.0), (3.0, 4.0), (3.0, 4.0)]), (3.0, 4.0))
        check_equal(hyppigste([7]), 7)
        check_equal(hyppigste(["a", "b", "a", "b"]), "a", "Ved lige mange: den, der står først.")
        check_equal(hyppigste(["x", "y", "y", "x", "z", "z", "z"]), "z")
    """)
    nb.mutant("hyppigste", """
        antal = {}
        for ting in liste:
            antal[ting] = antal.get(ting, 0) + 1
        bedste = liste[0]
        for ting in liste:
            if antal[ting] >= antal[bedste]:
                bedste = ting
        return bedste
    """, "test-hyppigste", hidden_only=True)
    nb.mutant("hyppigste", "return liste[1]", "test-hyppigste", hidden_only=True)

    nb.md("""
        ## Undersøg: Hvad kan man regne ud?

        Appen har aldrig spurgt Maja, hvor hun bor eller går i skole. Kør cellen. `kort` er et
        (opdigtet) kort, som enhver kan slå koordinater op i - ligesom et rigtigt kort på nettet.
    """)
    nb.setup("""
        kort = {(55.2563, 12.119): "Rosenvænget 7, Faxe (et hus)", (55.254, 12.112): "Faxe Skole",
                (55.2601, 12.1302): "Faxe Hallen - håndbold U14 piger", (55.248, 12.125): "Netto, Torvegade",
                (55.262, 12.1): "Stationsvej 3 (et hus)"}

        hjem = hyppigste(nattesteder(log))
        print("Sover som regel her:", kort[hjem])

        dagsteder = []
        for maaling in log:
            if 9 <= klokketime(maaling["tid"]) <= 14 and maaling["tid"] < "2026-03-06":
                dagsteder.append((maaling["lat"], maaling["lon"]))
        print("Er her på hverdage kl. 9-14:", kort[hyppigste(dagsteder)])
        print("Fødselsdato i filen:", log[0]["foedselsdato"], "- wifi-navne:", sorted({m["wifi"] for m in log if m["wifi"]}))
    """)
    nb.md("""
        ## Opgave 5: Dataminimering

        GDPR siger, at en app kun må gemme de data, den har brug for (**dataminimering**).
        Skriv `minimer(log, felter)`, der giver en **ny** liste af ordbøger, hvor hver måling kun har
        nøglerne i listen `felter`. Den oprindelige `log` må ikke ændres.

        Eksempel: `minimer([{"a": 1, "b": 2}], ["a"])` giver `[{"a": 1}]`.
    """)
    nb.solution("minimer", """
        def minimer(log, felter):
            ### BEGIN SOLUTION
            ny = []
            for maaling in log:
                kort_maaling = {}
                for felt in felter:
                    kort_maaling[felt] = maaling[felt]
                ny.append(kort_maaling)
            return ny
            ### END SOLUTION

        print(minimer(log, ["tid", "skridt"])[:3])
    """)
    nb.tests("test-minimer", 2, """
        check_equal(minimer([{"a": 1, "b": 2}], ["a"]), [{"a": 1}])
    """, """
        data = [{"a": 1, "b": 2, "c": 3}, {"a": 4, "b": 5, "c": 6}]
        check_equal(minimer(data, ["c", "a"]), [{"c": 3, "a": 1}, {"c": 6, "a": 4}])
        check_equal(data, [{"a": 1, "b": 2, "c": 3}, {"a": 4, "b": 5, "c": 6}], "Den oprindelige log må ikke ændres.")
        check_equal(minimer(data, []), [{}, {}])
        check_equal(minimer([], ["a"]), [])
        check_equal(minimer(log, ["skridt"])[3], {"skridt": 1250})
    """)
    nb.mutant("minimer", """
        for maaling in log:
            for felt in list(maaling):
                if felt not in felter:
                    del maaling[felt]
        return log
    """, "test-minimer", hidden_only=True)
    nb.mutant("minimer", """
        ny = []
        for maaling in log:
            kort_maaling = {}
            for felt in felter[:1]:
                kort_maaling[felt] = maaling[felt]
            ny.append(kort_maaling)
        return ny
    """, "test-minimer", hidden_only=True)

    nb.md("""
        ## Opgave 6: Hvad har appen brug for?

        En skridttæller skal tælle skridt og give pokaler. Gå felterne i filen igennem
        (`tid`, `bruger`, `foedselsdato`, `skridt`, `lat`, `lon`, `batteri`, `wifi`). Hvilke har appen
        brug for, og hvilke ikke? Hvad fandt du ud af om Maja, som hun aldrig har fortalt appen -
        og hvad kunne et firma (eller en fremmed, hvis data blev lækket) bruge det til?
    """)
    nb.answer("svar-felter", 3, """
        Appen har brug for tid og skridt og måske et bruger-id. Den behøver ikke GPS (lat/lon),
        wifi-navne, batteri eller den præcise fødselsdato (højst en aldersgruppe). Ud fra GPS om
        natten kunne jeg finde ud af, hvor Maja bor (Rosenvænget 7), at hun går på Faxe Skole, og at hun
        spiller håndbold mandag eftermiddag, og wifi-navnet afslører efternavnet Hansen. Et firma kunne
        bruge det til målrettede reklamer eller sælge det videre; en fremmed kunne finde ud af, hvor
        og hvornår hun er alene - det er farligt.
        (Til læreren: 1 point for nødvendige/unødvendige felter, 1 for det, der kan udledes
        (hjem, skole, rutine, navn), 1 for en konsekvens.)
    """)
    nb.md("""
        ## Opgave 7: Regler for SkridtKongen

        Datatilsynet har sagt, at børns data skal have særlig beskyttelse. Skriv tre regler, som
        SkridtKongen burde følge, og forklar for hver regel, hvorfor den beskytter brugerne.
        Hvad ville firmaet bag appen sige til dine regler?
    """)
    nb.answer("svar-regler", 3, """
        1) Gem kun tid og skridt (dataminimering) - så kan der ikke lækkes noget om, hvor man bor.
        2) Slet data efter 30 dage, og lad brugeren slette alt med ét tryk - gamle data kan kun
        misbruges. 3) Ingen reklamer eller salg af data om børn, og ingen GPS uden at man aktivt slår
        det til - børn kan ikke overskue, hvad de siger ja til. Firmaet ville sige, at appen er gratis,
        fordi de tjener penge på data og reklamer, så de måske skal tage betaling i stedet.
        (Til læreren: 1 point pr. begrundet regel; ekstra anerkendelse for at se firmaets side.)
    """)
    return nb
