"""Grade 8: clean real sensor data from the micro:bit logger - and when cleaning becomes cheating."""
from .nbkit import HOW_TO, NotebookSpec

RAW = [
    ("08:00", 24.0), ("08:15", 24.0), ("08:30", 24.5), ("08:45", None), ("09:00", 24.5),
    ("09:15", 25.0), ("09:30", 25.0), ("09:45", 31.5), ("10:00", 32.0), ("10:15", 25.5),
    ("10:30", 25.5), ("10:45", None), ("11:00", 26.0), ("11:15", 26.0), ("11:30", 26.5),
    ("11:45", 26.5), ("12:00", 25.0), ("12:15", 25.0), ("12:30", 25.5), ("12:45", 26.0),
    ("13:00", 26.5), ("13:15", 27.0), ("13:30", None), ("13:45", 27.5), ("14:00", 27.5),
    ("14:15", 27.0), ("14:30", 2.0), ("14:45", 26.5), ("15:00", 26.0),
]


def build() -> NotebookSpec:
    nb = NotebookSpec("g8-rens-maalingerne", "Rens målingerne")
    nb.md("""
        # Rens målingerne 🌡️

        8.A lagde en micro:bit-termometerlogger i klasselokalet en hel skoledag. Den målte hvert kvarter.
        Men data fra virkeligheden er aldrig pæne:

        * nogle gange svarede sensoren ikke (`None`),
        * i et frikvarter holdt en elev micro:bit'en i hånden,
        * en gang lå den et øjeblik udenfor i vindueskarmen (det var februar),
        * og micro:bit'ens sensor sidder i chippen, så den viser lidt for meget. Kl. 8.00 viste den
          24,0 grader, mens et rigtigt termometer viste 21,0.

        Før man kan bruge data, skal de **renses**. I dag gør du det med Python - og du overvejer, hvornår
        det er ærligt at fjerne målinger, og hvornår det er snyd.
    """)
    nb.md(HOW_TO)
    nb.setup("maalinger = [\n" + "".join(f"    {m!r},\n" for m in RAW) + "]\nprint(len(maalinger), \"målinger\")")
    nb.md("""
        ## Eksempel: Tupler og `None`

        Hver måling er en tupel `(tidspunkt, temperatur)`. Man kan pakke den ud i to variable.
        `None` betyder "ingen værdi", og man spørger efter den med `is None`.
    """)
    nb.code("""
        for tid, temp in maalinger[:5]:
            if temp is None:
                print(tid, "mangler")
            else:
                print(tid, temp, "grader")
    """)
    nb.md("""
        ## Opgave 1: Fjern de manglende

        Skriv `fjern_manglende(maalinger)`, der giver en ny liste uden de målinger, hvor temperaturen
        er `None`.
    """)
    nb.solution("fjern-manglende", """
        def fjern_manglende(maalinger):
            ### BEGIN SOLUTION
            rene = []
            for tid, temp in maalinger:
                if temp is not None:
                    rene.append((tid, temp))
            return rene
            ### END SOLUTION

        print(len(fjern_manglende(maalinger)), "målinger tilbage")
    """)
    nb.tests("test-fjern-manglende", 2, """
        check_equal(fjern_manglende([("08:00", 21.0), ("08:15", None)]), [("08:00", 21.0)])
    """, """
        check_equal(len(fjern_manglende(maalinger)), 26)
        check_equal(fjern_manglende([]), [])
        check_equal(fjern_manglende([("a", 0.0), ("b", None), ("c", -1.5)]), [("a", 0.0), ("c", -1.5)],
                    "0 grader er en rigtig måling - kun None skal væk.")
    """)
    nb.mutant("fjern-manglende", """
        rene = []
        for tid, temp in maalinger:
            if temp:
                rene.append((tid, temp))
        return rene
    """, "test-fjern-manglende", hidden_only=True)

    nb.md("""
        ## Opgave 2: Medianen

        **Medianen** er det midterste tal, når tallene står i rækkefølge. Er der et lige antal tal, er
        medianen gennemsnittet af de to midterste. Medianen er smart, fordi et enkelt vildt tal (som 2,0
        grader) ikke flytter den. Skriv `median(tal)`.

        Eksempler: `median([3, 1, 2])` giver `2`, og `median([4, 1, 3, 2])` giver `2.5`.
    """)
    nb.solution("median", """
        def median(tal):
            ### BEGIN SOLUTION
            sorteret = sorted(tal)
            midt = len(sorteret) // 2
            if len(sorteret) % 2 == 1:
                return sorteret[midt]
            return (sorteret[midt - 1] + sorteret[midt]) / 2
            ### END SOLUTION
    """)
    nb.tests("test-median", 2, """
        check_close(median([3, 1, 2]), 2)
        check_close(median([4, 1, 3, 2]), 2.5)
    """, """
        check_close(median([7]), 7)
        check_close(median([10, 1, 1000]), 10)
        check_close(median([25.0, 24.0, 2.0, 26.0]), 24.5)
        temperaturer = [temp for tid, temp in maalinger if temp is not None]
        check_close(median(temperaturer), 26.0)
    """)
    nb.mutant("median", "return sum(tal) / len(tal)", "test-median", hidden_only=True)
    nb.mutant("median", """
        midt = len(tal) // 2
        if len(tal) % 2 == 1:
            return tal[midt]
        return (tal[midt - 1] + tal[midt]) / 2
    """, "test-median")

    nb.md("""
        ## Opgave 3: Fjern udsvingene

        Skriv `fjern_udsving(maalinger, graense)`. Den skal regne medianen af alle temperaturerne i
        `maalinger` (der er ingen `None` her) og kun beholde de målinger, der højst ligger `graense`
        grader fra medianen. Tip: `abs(x)` giver afstanden til 0, fx `abs(-3)` er `3`.
    """)
    nb.solution("udsving", """
        def fjern_udsving(maalinger, graense):
            ### BEGIN SOLUTION
            temperaturer = []
            for tid, temp in maalinger:
                temperaturer.append(temp)
            m = median(temperaturer)
            rene = []
            for tid, temp in maalinger:
                if abs(temp - m) <= graense:
                    rene.append((tid, temp))
            return rene
            ### END SOLUTION

        rene = fjern_udsving(fjern_manglende(maalinger), 4)
        print(len(rene), "målinger tilbage")
    """)
    nb.tests("test-udsving", 2, """
        check_equal(fjern_udsving([("a", 20.0), ("b", 21.0), ("c", 35.0)], 4), [("a", 20.0), ("b", 21.0)])
    """, """
        check_equal(fjern_udsving([("a", 20.0), ("b", 21.0), ("c", 5.0)], 4), [("a", 20.0), ("b", 21.0)])
        check_equal(fjern_udsving([("a", 20.0), ("b", 22.0), ("c", 24.0)], 2), [("a", 20.0), ("b", 22.0), ("c", 24.0)],
                    "Præcis på grænsen må blive.")
        rene = fjern_udsving(fjern_manglende(maalinger), 4)
        check_equal(len(rene), 23)
        check_equal([tid for tid, temp in fjern_manglende(maalinger) if (tid, temp) not in rene], ["09:45", "10:00", "14:30"])
    """)
    nb.mutant("udsving", """
        rene = []
        for tid, temp in maalinger:
            if temp < 30:
                rene.append((tid, temp))
        return rene
    """, "test-udsving", hidden_only=True)
    nb.mutant("udsving", """
        temperaturer = []
        for tid, temp in maalinger:
            temperaturer.append(temp)
        m = median(temperaturer)
        rene = []
        for tid, temp in maalinger:
            if abs(temp - m) < graense:
                rene.append((tid, temp))
        return rene
    """, "test-udsving", hidden_only=True)

    nb.md("""
        ## Opgave 4: Ret sensorens fejl

        micro:bit'en viste 3,0 grader for meget. Skriv `korriger(maalinger, forskel)`, der trækker
        `forskel` fra hver temperatur og runder til én decimal med `round(..., 1)`.
    """)
    nb.solution("korriger", """
        def korriger(maalinger, forskel):
            ### BEGIN SOLUTION
            rettet = []
            for tid, temp in maalinger:
                rettet.append((tid, round(temp - forskel, 1)))
            return rettet
            ### END SOLUTION

        rettede = korriger(rene, 3.0)
        print(rettede[:4])
    """)
    nb.tests("test-korriger", 2, """
        check_equal(korriger([("08:00", 24.0)], 3.0), [("08:00", 21.0)])
    """, """
        check_equal(korriger([], 3.0), [])
        check_equal(korriger([("a", 24.3), ("b", 20.0)], 0.1), [("a", 24.2), ("b", 19.9)])
        check_equal(korriger([("a", 1.0)], -2.5), [("a", 3.5)])
        check_equal(korriger([("a", 0.3)], 0.2), [("a", 0.1)], "Husk at runde til én decimal.")
    """)
    nb.mutant("korriger", """
        rettet = []
        for tid, temp in maalinger:
            rettet.append((tid, temp - forskel))
        return rettet
    """, "test-korriger", hidden_only=True)
    nb.mutant("korriger", """
        rettet = []
        for tid, temp in maalinger:
            rettet.append((tid, round(temp - 3.0, 1)))
        return rettet
    """, "test-korriger", hidden_only=True)

    nb.md("""
        ## Opgave 5: Hvornår var der for varmt?

        Sundhedsmyndighederne anbefaler højst ca. 24 grader i et klasselokale. Skriv
        `for_varmt(maalinger, graense)`, der giver en liste med tidspunkterne for de målinger, der er
        **over** `graense`. Kør så cellen under testen og se dagens resultat.
    """)
    nb.solution("for-varmt", """
        def for_varmt(maalinger, graense):
            ### BEGIN SOLUTION
            tider = []
            for tid, temp in maalinger:
                if temp > graense:
                    tider.append(tid)
            return tider
            ### END SOLUTION
    """)
    nb.tests("test-for-varmt", 2, """
        check_equal(for_varmt([("a", 25.0), ("b", 20.0)], 24), ["a"])
    """, """
        check_equal(for_varmt([("a", 24.0), ("b", 24.5)], 24), ["b"], "Præcis 24 er ikke over 24.")
        check_equal(for_varmt([], 24), [])
        check_equal(for_varmt(korriger(fjern_udsving(fjern_manglende(maalinger), 4), 3.0), 24),
                    ["13:45", "14:00"])
        check_equal(for_varmt(korriger(fjern_udsving(fjern_manglende(maalinger), 4), 3.0), 23.5),
                    ["13:15", "13:45", "14:00", "14:15"])
    """)
    nb.mutant("for-varmt", """
        tider = []
        for tid, temp in maalinger:
            if temp >= graense:
                tider.append(tid)
        return tider
    """, "test-for-varmt", hidden_only=True)
    nb.code("""
        for tid, temp in korriger(fjern_udsving(fjern_manglende(maalinger), 4), 3.0):
            print(tid, f"{temp:4}", "#" * int((temp - 18) * 4))
        print("Uden rensning ville de højeste målinger have været:", sorted(t for _, t in fjern_manglende(maalinger))[-2:])
    """)
    nb.md("""
        ## Opgave 6: Rensning eller snyd?

        Du har fjernet målinger og ændret resten. Hvornår er det ærligt at rense data, og hvornår bliver
        det snyd? Forklar, hvorfor det var i orden her (eller ikke), og giv et eksempel fra virkeligheden,
        hvor nogen kunne have en interesse i at "rense" data, så de viser det, man gerne vil.
        Hvad bør man altid gøre, når man har renset data?
    """)
    nb.answer("svar-rensning", 3, """
        Her vidste vi, hvorfor målingerne var forkerte: sensoren svarede ikke, en elev holdt den i hånden,
        og den lå udenfor i vindueskarmen, og fejlen på 3 grader målte vi med et rigtigt termometer. Så er det
        ærligt at fjerne og rette dem. Det bliver snyd, hvis man fjerner målinger, bare fordi de ikke
        passer med det, man gerne vil vise - fx hvis en skole fjernede de varme målinger, så indeklimaet
        så fint ud, eller en bilfabrik fjernede de dårlige udslipsmålinger. Man bør altid skrive, hvad
        man har fjernet og hvorfor, og gemme de rå data, så andre kan kontrollere det.
        (Til læreren: 1 point for begrundelse for denne rensning, 1 for et eksempel på snyd,
        1 for gennemsigtighed (dokumentér og gem rådata).)
    """)
    nb.md("""
        ## Opgave 7: Sensorer i alle lokaler?

        Skolen overvejer at sætte sensorer op i alle lokaler, der hele tiden måler temperatur, CO₂ og
        lydniveau og sender det til en hjemmeside. Hvad er godt ved det? Hvad skal man passe på - og
        hvem skal have lov at se dataene?
    """)
    nb.answer("svar-sensorer", 2, """
        Det er godt, fordi man kan se, hvornår der skal luftes ud, og skolen kan få penge til bedre
        ventilation, når data viser, at der er for varmt eller for meget CO₂. Men lydmålinger kan bruges
        til at overvåge, hvilke klasser der larmer, og hvis sensorerne optager lyd, kan de optage samtaler.
        Man skal kun måle det nødvendige (ikke optage lyd, kun niveau), fortælle elever og lærere om det,
        og kun dem, der skal forbedre indeklimaet, bør se data for de enkelte lokaler.
        (Til læreren: 1 point for en fordel, 1 for en begrundet bekymring eller regel.)
    """)
    return nb
