"""Grade 6: images are numbers - run-length encoding packs them (and sometimes does not)."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g6-pak-billedet", "Pak billedet sammen")
    nb.md("""
        # Pak billedet sammen 🖼️

        Et billede i en computer er en masse **pixels**, og hver pixel er et tal. Her er 0 hvid og 1 sort.
        Billeder fylder meget, så computere **pakker** dem, før de gemmes eller sendes.

        En af de ældste måder hedder **løbelængde-kodning**: i stedet for `0 0 0 1 1` skriver man
        *"3 gange 0, 2 gange 1"*. I dag programmerer du den - ligesom I gjorde på papir.
    """)
    nb.md(HOW_TO)
    nb.setup("""
        smiley = [
            [0, 0, 1, 1, 1, 1, 0, 0],
            [0, 1, 0, 0, 0, 0, 1, 0],
            [1, 0, 1, 0, 0, 1, 0, 1],
            [1, 0, 0, 0, 0, 0, 0, 1],
            [1, 0, 1, 0, 0, 1, 0, 1],
            [1, 0, 0, 1, 1, 0, 0, 1],
            [0, 1, 0, 0, 0, 0, 1, 0],
            [0, 0, 1, 1, 1, 1, 0, 0],
        ]

        def vis(billede):
            for raekke in billede:
                linje = ""
                for pixel in raekke:
                    if pixel == 1:
                        linje = linje + "██"
                    else:
                        linje = linje + "  "
                print(linje)
    """)
    nb.md("""
        ## Eksempel: Vis et billede

        `smiley` er en liste af rækker, og hver række er en liste af pixels. Funktionen `vis` tegner det.
        Prøv at ændre et 0 til 1 og kør igen.
    """)
    nb.code("""
        vis(smiley)
        print("Pixels:", len(smiley) * len(smiley[0]))
    """)
    nb.md("""
        ## Opgave 1: Pak én række

        Skriv `pak_raekke(raekke)`, der giver en liste af par `[farve, antal]` - ét par for hver
        "løbetur" af ens pixels.

        Eksempel: `pak_raekke([0, 0, 0, 1, 1, 0])` giver `[[0, 3], [1, 2], [0, 1]]`.

        Tip: Gå rækken igennem. Er pixlen den samme som farven i det sidste par, så læg 1 til antallet.
        Ellers start et nyt par `[pixel, 1]`.
    """)
    nb.solution("pak-raekke", """
        def pak_raekke(raekke):
            ### BEGIN SOLUTION
            pakket = []
            for pixel in raekke:
                if len(pakket) > 0 and pakket[-1][0] == pixel:
                    pakket[-1][1] = pakket[-1][1] + 1
                else:
                    pakket.append([pixel, 1])
            return pakket
            ### END SOLUTION

        print(pak_raekke(smiley[0]))
    """)
    nb.tests("test-pak-raekke", 3, """
        check_equal(pak_raekke([0, 0, 0, 1, 1, 0]), [[0, 3], [1, 2], [0, 1]])
    """, """
        check_equal(pak_raekke([1]), [[1, 1]])
        check_equal(pak_raekke([]), [])
        check_equal(pak_raekke([0, 0, 0, 0]), [[0, 4]])
        check_equal(pak_raekke([1, 0, 1, 0]), [[1, 1], [0, 1], [1, 1], [0, 1]])
        check_equal(pak_raekke(smiley[5]), [[1, 1], [0, 2], [1, 2], [0, 2], [1, 1]])
        check_equal(pak_raekke([2, 2, 7]), [[2, 2], [7, 1]], "Farver kan også være andre tal end 0 og 1.")
    """)
    nb.mutant("pak-raekke", """
        pakket = []
        for pixel in raekke:
            if len(pakket) > 0 and pakket[-1][0] == pixel:
                pakket[-1][1] = pakket[-1][1] + 1
            else:
                pakket.append([pixel, 1])
        return pakket[:3]
    """, "test-pak-raekke", hidden_only=True)
    nb.mutant("pak-raekke", """
        pakket = []
        for farve in [0, 1]:
            if raekke.count(farve) > 0:
                pakket.append([farve, raekke.count(farve)])
        return pakket
    """, "test-pak-raekke")

    nb.md("""
        ## Opgave 2: Pak ud igen

        Skriv `pak_ud_raekke(pakket)`, der laver en pakket række om til pixels igen.
        Eksempel: `pak_ud_raekke([[0, 3], [1, 2]])` giver `[0, 0, 0, 1, 1]`.
    """)
    nb.solution("pak-ud", """
        def pak_ud_raekke(pakket):
            ### BEGIN SOLUTION
            raekke = []
            for farve, antal in pakket:
                for gang in range(antal):
                    raekke.append(farve)
            return raekke
            ### END SOLUTION
    """)
    nb.tests("test-pak-ud", 2, """
        check_equal(pak_ud_raekke([[0, 3], [1, 2]]), [0, 0, 0, 1, 1])
    """, """
        check_equal(pak_ud_raekke([]), [])
        check_equal(pak_ud_raekke([[1, 1], [0, 1], [1, 1]]), [1, 0, 1])
        for raekke in smiley:
            check_equal(pak_ud_raekke(pak_raekke(raekke)), raekke, "At pakke ud skal give den samme række igen.")
    """)
    nb.mutant("pak-ud", """
        raekke = []
        for farve, antal in pakket:
            raekke.append(farve)
        return raekke
    """, "test-pak-ud")
    nb.mutant("pak-ud", """
        raekke = []
        for farve, antal in pakket:
            for gang in range(antal):
                raekke.append(farve)
        return raekke[:5]
    """, "test-pak-ud", hidden_only=True)

    nb.md("""
        ## Opgave 3: Hvor meget fylder det?

        Et upakket billede skal gemme ét tal pr. pixel. Et pakket billede gemmer to tal pr. par.
        Skriv `tal_pakket(billede)`, der pakker hver række i billedet og giver, hvor mange tal det
        pakkede billede fylder i alt.

        Eksempel: billedet `[[0, 0, 0], [1, 0, 0]]` pakkes til `[[0, 3]]` og `[[1, 1], [0, 2]]`,
        altså 3 par = 6 tal.
    """)
    nb.solution("tal-pakket", """
        def tal_pakket(billede):
            ### BEGIN SOLUTION
            tal = 0
            for raekke in billede:
                tal = tal + 2 * len(pak_raekke(raekke))
            return tal
            ### END SOLUTION

        print("Upakket:", len(smiley) * len(smiley[0]), "tal - pakket:", tal_pakket(smiley), "tal")
    """)
    nb.tests("test-tal-pakket", 2, """
        check_equal(tal_pakket([[0, 0, 0], [1, 0, 0]]), 6)
    """, """
        check_equal(tal_pakket([]), 0)
        check_equal(tal_pakket(smiley), 76)
        check_equal(tal_pakket([[0] * 100]), 2)
    """)
    nb.mutant("tal-pakket", """
        tal = 0
        for raekke in billede:
            tal = tal + len(pak_raekke(raekke))
        return tal
    """, "test-tal-pakket")
    nb.mutant("tal-pakket", "return 6", "test-tal-pakket", hidden_only=True)

    nb.md("""
        ## Undersøg: Hvornår hjælper det?

        Kør cellen. Den sammenligner tre billeder. Tegn også dit eget billede og prøv det.
    """)
    nb.code("""
        himmel = [[0] * 8 for i in range(8)]
        skakbraet = [[(x + y) % 2 for x in range(8)] for y in range(8)]
        for navn, billede in [("smiley", smiley), ("himmel", himmel), ("skakbræt", skakbraet)]:
            print(navn, "- upakket:", len(billede) * len(billede[0]), "tal, pakket:", tal_pakket(billede), "tal")
        vis(skakbraet)
    """)
    nb.md("""
        ## Opgave 4: Hvilke billeder bliver mindre?

        Hvorfor blev himlen meget mindre, men skakbrættet **større**, da det blev pakket? Hvilke slags
        billeder er gode at pakke med løbelængde-kodning? Giv et eksempel på et rigtigt billede, der ville
        blive godt pakket, og et, der ikke ville.
    """)
    nb.answer("svar-hvornaar", 3, """
        Himlen har lange rækker med den samme farve, så hver række bliver til ét par. Skakbrættet skifter
        farve ved hver pixel, så hver pixel bliver til et par med to tal - det fylder dobbelt så meget.
        Selv smileyen blev større (76 tal mod 64), fordi dens rækker skifter farve tit.
        Løbelængde-kodning er god til billeder med store ensfarvede flader, fx et flag, et ikon eller
        en tegning med få farver. Et foto af en skov med mange små forskellige farver bliver ikke
        mindre, derfor bruger fotos andre måder at pakke på (som JPEG).
        (Til læreren: 1 point for himlen, 1 for skakbrættet, 1 for gode eksempler.)
    """)
    return nb
