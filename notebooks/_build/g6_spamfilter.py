"""Grade 6 (AI strand): label messages, then build a word-counting spam filter and find its victims.

Why: after g5's picture classifier, the same idea on text - the pupils' own labels are the
training data, and the "intelligence" is counting which words appear more in spam than in
ordinary messages. The filter catches the scams but also stops a real message from the school
(a false positive). Pupils must weigh which mistake is worse and who pays for it: the step
from "does it work?" to "is it fair, and for whom?" (myndiggørelse).
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g6-spamfilter", "Byg et spamfilter")
    nb.md("""
        # Byg et spamfilter 📨🚫

        Hver dag bliver der sendt millioner af svindelbeskeder: falske pakker, falske gevinster,
        falske beskeder fra banken. Din mailboks og din telefon har et **spamfilter**, der prøver
        at stoppe dem. Det er en slags AI, der har lært af beskeder, som **mennesker** har sat
        mærkat på.

        I dag sætter du selv mærkater på beskeder og bygger et filter, der lærer af dem. Til sidst
        undersøger du, hvem filteret kommer til at stoppe ved en fejl.
    """)
    nb.md(HOW_TO)
    nb.setup("""
        traening = [
            "TILLYKKE! Du har vundet en iPhone. Klik her for at få din præmie GRATIS",
            "Hej skat, husk at hente Emil kl. 16 i dag. Kh mor",
            "Din pakke venter. Betal 12 kr. i told her: pakke-dk.info",
            "Skal vi spille fodbold efter skole i dag?",
            "Vind et gavekort på 5000 kr! Klik på linket og skriv dit kortnummer",
            "Træningen er aflyst i dag på grund af regn",
            "GRATIS spins i dag! Klik her og vind stort",
            "Kan du huske at tage din matematikbog med i morgen?",
            "Din konto er spærret. Klik her og log ind med MitID for at åbne den",
            "Tak for i dag, det var en god tur i skoven",
        ]
        for nummer in range(len(traening)):
            print(nummer + 1, ":", traening[nummer])
    """)
    nb.md("""
        ## Opgave 1: Sæt mærkater på

        Læs de 10 beskeder. Skriv en liste `maerker` med `"spam"` (svindel eller uønsket
        reklame) eller `"ok"` for hver besked, i samme rækkefølge. Dine mærkater er filterets
        træningsdata - så tænk dig om.
    """)
    nb.solution("maerker", """
        ### BEGIN SOLUTION
        maerker = ["spam", "ok", "spam", "ok", "spam", "ok", "spam", "ok", "spam", "ok"]
        ### END SOLUTION
        spam = []
        almindelige = []
        for i in range(len(traening)):
            if maerker[i] == "spam":
                spam.append(traening[i])
            else:
                almindelige.append(traening[i])
        print(len(spam), "spam og", len(almindelige), "almindelige beskeder")
    """)
    nb.tests("test-maerker", 2, """
        check_equal(len(maerker), 10, "Der skal være én mærkat for hver af de 10 beskeder.")
        check_true(all(m in ["spam", "ok"] for m in maerker), 'Hver mærkat skal være "spam" eller "ok".')
    """, """
        rigtige = ["spam", "ok", "spam", "ok", "spam", "ok", "spam", "ok", "spam", "ok"]
        check_true(sum(1 for i in range(10) if maerker[i] == rigtige[i]) >= 9,
                   "Flere af mærkaterne passer ikke. Læs beskederne igen: hvilke vil have penge eller koder?")
    """)
    nb.mutant("maerker", 'maerker = ["ok"] * 10', "test-maerker", hidden_only=True)
    nb.mutant("maerker", 'maerker = ["spam", "ok"]', "test-maerker")

    nb.md("""
        ## Opgave 2: Del en besked op i ord

        Filteret ser på ordene. Skriv `ord_i(besked)`, der giver en liste med beskedens ord med
        **små bogstaver** og uden tegnene `.` `,` `!` `?` og `:`.

        Tip: `besked.replace("!", " ")` skifter `!` ud med mellemrum, `.lower()` giver små
        bogstaver, og `.split()` deler ved mellemrummene.

        Eksempel: `ord_i("Klik her! GRATIS.")` giver `["klik", "her", "gratis"]`.
    """)
    nb.solution("ord-i", """
        def ord_i(besked):
            ### BEGIN SOLUTION
            for tegn in ".,!?:":
                besked = besked.replace(tegn, " ")
            return besked.lower().split()
            ### END SOLUTION

        print(ord_i(traening[0]))
    """)
    nb.tests("test-ord-i", 2, """
        check_equal(ord_i("Klik her! GRATIS."), ["klik", "her", "gratis"])
    """, """
        check_equal(ord_i("Hej, Ida: Kommer du?"), ["hej", "ida", "kommer", "du"])
        check_equal(ord_i(""), [])
        check_equal(ord_i("ÆBLER og Øl"), ["æbler", "og", "øl"])
    """)
    nb.mutant("ord-i", "return besked.lower().split()", "test-ord-i")
    nb.mutant("ord-i", """
        for tegn in ".!":
            besked = besked.replace(tegn, " ")
        return besked.lower().split()
    """, "test-ord-i", hidden_only=True)

    nb.md("""
        ## Opgave 3: I hvor mange beskeder står ordet?

        Skriv `antal_med(ordet, beskeder)`, der tæller, i hvor mange af `beskeder` ordet står
        (brug `ord_i` på hver besked og `in`).

        Eksempel: `antal_med("klik", traening)` giver `4`.
    """)
    nb.solution("antal-med", """
        def antal_med(ordet, beskeder):
            ### BEGIN SOLUTION
            antal = 0
            for besked in beskeder:
                if ordet in ord_i(besked):
                    antal = antal + 1
            return antal
            ### END SOLUTION

        print("klik:", antal_med("klik", spam), "i spam og", antal_med("klik", almindelige), "i almindelige")
    """)
    nb.tests("test-antal-med", 2, """
        check_equal(antal_med("klik", traening), 4)
        check_equal(antal_med("dag", traening), 5)
    """, """
        check_equal(antal_med("gratis", traening), 2, "Husk små bogstaver: GRATIS og gratis er det samme ord.")
        check_equal(antal_med("kat", traening), 0)
        check_equal(antal_med("i", ["i i i", "nej"]), 1, "Tæl beskeder, ikke hvor mange gange ordet står.")
    """)
    nb.mutant("antal-med", """
        antal = 0
        for besked in beskeder:
            antal = antal + ord_i(besked).count(ordet)
        return antal
    """, "test-antal-med", hidden_only=True)
    nb.mutant("antal-med", """
        antal = 0
        for besked in beskeder:
            if ordet in besked:
                antal = antal + 1
        return antal
    """, "test-antal-med")

    nb.md("""
        ## Opgave 4: Spampoint

        Nu kommer filterets regel. For **hvert ord** i en ny besked:
        * står ordet i flere spambeskeder end almindelige beskeder: **+1 point**,
        * står det i flere almindelige end spam: **-1 point**,
        * ellers 0.

        Skriv `spampoint(besked, spam, almindelige)`, der giver summen af point. En besked med
        flere end 0 point er spam.
    """)
    nb.solution("spampoint", """
        def spampoint(besked, spam, almindelige):
            ### BEGIN SOLUTION
            point = 0
            for ordet in ord_i(besked):
                i_spam = antal_med(ordet, spam)
                i_ok = antal_med(ordet, almindelige)
                if i_spam > i_ok:
                    point = point + 1
                elif i_ok > i_spam:
                    point = point - 1
            return point
            ### END SOLUTION

        def er_spam(besked):
            return spampoint(besked, spam, almindelige) > 0

        print(spampoint("Klik her og vind", spam, almindelige))
    """)
    nb.tests("test-spampoint", 3, """
        check_equal(spampoint("Klik her nu", ["klik her", "vind nu"], ["hej og farvel"]), 3)
    """, """
        check_equal(spampoint("Klik her og vind", ["klik her", "vind nu"], ["hej og farvel"]), 2)
        check_equal(spampoint("hej hej", ["klik"], ["hej"]), -2)
        check_equal(spampoint("ukendt ord", ["klik"], ["hej"]), 0)
        check_equal(spampoint("gratis hej", ["gratis nu", "gratis"], ["hej gratis"]), 0, "Et ord, der står i begge slags, tæller for den slags, det står flest gange i.")
        check_equal(spampoint("Klik her og vind", traening[0::2], traening[1::2]), 4)
    """)
    nb.mutant("spampoint", """
        point = 0
        for ordet in ord_i(besked):
            if antal_med(ordet, spam) > antal_med(ordet, almindelige):
                point = point + 1
        return point
    """, "test-spampoint", hidden_only=True)
    nb.mutant("spampoint", """
        point = 0
        for ordet in ord_i(besked):
            if antal_med(ordet, spam) > 0:
                point = point + 1
            if antal_med(ordet, almindelige) > 0:
                point = point - 1
        return point
    """, "test-spampoint")

    nb.md("""
        ## Undersøg: Nye beskeder

        Kør cellen. Filteret får 6 nye beskeder, det aldrig har set. Bagved står, hvad et menneske
        siger. Hvor mange har filteret rigtigt? Hvilken tager det fejl af?
    """)
    nb.setup("""
        nye = [
            ("Klik her for at vinde en gratis cykel", "spam"),
            ("Husk fodbold i morgen kl. 16", "ok"),
            ("Din pakke er på vej, betal her: billig-told.net", "spam"),
            ("Hej, kan du hente mig efter træningen?", "ok"),
            ("Skolen: Vind en gratis billet til skolefesten. Klik her og skriv dig op", "ok"),
            ("Du har vundet! Skriv dit kortnummer her", "spam"),
        ]
    """)
    nb.code("""
        for besked, menneske in nye:
            filter_siger = "spam" if er_spam(besked) else "ok"
            print(filter_siger, "(menneske:", menneske + ")", "-", besked)
    """)
    nb.md("""
        ## 🔮 Hvor mange rigtige?

        Skriv, hvor mange af de 6 nye beskeder filteret havde rigtigt: `rigtige = ...`.
    """)
    nb.guess("rigtige", 1, "rigtige", 5, 6)
    nb.md("""
        ## Opgave 5: Hvilken fejl er værst?

        Et filter kan tage fejl på to måder: **svindel slipper igennem**, eller **en rigtig besked
        bliver stoppet**. Skriv 3-5 sætninger:
        * Hvilken fejl lavede jeres filter, og hvorfor (se på ordene)?
        * Hvilken af de to slags fejl er værst - for hvem? Tænk fx på en besked fra skolen, fra
          lægen eller fra en ven, der har brug for hjælp.
        * Hvad kunne man gøre ved det?
    """)
    nb.answer("svar-fejl", 2, """
        Filteret stoppede skolens besked om skolefesten, fordi den havde ordene "vind", "gratis",
        "klik" og "her", som mest stod i spam. Det værste er, hvis en vigtig besked bliver stoppet,
        fx fra lægen, for så opdager man det måske aldrig. Men hvis svindel slipper igennem, kan
        nogen miste penge - især ældre eller børn. Man kunne lægge stoppede beskeder i en mappe,
        man selv kan kigge i, og træne filteret med flere almindelige beskeder, der indeholder
        de ord.
        (Til læreren: 1 point for at forklare fejlen med ordene; 1 point for en begrundet
        afvejning af de to fejltyper, gerne med hvem der rammes.)
    """)
    return nb
