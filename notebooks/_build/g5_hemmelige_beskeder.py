"""Grade 5: Caesar cipher - loops over text, a first look at encryption."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g5-hemmelige-beskeder", "Hemmelige beskeder")
    nb.md("""
        # Hemmelige beskeder 🔐

        For over 2000 år siden sendte den romerske hærfører Julius Cæsar hemmelige beskeder.
        Han flyttede hvert bogstav nogle pladser frem i alfabetet. Med 3 pladser bliver
        **a** til **d**, og **b** bliver til **e**. Det kaldes en **Cæsar-kode**.

        I dag bygger du en maskine, der kan **kryptere** (gøre en besked hemmelig) og
        **dekryptere** (gøre den læselig igen).

    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel: Et bogstavs plads i alfabetet

        Computeren kan finde et bogstavs plads med `.index()`. Den tæller fra **0**,
        så `a` har plads 0, `b` har plads 1 og så videre. Kør cellen og se selv.
    """)
    nb.code("""
        alfabet = "abcdefghijklmnopqrstuvwxyzæøå"
        print(len(alfabet))        # der er 29 bogstaver
        print(alfabet.index("c"))  # c står på plads 2
        print(alfabet[2])          # og på plads 2 står c
    """)
    nb.md("""
        Hvad sker der, hvis vi flytter **å** 3 pladser frem? Der er ikke flere bogstaver!
        Så starter vi forfra ved **a**. Det klarer tegnet `%` (rest ved division):
        `(28 + 3) % 29` giver `2`, altså **c**. Prøv selv med andre tal.
    """)
    nb.code("""
        plads = alfabet.index("å")
        ny_plads = (plads + 3) % 29
        print(plads, ny_plads, alfabet[ny_plads])
    """)
    nb.md("""
        ## Opgave 1: Flyt ét bogstav

        Skriv funktionen `flyt_bogstav(bogstav, trin)`. Den skal give det bogstav, der står
        `trin` pladser længere fremme i `alfabet`. Husk at starte forfra efter **å**.

        Eksempel: `flyt_bogstav("a", 3)` giver `"d"`, og `flyt_bogstav("å", 1)` giver `"a"`.
    """)
    nb.solution("flyt-bogstav", """
        def flyt_bogstav(bogstav, trin):
            ### BEGIN SOLUTION
            plads = alfabet.index(bogstav)
            return alfabet[(plads + trin) % len(alfabet)]
            ### END SOLUTION
    """)
    nb.tests("test-flyt-bogstav", 2, """
        check_equal(flyt_bogstav("a", 3), "d")
        check_equal(flyt_bogstav("c", 1), "d")
    """, """
        check_equal(flyt_bogstav("å", 1), "a", "Efter å skal du starte forfra ved a.")
        check_equal(flyt_bogstav("x", 5), "å")
        check_equal(flyt_bogstav("z", 4), "a")
        check_equal(flyt_bogstav("d", -3), "a", "Et negativt trin flytter baglæns.")
        check_equal(flyt_bogstav("a", 29), "a")
    """)
    nb.mutant("flyt-bogstav", "return alfabet[alfabet.index(bogstav) + trin]", "test-flyt-bogstav", hidden_only=True)
    nb.mutant("flyt-bogstav", "return alfabet[(alfabet.index(bogstav) + trin) % 26]", "test-flyt-bogstav", hidden_only=True)

    nb.md("""
        ## Opgave 2: Kryptér en hel besked

        Skriv funktionen `krypter(tekst, trin)`. Den skal gå gennem teksten ét tegn ad gangen
        med en `for`-løkke og bygge en ny tekst:

        * er tegnet et bogstav i `alfabet`, så brug `flyt_bogstav`,
        * ellers (mellemrum, tal, `!`, `?` ...) skal tegnet bare med uændret.

        Tip: `if tegn in alfabet:` spørger, om tegnet er i alfabetet.
        Start med en tom tekst `ny = ""` og læg til med `ny = ny + ...`.
    """)
    nb.solution("krypter", """
        def krypter(tekst, trin):
            ### BEGIN SOLUTION
            ny = ""
            for tegn in tekst:
                if tegn in alfabet:
                    ny = ny + flyt_bogstav(tegn, trin)
                else:
                    ny = ny + tegn
            return ny
            ### END SOLUTION

        print(krypter("hej med dig", 3))
    """)
    nb.tests("test-krypter", 2, """
        check_equal(krypter("abc", 3), "def")
        check_equal(krypter("hej", 3), "khm")
    """, """
        check_equal(krypter("hej med dig", 3), "khm phg glj", "Mellemrum skal blive stående.")
        check_equal(krypter("må jeg?", 1), "na kfh?")
        check_equal(krypter("", 5), "")
        check_equal(krypter("kl. 12", 2), "mn. 12")
        check_equal(krypter("øå", 2), "ab")
    """)
    nb.mutant("krypter", """
        ny = ""
        for tegn in tekst:
            ny = ny + flyt_bogstav(tegn, trin)
        return ny
    """, "test-krypter", hidden_only=True)
    nb.mutant("krypter", """
        ny = ""
        for tegn in tekst:
            if tegn in alfabet:
                ny = ny + flyt_bogstav(tegn, trin)
        return ny
    """, "test-krypter", hidden_only=True)

    nb.md("""
        ## Opgave 3: Dekryptér

        Din ven har fået en hemmelig besked og kender `trin`. Skriv `dekrypter(tekst, trin)`,
        der laver beskeden om til almindelig tekst igen.

        Tip: Du behøver ikke skrive en ny løkke. Hvad sker der, hvis du krypterer med
        `-trin`?
    """)
    nb.solution("dekrypter", """
        def dekrypter(tekst, trin):
            ### BEGIN SOLUTION
            return krypter(tekst, -trin)
            ### END SOLUTION

        print(dekrypter("khm phg glj", 3))
    """)
    nb.tests("test-dekrypter", 2, """
        check_equal(dekrypter("def", 3), "abc")
    """, """
        check_equal(dekrypter("khm phg glj", 3), "hej med dig")
        check_equal(dekrypter("ab", 2), "øå")
        for besked in ["vi ses i frikvarteret!", "kodning er sjovt", "æbler og pærer"]:
            for trin in [1, 7, 13, 28]:
                check_equal(dekrypter(krypter(besked, trin), trin), besked)
    """)
    nb.mutant("dekrypter", "return krypter(tekst, trin)", "test-dekrypter")
    nb.mutant("dekrypter", "return krypter(tekst, -3)", "test-dekrypter", hidden_only=True)

    nb.md("""
        ## Opgave 4: Knæk koden 🕵️

        Du har opsnappet denne besked, men du kender ikke `trin`:

        `xjo xtr dpo ngvpwavcåpb t qåtvdlåbpåpb`

        Der er kun 29 mulige trin. Skriv en løkke, der prøver dem alle og printer resultatet.
        Find den besked, der giver mening. Gem det rigtige trin i `hemmeligt_trin` og den
        afkodede besked i `klartekst`.
    """)
    nb.setup("""
        opsnappet = "xjo xtr dpo ngvpwavcåpb t qåtvdlåbpåpb"
    """)
    nb.solution("knaek-koden", """
        ### BEGIN SOLUTION
        for trin in range(29):
            print(trin, dekrypter(opsnappet, trin))
        hemmeligt_trin = 11
        klartekst = dekrypter(opsnappet, hemmeligt_trin)
        ### END SOLUTION
    """)
    nb.tests("test-knaek-koden", 2, """
        check_true(type(klartekst) is str, "klartekst skal være en tekst.")
        check_equal(krypter(klartekst, hemmeligt_trin), opsnappet, "Passer dit trin og din klartekst sammen?")
    """, """
        check_equal(hemmeligt_trin % 29, 11)
        check_equal(klartekst, "mød mig ved cykelskuret i frikvarteret")
    """)
    nb.mutant("knaek-koden", "hemmeligt_trin = 5\nklartekst = dekrypter(opsnappet, 5)", "test-knaek-koden", hidden_only=True)

    nb.md("""
        ## Opgave 5: Tænk efter

        Cæsar-koden var god for 2000 år siden. Forklar med dine egne ord, hvorfor den **ikke**
        er sikker i dag. Hvad gjorde du selv i opgave 4? Skriv 2-4 sætninger i cellen herunder.
    """)
    nb.answer("svar-sikkerhed", 2, """
        Der er kun 29 mulige trin, så man kan bare prøve dem alle - det tog min løkke under et
        sekund. En computer kan prøve millioner af nøgler på et sekund. Rigtig kryptering
        (fx i beskeder på telefonen) bruger nøgler med så mange muligheder, at selv en computer
        ikke kan prøve dem alle.
        (Til læreren: giv point for at nævne, at der er få muligheder, og at man kan prøve dem alle.)
    """)
    return nb
