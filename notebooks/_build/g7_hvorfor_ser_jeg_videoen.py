"""Grade 7: 'Why am I seeing this video?' - build a tag-based recommender and watch the bubble form."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g7-hvorfor-ser-jeg-videoen", "Hvorfor ser jeg den video?")
    nb.md("""
        # Hvorfor ser jeg den video? 📱

        Når du åbner en videoapp, har den allerede valgt videoer til dig. Et **anbefalingssystem**
        har regnet på, hvad du har set før, og gættet, hvad du vil se nu - for jo længere du bliver,
        jo flere reklamer kan appen vise dig.

        De rigtige systemer er hemmelige og meget store, men ideen kan bygges på en time. I dag
        bygger du et lille anbefalingssystem til den opdigtede app **KlipKlap** og undersøger, hvad
        det gør ved det, du får at se.
    """)
    nb.md(HOW_TO)
    nb.setup("""
        videoer = [
            {"titel": "Top 10 mål i Superligaen", "emner": ["fodbold", "sport"]},
            {"titel": "Minecraft: byg et slot på 5 min", "emner": ["gaming", "byg"]},
            {"titel": "Katten der hader mandage", "emner": ["dyr", "humor"]},
            {"titel": "Nyt fra Folketinget på 60 sek", "emner": ["nyheder", "politik"]},
            {"titel": "Sådan virker et sort hul", "emner": ["videnskab", "rummet"]},
            {"titel": "Fortnite fails - del 7", "emner": ["gaming", "humor"]},
            {"titel": "Lær en kortkunst", "emner": ["magi", "humor"]},
            {"titel": "Verdens hurtigste speedrun", "emner": ["gaming", "rekorder"]},
            {"titel": "Hundehvalpe møder sne", "emner": ["dyr"]},
            {"titel": "Landsholdet træner", "emner": ["fodbold", "sport"]},
            {"titel": "Gaming-setup til 500 kr", "emner": ["gaming", "teknik"]},
            {"titel": "Klimatopmødet forklaret", "emner": ["nyheder", "klima"]},
            {"titel": "Roblox horror med venner", "emner": ["gaming", "humor"]},
            {"titel": "Byg en robot af pap", "emner": ["byg", "teknik", "videnskab"]},
            {"titel": "Den sjoveste fodboldkommentator", "emner": ["fodbold", "humor"]},
            {"titel": "Pro-gamer reagerer på nybegyndere", "emner": ["gaming", "humor"]},
            {"titel": "Valget forklaret for unge", "emner": ["nyheder", "politik"]},
            {"titel": "FIFA-udfordring med vennerne", "emner": ["gaming", "fodbold", "humor"]},
            {"titel": "Hvordan bliver en vaccine lavet?", "emner": ["videnskab", "sundhed"]},
            {"titel": "Gamer-raseri: de værste øjeblikke", "emner": ["gaming", "humor"]},
            {"titel": "Heste på stranden", "emner": ["dyr"]},
            {"titel": "Minecraft-redstone for begyndere", "emner": ["gaming", "byg"]},
            {"titel": "Sjove gaming-øjeblikke", "emner": ["gaming", "humor"]},
            {"titel": "Top 5 uhyggelige spil", "emner": ["gaming"]},
            {"titel": "Sådan spotter du falske nyheder", "emner": ["nyheder", "teknik"]},
            {"titel": "Papegøjen der kan rappe", "emner": ["dyr", "musik", "humor"]},
        ]
        historik = ["Katten der hader mandage", "Minecraft: byg et slot på 5 min", "Sådan virker et sort hul",
                    "Top 10 mål i Superligaen", "Fortnite fails - del 7"]
    """)
    nb.md("""
        ## Eksempel: Tæl med en ordbog

        En **ordbog** (dict) kan tælle mange ting på én gang. Nøglen er det, vi tæller, og værdien er
        antallet. `ordbog.get(noegle, 0)` giver værdien - eller 0, hvis nøglen ikke findes endnu.
    """)
    nb.code("""
        frugter = ["æble", "banan", "æble", "pære", "æble"]
        antal = {}
        for frugt in frugter:
            antal[frugt] = antal.get(frugt, 0) + 1
        print(antal)     # {'æble': 3, 'banan': 1, 'pære': 1}
    """)
    nb.md("""
        ## Opgave 1: Find en video

        Historikken gemmer kun titlerne. Skriv `find_video(titel, videoer)`, der giver den video
        (ordbogen) i `videoer`, som har den titel - eller `None`, hvis der ikke er nogen.
    """)
    nb.solution("find-video", """
        def find_video(titel, videoer):
            ### BEGIN SOLUTION
            for video in videoer:
                if video["titel"] == titel:
                    return video
            return None
            ### END SOLUTION

        print(find_video("Hundehvalpe møder sne", videoer))
    """)
    nb.tests("test-find-video", 1, """
        check_equal(find_video("Hundehvalpe møder sne", videoer), {"titel": "Hundehvalpe møder sne", "emner": ["dyr"]})
    """, """
        check_equal(find_video("Landsholdet træner", videoer), {"titel": "Landsholdet træner", "emner": ["fodbold", "sport"]})
        check_equal(find_video("Findes ikke", videoer), None)
        check_equal(find_video("a", [{"titel": "b", "emner": []}, {"titel": "a", "emner": ["x"]}]), {"titel": "a", "emner": ["x"]})
    """)
    nb.mutant("find-video", """
        for video in videoer:
            if video["titel"] == titel:
                return video
        return videoer[0]
    """, "test-find-video", hidden_only=True)

    nb.md("""
        ## Opgave 2: Hvad kan du lide?

        Appen gætter, hvad du kan lide, ud fra **emnerne** på de videoer, du har set.
        Skriv `emne_taelling(historik, videoer)`, der giver en ordbog med, hvor mange af de sete
        videoer der har hvert emne.

        Eksempel: har du set "Katten der hader mandage" og "Fortnite fails - del 7", bliver det
        `{"dyr": 1, "humor": 2, "gaming": 1}`.
    """)
    nb.solution("emne-taelling", """
        def emne_taelling(historik, videoer):
            ### BEGIN SOLUTION
            antal = {}
            for titel in historik:
                video = find_video(titel, videoer)
                for emne in video["emner"]:
                    antal[emne] = antal.get(emne, 0) + 1
            return antal
            ### END SOLUTION

        print(emne_taelling(historik, videoer))
    """)
    nb.tests("test-emne-taelling", 2, """
        check_equal(emne_taelling(["Katten der hader mandage", "Fortnite fails - del 7"], videoer),
                    {"dyr": 1, "humor": 2, "gaming": 1})
    """, """
        check_equal(emne_taelling([], videoer), {})
        check_equal(emne_taelling(historik, videoer), {"dyr": 1, "humor": 2, "gaming": 2, "byg": 1, "videnskab": 1,
                                                       "rummet": 1, "fodbold": 1, "sport": 1})
        check_equal(emne_taelling(["Landsholdet træner", "Landsholdet træner"], videoer), {"fodbold": 2, "sport": 2})
    """)
    nb.mutant("emne-taelling", """
        antal = {}
        for titel in historik:
            video = find_video(titel, videoer)
            for emne in video["emner"]:
                antal[emne] = 1
        return antal
    """, "test-emne-taelling")
    nb.mutant("emne-taelling", """
        antal = {}
        for titel in set(historik):
            video = find_video(titel, videoer)
            for emne in video["emner"]:
                antal[emne] = antal.get(emne, 0) + 1
        return antal
    """, "test-emne-taelling", hidden_only=True)

    nb.md("""
        ## Opgave 3: Giv videoen point

        Nu skal appen vurdere en ny video. Reglen er: en video får lige så mange point, som dens
        emner har i tællingen tilsammen. Skriv `score(video, taelling)`.

        Eksempel: med tællingen `{"humor": 2, "gaming": 1}` får en video med emnerne
        `["gaming", "humor"]` 3 point, og en video med `["nyheder"]` får 0 point.
    """)
    nb.solution("score", """
        def score(video, taelling):
            ### BEGIN SOLUTION
            point = 0
            for emne in video["emner"]:
                point = point + taelling.get(emne, 0)
            return point
            ### END SOLUTION
    """)
    nb.tests("test-score", 2, """
        check_equal(score({"titel": "x", "emner": ["gaming", "humor"]}, {"humor": 2, "gaming": 1}), 3)
        check_equal(score({"titel": "x", "emner": ["nyheder"]}, {"humor": 2, "gaming": 1}), 0)
    """, """
        check_equal(score({"titel": "x", "emner": []}, {"humor": 2}), 0)
        check_equal(score({"titel": "x", "emner": ["humor", "dyr", "byg"]}, {"humor": 2, "byg": 5}), 7)
        check_equal(score(videoer[12], emne_taelling(historik, videoer)), 4)
    """)
    nb.mutant("score", """
        point = 0
        for emne in video["emner"]:
            if emne in taelling:
                point = point + 1
        return point
    """, "test-score")
    nb.mutant("score", """
        point = 0
        for emne in video["emner"][:2]:
            point = point + taelling.get(emne, 0)
        return point
    """, "test-score", hidden_only=True)

    nb.md("""
        ## Opgave 4: Anbefal

        Skriv `anbefal(historik, videoer, antal)`. Den skal:

        1. lave tællingen ud fra historikken,
        2. tage alle videoer, du **ikke** har set,
        3. sortere dem efter point, højeste først,
        4. give en liste med titlerne på de første `antal`.

        Har to videoer lige mange point, står den først, som står først i `videoer`.
        (`sorted(..., key=..., reverse=True)` sorterer med højeste først og bevarer rækkefølgen ved
        lige point.)
    """)
    nb.solution("anbefal", """
        def anbefal(historik, videoer, antal):
            ### BEGIN SOLUTION
            taelling = emne_taelling(historik, videoer)

            def point(video):
                return score(video, taelling)

            ikke_set = []
            for video in videoer:
                if video["titel"] not in historik:
                    ikke_set.append(video)
            titler = []
            for video in sorted(ikke_set, key=point, reverse=True)[:antal]:
                titler.append(video["titel"])
            return titler
            ### END SOLUTION

        print(anbefal(historik, videoer, 3))
    """)
    nb.tests("test-anbefal", 3, """
        check_equal(len(anbefal(historik, videoer, 3)), 3)
        check_equal(anbefal(historik, videoer, 1), ["FIFA-udfordring med vennerne"])
    """, """
        check_equal(anbefal(historik, videoer, 3), ["FIFA-udfordring med vennerne", "Roblox horror med venner",
                                                   "Pro-gamer reagerer på nybegyndere"])
        check_equal(anbefal([], videoer, 2), ["Top 10 mål i Superligaen", "Minecraft: byg et slot på 5 min"])
        alle = []
        for video in videoer:
            alle.append(video["titel"])
        check_equal(anbefal(alle, videoer, 5), [], "Sete videoer må ikke anbefales igen.")
        check_equal(anbefal(["Nyt fra Folketinget på 60 sek"], videoer, 1), ["Valget forklaret for unge"])
    """)
    nb.mutant("anbefal", """
        taelling = emne_taelling(historik, videoer)

        def point(video):
            return score(video, taelling)

        titler = []
        for video in sorted(videoer, key=point, reverse=True)[:antal]:
            titler.append(video["titel"])
        return titler
    """, "test-anbefal")
    nb.mutant("anbefal", """
        taelling = emne_taelling(historik, videoer)

        def point(video):
            return score(video, taelling)

        ikke_set = []
        for video in videoer:
            if video["titel"] not in historik:
                ikke_set.append(video)
        titler = []
        for video in sorted(ikke_set, key=point, reverse=True)[:antal]:
            titler.append(video["titel"])
        return titler[:1] + sorted(titler[1:])
    """, "test-anbefal", hidden_only=True)

    nb.md("""
        ## Opgave 5: Hvad sker der, hvis du bare bliver ved?

        Lad os lade som om, du altid ser den første video, appen anbefaler. Skriv
        `simuler(historik, videoer, runder)`, der i hver runde tilføjer appens første anbefaling til
        en **kopi** af historikken og til sidst giver den nye historik. Stop før tid, hvis der ikke
        er flere videoer at anbefale. Den oprindelige `historik` må ikke ændres
        (`list(historik)` laver en kopi).
    """)
    nb.solution("simuler", """
        def simuler(historik, videoer, runder):
            ### BEGIN SOLUTION
            ny = list(historik)
            for runde in range(runder):
                forslag = anbefal(ny, videoer, 1)
                if forslag == []:
                    break
                ny.append(forslag[0])
            return ny
            ### END SOLUTION
    """)
    nb.tests("test-simuler", 2, """
        check_equal(simuler(historik, videoer, 1), historik + ["FIFA-udfordring med vennerne"])
    """, """
        original = list(historik)
        efter = simuler(historik, videoer, 5)
        check_equal(historik, original, "simuler må ikke ændre den oprindelige historik.")
        check_equal(efter[5:], ["FIFA-udfordring med vennerne", "Roblox horror med venner",
                                "Pro-gamer reagerer på nybegyndere", "Gamer-raseri: de værste øjeblikke",
                                "Sjove gaming-øjeblikke"])
        check_equal(len(simuler(historik, videoer, 100)), 26, "Der er kun 26 videoer i alt.")
        check_equal(simuler([], videoer, 0), [])
        check_equal(simuler(["Hundehvalpe møder sne"], videoer, 3), ["Hundehvalpe møder sne", "Katten der hader mandage",
                                                                     "Papegøjen der kan rappe", "Heste på stranden"],
                    "Husk at lave en ny anbefaling i hver runde ud fra den nye historik.")
    """)
    nb.mutant("simuler", """
        for runde in range(runder):
            forslag = anbefal(historik, videoer, 1)
            if forslag == []:
                break
            historik.append(forslag[0])
        return historik
    """, "test-simuler")
    nb.mutant("simuler", """
        ny = list(historik)
        for titel in anbefal(ny, videoer, runder):
            ny.append(titel)
        return ny
    """, "test-simuler", hidden_only=True)

    nb.md("""
        ## Undersøg: Bliver din verden mindre?

        Kør cellen. Den viser, hvor stor en del af det, du har set, der handler om hvert emne - før og
        efter 8 runder med appens forslag. Prøv også at ændre `historik` (fx kun nyheder og dyr) og
        kør igen.
    """)
    nb.code("""
        def andel(historik, videoer, emne):
            taelling = emne_taelling(historik, videoer)
            return round(100 * taelling.get(emne, 0) / len(historik))

        efter = simuler(historik, videoer, 8)
        for emne in ["gaming", "humor", "fodbold", "dyr", "videnskab", "nyheder"]:
            print(f"{emne:10} før: {andel(historik, videoer, emne):3} %   efter: {andel(efter, videoer, emne):3} %")
        print("Nyheder, du aldrig fik vist:", [v["titel"] for v in videoer if "nyheder" in v["emner"] and v["titel"] not in efter])
    """)
    nb.md("""
        ## Opgave 6: Hvorfor ser jeg den video?

        En ven spørger: *"Hvorfor viser appen mig hele tiden gaming-videoer?"* Forklar med dine egne
        ord, hvordan dit anbefalingssystem vælger, og hvad der skete i undersøgelsen ovenfor.
        Brug gerne tal fra udskriften.
    """)
    nb.answer("svar-hvorfor", 3, """
        Appen tæller emnerne på de videoer, jeg har set, og giver nye videoer point efter, hvor meget
        deres emner ligner. Gaming og humor var de største emner i min historik, så sjove
        gaming-videoer fik flest point. Hver gang jeg så en af dem, fik humor og gaming endnu flere
        point, så efter 8 runder handlede 77 % af det, jeg havde set, om humor (før 40 %), og de fire
        nyhedsvideoer blev aldrig vist. Det hedder en filterboble:
        systemet forstærker det, jeg allerede har set, og det, jeg ikke har set, forsvinder.
        (Til læreren: 1 point for at forklare reglen (emner tælles og giver point), 1 for
        selvforstærkningen, 1 for at bruge konkrete tal eller eksempler fra simuleringen.)
    """)
    nb.md("""
        ## Opgave 7: Hvis du bestemte

        KlipKlap tjener penge på reklamer, så appen vil gerne have, at du bliver længe. Foreslå to
        ændringer af reglerne, der ville gøre anbefalingerne bedre for dig - eller for samfundet
        (tænk fx på nyheder og demokrati). Hvad ville appen eller du miste ved ændringerne?
    """)
    nb.answer("svar-hvis-du-bestemte", 3, """
        1) Hver femte anbefaling skal være et emne, jeg ikke har set før, fx nyheder eller videnskab,
        så jeg ikke kun ser det samme. 2) Jeg skal kunne se og slette min historik og se hvorfor en
        video blev valgt ("fordi du så ..."). Appen ville måske miste lidt tid, hvor jeg ser videoer,
        og dermed reklamepenge. Jeg mister måske nogle sjove videoer, men jeg får et bredere billede
        af verden, og det er vigtigt i et demokrati, at man ikke kun ser én side af en sag.
        (Til læreren: point for to konkrete ændringer, en begrundelse og en afvejning af, hvad der
        vindes og tabes.)
    """)
    return nb
