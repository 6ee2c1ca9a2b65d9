"""Grade 6: sorting by comparing and swapping neighbours - the algorithms step before grade 7.

Why: pupils sorted cards by hand in grade 2 and searched smartly in g5-gaet-mit-tal; grade 7
(g7-soeg-og-sorter) compares algorithms and their speed. In between, pupils program one
sorting algorithm themselves (bubble sort: one pass swaps neighbours, a while loop repeats
passes until the list is sorted), count the work, and meet the question of what "sorted"
means for Danish names (Æ, Ø, Å), which the computer gets wrong on its own.
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g6-sorter", "Sortér! Boblesortering")
    nb.md("""
        # Sortér! Boblesortering 🫧

        Din telefon sorterer kontakter, en webshop sorterer varer efter pris, og en sportsapp
        sorterer holdene efter point. Men en computer kan kun én ting ad gangen: **sammenligne
        to ting** og måske **bytte dem om**. Hvordan bliver en hel liste sorteret af det?

        I dag programmerer du en af de ældste sorteringsmåder, **boblesortering**: de store tal
        "bobler" op til enden af listen én runde ad gangen.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel: Byt om på to pladser

        Kan du huske, hvordan man bytter indholdet af to kopper (med en tom kop)? I Python kan man
        bytte to pladser i en liste på én linje.
    """)
    nb.code("""
        kort = [7, 3, 9]
        kort[0], kort[1] = kort[1], kort[0]
        print(kort)
    """)
    nb.md("""
        ## Eksempel: Én runde

        I én runde går vi listen igennem fra venstre. Hver gang to naboer står i forkert
        rækkefølge, bytter vi dem. Kør cellen og følg med.
    """)
    nb.code("""
        kort = [5, 1, 4, 2, 8]
        for i in range(len(kort) - 1):
            if kort[i] > kort[i + 1]:
                kort[i], kort[i + 1] = kort[i + 1], kort[i]
            print("Efter sammenligning", i + 1, ":", kort)
    """)
    nb.md("""
        ## 🔮 Gæt først

        Listen `[9, 4, 7, 1]` får **én runde**. Hvilket tal står til sidst i listen bagefter?
        Skriv dit gæt som `gaet_1 = ...` - og forklar for din makker, hvorfor.
    """)
    nb.guess("gaet-1", 1, "gaet_1", 9, 1)

    nb.md("""
        ## Opgave 1: Er listen sorteret?

        Skriv `er_sorteret(liste)`, der giver `True`, hvis hvert tal er mindre end eller lig med
        sin nabo til højre, og ellers `False`. En tom liste og en liste med ét tal er sorteret.

        Tip: Gå igennem `range(len(liste) - 1)`, og sammenlign `liste[i]` med `liste[i + 1]`.
    """)
    nb.solution("er-sorteret", """
        def er_sorteret(liste):
            ### BEGIN SOLUTION
            for i in range(len(liste) - 1):
                if liste[i] > liste[i + 1]:
                    return False
            return True
            ### END SOLUTION

        print(er_sorteret([1, 2, 2, 5]), er_sorteret([3, 1, 2]))
    """)
    nb.tests("test-er-sorteret", 2, """
        check_equal(er_sorteret([1, 2, 2, 5]), True)
        check_equal(er_sorteret([3, 1, 2]), False)
    """, """
        check_equal(er_sorteret([]), True)
        check_equal(er_sorteret([4]), True)
        check_equal(er_sorteret([1, 2, 3, 0]), False, "Husk også at sammenligne de to sidste.")
        check_equal(er_sorteret([2, 1, 3, 4]), False)
    """)
    nb.mutant("er-sorteret", """
        for i in range(len(liste) - 1):
            if liste[i] > liste[i + 1]:
                return False
            return True
        return True
    """, "test-er-sorteret", hidden_only=True)
    nb.mutant("er-sorteret", """
        for i in range(len(liste) - 2):
            if liste[i] > liste[i + 1]:
                return False
        return True
    """, "test-er-sorteret", hidden_only=True)
    nb.mutant("er-sorteret", """
        for i in range(len(liste) - 1):
            if liste[i] >= liste[i + 1]:
                return False
        return True
    """, "test-er-sorteret")

    nb.md("""
        ## Opgave 2: Én runde som funktion

        Skriv `en_runde(liste)`, der laver én runde på listen (bytter naboer, der står forkert)
        og giver **antallet af ombytninger** tilbage. Funktionen ændrer selve listen.

        Eksempel: efter `en_runde(kort)` med `kort = [5, 1, 4, 2, 8]` er `kort` lig med
        `[1, 4, 2, 5, 8]`, og funktionen giver `3` tilbage.
    """)
    nb.solution("en-runde", """
        def en_runde(liste):
            ### BEGIN SOLUTION
            bytninger = 0
            for i in range(len(liste) - 1):
                if liste[i] > liste[i + 1]:
                    liste[i], liste[i + 1] = liste[i + 1], liste[i]
                    bytninger = bytninger + 1
            return bytninger
            ### END SOLUTION

        kort = [5, 1, 4, 2, 8]
        print(en_runde(kort), kort)
    """)
    nb.tests("test-en-runde", 3, """
        kort = [5, 1, 4, 2, 8]
        check_equal(en_runde(kort), 3)
        check_equal(kort, [1, 4, 2, 5, 8])
    """, """
        kort = [1, 2, 3]
        check_equal(en_runde(kort), 0)
        check_equal(kort, [1, 2, 3])
        kort = [9, 4, 7, 1]
        en_runde(kort)
        check_equal(kort, [4, 7, 1, 9])
        check_equal(en_runde([]), 0)
    """)
    nb.mutant("en-runde", """
        bytninger = 0
        for i in range(len(liste) - 1):
            if liste[i] > liste[i + 1]:
                liste[i] = liste[i + 1]
                liste[i + 1] = liste[i]
                bytninger = bytninger + 1
        return bytninger
    """, "test-en-runde")
    nb.mutant("en-runde", """
        bytninger = 0
        for i in range(len(liste) - 1):
            if liste[i] > liste[i + 1]:
                liste[i], liste[i + 1] = liste[i + 1], liste[i]
            bytninger = bytninger + 1
        return bytninger
    """, "test-en-runde")

    nb.md("""
        ## Opgave 3: Boblesortering

        Nu skal runderne gentages, **så længe** listen ikke er sorteret. Skriv
        `boblesortering(liste)`, der sorterer listen med en `while`-løkke og giver **antallet af
        runder** tilbage. Brug `er_sorteret` og `en_runde`.

        Eksempel: `[3, 2, 1]` bliver til `[1, 2, 3]` efter 2 runder.
    """)
    nb.solution("boble", """
        def boblesortering(liste):
            ### BEGIN SOLUTION
            runder = 0
            while not er_sorteret(liste):
                en_runde(liste)
                runder = runder + 1
            return runder
            ### END SOLUTION

        kort = [5, 1, 4, 2, 8]
        print(boblesortering(kort), "runder:", kort)
    """)
    nb.tests("test-boble", 2, """
        kort = [3, 2, 1]
        check_equal(boblesortering(kort), 2)
        check_equal(kort, [1, 2, 3])
    """, """
        kort = [1, 2, 3]
        check_equal(boblesortering(kort), 0, "En sorteret liste skal ikke have nogen runder.")
        kort = [5, 1, 4, 2, 8, 0]
        boblesortering(kort)
        check_equal(kort, [0, 1, 2, 4, 5, 8])
        check_equal(boblesortering(list(range(10, 0, -1))), 9)
    """)
    nb.mutant("boble", """
        runder = 1
        en_runde(liste)
        while not er_sorteret(liste):
            en_runde(liste)
            runder = runder + 1
        return runder
    """, "test-boble", hidden_only=True)
    nb.mutant("boble", """
        en_runde(liste)
        return 1
    """, "test-boble")

    nb.md("""
        ## Undersøg: Hvor meget arbejde er det?

        Kør cellen. Den sorterer lister, der står helt omvendt (fx `[5, 4, 3, 2, 1]`), og tæller
        runderne. Hvad ser du?
    """)
    nb.code("""
        for antal in [5, 10, 20, 40]:
            liste = list(range(antal, 0, -1))
            print(antal, "tal:", boblesortering(liste), "runder")
    """)
    nb.md("""
        ## 🔮 Gæt: 100 tal

        Hvor mange runder skal boblesortering bruge på en omvendt liste med **100** tal?
        Skriv dit gæt som `gaet_2 = ...`. Hver runde sammenligner 99 par. Hvor mange
        sammenligninger bliver det så i alt?
    """)
    nb.guess("gaet-2", 1, "gaet_2", 99, 100)
    nb.md("""
        ## Undersøg: Danske navne

        Kør cellen. Computeren sorterer bogstaver efter deres **nummer** i computerens
        tegntabel. Står navnene i dansk alfabetisk rækkefølge (... X, Y, Z, Æ, Ø, Å)?
    """)
    nb.code("""
        navne = ["Øjvind", "Åse", "Æbla", "Zainab", "Oliver"]
        boblesortering(navne)
        print(navne)
        for navn in navne:
            print(navn[0], "har nummeret", ord(navn[0]))
    """)
    nb.md("""
        ## Opgave 4: Hvorfor sortere?

        Skriv 3-4 sætninger: Giv to eksempler på, at det er vigtigt, at en computer kan sortere
        hurtigt og rigtigt. Og: hvad skete der med de danske navne - hvem kunne det være et
        problem for?
    """)
    nb.answer("svar-sortere", 2, """
        En webshop skal kunne sortere tusindvis af varer efter pris, mens man venter, og
        en telefon skal sortere kontakter, så man kan finde dem. Navnene blev sorteret med Å før
        Æ og Ø, fordi computeren bruger tegnenes numre og ikke det danske alfabet. Det kan gøre
        det svært at finde Åse på en klasseliste, og programmer skal have at vide, hvilket sprog
        de sorterer.
        (Til læreren: 1 point for to brugbare eksempler; 1 point for at forklare Æ/Ø/Å med
        tegnenes numre eller med, at computeren ikke kender det danske alfabet.)
    """)
    return nb
