"""Grade 7: text is numbers - character codes, UTF-8, æ/ø/å on the micro:bit and in sorting.

Why: pupils have seen "S?ren" on the micro:bit and Å sorted before Æ (g6-sorter). Both come
from the same fact: a computer stores every character as a number, and which numbers mean
which letters was decided by people (first for English). Pupils look at the codes, find what
a micro:bit V1 can show, translate æ/ø/å like Danish ids do, and make names sort in Danish
order with a key function. The reflection asks whose letters get left out.
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g7-tekst-og-tegn", "Tekst er tal: æ, ø og å i computeren")
    nb.md("""
        # Tekst er tal: æ, ø og å i computeren 🔤🔢

        Har du set en micro:bit skrive `S?ren` i stedet for `Søren`? Eller en liste, hvor Åse står
        før Æbla? Begge dele skyldes det samme: en computer gemmer **alle tegn som tal**. Hvilket
        tal der betyder hvilket bogstav, er noget, mennesker har aftalt - og de første aftaler blev
        lavet i USA, til engelsk.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel: Hvert tegn har et nummer

        `ord(tegn)` giver tegnets nummer, og `chr(nummer)` giver tegnet. Numrene for A-Z og a-z er
        de samme som i den gamle amerikanske tabel **ASCII** (0-127). Æ, ø og å kom med senere i
        den store fælles tabel **Unicode**, der har plads til alle verdens skriftsprog - og emojis.
    """)
    nb.code("""
        for tegn in "Aaæøå😀":
            print(tegn, ord(tegn))
        print(chr(83) + chr(248) + chr(114) + chr(101) + chr(110))
    """)
    nb.md("""
        Når tekst gemmes i en fil eller sendes over nettet, laves numrene om til **bytes** (tal fra
        0 til 255) med reglen **UTF-8**. Almindelige bogstaver fylder 1 byte, men mange andre tegn
        fylder flere.

        ## 🔮 Gæt først

        Hvor mange bytes fylder `"Søren"` i UTF-8? Skriv dit gæt som `gaet_1 = ...`, og kør så
        cellen under testen.
    """)
    nb.guess("gaet-1", 1, "gaet_1", 6, 5)
    nb.code("""
        for navn in ["Soren", "Søren", "Åse", "😀"]:
            print(navn, "-", len(navn), "tegn,", len(navn.encode("utf-8")), "bytes:", list(navn.encode("utf-8")))
    """)

    nb.md("""
        ## Opgave 1: Tekst som tal

        Skriv `koder(tekst)`, der giver en liste med nummeret (`ord`) for hvert tegn i teksten.
        Eksempel: `koder("Hej")` giver `[72, 101, 106]`.
    """)
    nb.solution("koder", """
        def koder(tekst):
            ### BEGIN SOLUTION
            numre = []
            for tegn in tekst:
                numre.append(ord(tegn))
            return numre
            ### END SOLUTION

        print(koder("Søren"))
    """)
    nb.tests("test-koder", 2, """
        check_equal(koder("Hej"), [72, 101, 106])
    """, """
        check_equal(koder(""), [])
        check_equal(koder("æøå"), [230, 248, 229])
    """)
    nb.mutant("koder", """
        numre = []
        for tegn in tekst:
            numre.append(tegn)
        return numre
    """, "test-koder")
    nb.mutant("koder", "return list(tekst.encode('utf-8'))", "test-koder", hidden_only=True)

    nb.md("""
        ## Opgave 2: Kan micro:bit'en vise det?

        En micro:bit V1 kan kun vise tegn med nummer fra 32 (mellemrum) til 126 (`~`). Alt andet
        bliver til `?`. Skriv `kan_vises(tekst)`, der giver `True`, hvis **alle** tegn kan vises.
    """)
    nb.solution("kan-vises", """
        def kan_vises(tekst):
            ### BEGIN SOLUTION
            for tegn in tekst:
                if ord(tegn) < 32 or ord(tegn) > 126:
                    return False
            return True
            ### END SOLUTION

        print(kan_vises("Soren"), kan_vises("Søren"))
    """)
    nb.tests("test-kan-vises", 2, """
        check_equal(kan_vises("Soren"), True)
        check_equal(kan_vises("Søren"), False)
    """, """
        check_equal(kan_vises("Hej ~ 123!"), True)
        check_equal(kan_vises("Åse"), False)
        check_equal(kan_vises("linje\\nskift"), False, "Linjeskift (nummer 10) kan heller ikke vises.")
        check_equal(kan_vises(""), True)
    """)
    nb.mutant("kan-vises", """
        for tegn in tekst:
            if tegn in "æøåÆØÅ":
                return False
        return True
    """, "test-kan-vises", hidden_only=True)
    nb.mutant("kan-vises", """
        for tegn in tekst:
            if ord(tegn) > 126:
                return False
            return True
        return True
    """, "test-kan-vises")

    nb.md("""
        ## Opgave 3: Skriv det, så micro:bit'en kan vise det

        På dansk skriver man traditionelt `ae`, `oe` og `aa`, når æ, ø og å ikke findes (som i
        internetadresser). Skriv `til_microbit(tekst)`, der skifter æ, ø, å ud med ae, oe, aa - og
        Æ, Ø, Å med Ae, Oe, Aa.

        Eksempel: `til_microbit("Søren på Ærø")` giver `"Soeren paa Aeroe"`.
    """)
    nb.solution("til-microbit", """
        def til_microbit(tekst):
            ### BEGIN SOLUTION
            erstatninger = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
            resultat = ""
            for tegn in tekst:
                resultat = resultat + erstatninger.get(tegn, tegn)
            return resultat
            ### END SOLUTION

        print(til_microbit("Søren på Ærø"))
    """)
    nb.tests("test-til-microbit", 2, """
        check_equal(til_microbit("Søren på Ærø"), "Soeren paa Aeroe")
    """, """
        check_equal(til_microbit("Åse"), "Aase")
        check_equal(til_microbit("hej"), "hej")
        check_true(kan_vises(til_microbit("blåbærgrød ØÆÅ")), "Teksten skal kunne vises på micro:bit'en bagefter.")
    """)
    nb.mutant("til-microbit", """
        tekst = tekst.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
        return tekst.replace("Æ", "Ae").replace("Ø", "Oe")
    """, "test-til-microbit", hidden_only=True)
    nb.mutant("til-microbit", "return tekst", "test-til-microbit")

    nb.md("""
        ## Opgave 4: Sortér som en dansker

        `sorted(navne)` sorterer efter tegnenes numre, så Å (229) kommer før Æ (230) og Ø (248).
        Men man kan give `sorted` en **nøgle**: en funktion, der laver hvert navn om til det, der
        skal sorteres efter.

        Skriv `dansk_noegle(navn)`, der giver en liste med hvert bogstavs plads i det danske alfabet
        `ALFABET` (små bogstaver; brug `.lower()` og `.index`). Så giver
        `sorted(navne, key=dansk_noegle)` dansk rækkefølge.

        Eksempel: `dansk_noegle("Åb")` giver `[28, 1]`.
    """)
    nb.setup("""
        ALFABET = "abcdefghijklmnopqrstuvwxyzæøå"
    """)
    nb.solution("noegle", """
        def dansk_noegle(navn):
            ### BEGIN SOLUTION
            pladser = []
            for tegn in navn.lower():
                pladser.append(ALFABET.index(tegn))
            return pladser
            ### END SOLUTION

        navne = ["Øjvind", "Åse", "Æbla", "Zainab", "Oliver"]
        print(sorted(navne))
        print(sorted(navne, key=dansk_noegle))
    """)
    nb.tests("test-noegle", 3, """
        check_equal(dansk_noegle("Åb"), [28, 1])
        check_equal(sorted(["Åse", "Æbla", "Øjvind"], key=dansk_noegle), ["Æbla", "Øjvind", "Åse"])
    """, """
        check_equal(dansk_noegle("abc"), [0, 1, 2])
        check_equal(sorted(["Zoe", "Åse", "Anna", "Ønsk"], key=dansk_noegle), ["Anna", "Zoe", "Ønsk", "Åse"])
    """)
    nb.mutant("noegle", "return koder(navn)", "test-noegle")
    nb.mutant("noegle", "return [ALFABET.index(navn[0].lower())]", "test-noegle")

    nb.md("""
        ## Opgave 5: Hvis bogstaver?

        Grønlandsk, samisk, arabisk og mange andre sprog har bogstaver, som gamle systemer heller
        ikke kan vise. Skriv 3-5 sætninger: Hvem har bestemt, hvilke tegn computere kan vise? Hvad
        betyder det for folk, hvis navn ikke kan skrives rigtigt - fx i en skoleapp, på et pas eller
        i en flybillet? Hvad kan man gøre?
    """)
    nb.answer("svar-tegn", 2, """
        De første tegntabeller blev lavet af amerikanske firmaer til engelsk, så de havde ikke
        plads til æ, ø og å eller andre sprogs bogstaver. I dag er der Unicode, men gamle systemer
        og små enheder som micro:bit'en kan stadig ikke vise alle tegn. Hvis ens navn bliver
        stavet forkert, kan det være svært at blive fundet i et system eller at få en flybillet,
        der passer med passet - og det føles, som om man ikke hører til. Man kan kræve, at nye
        systemer bruger Unicode og bliver testet med navne fra mange sprog.
        (Til læreren: 1 point for at forklare, at tegntabeller er menneskers aftaler med en
        historie; 1 point for en konkret konsekvens for mennesker og et forslag.)
    """)
    return nb
