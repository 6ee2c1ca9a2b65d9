"""Grade 5: "Gæt mit tal" - the while loop, and a first algorithm that is smarter than trying all.

Why here: the micro:bit has used `while True` since grade 3, but notebooks only had for-loops
until grade 7. A while loop ("så længe") is the natural tool when we do not know how many
rounds are needed - like guessing a number. The halving strategy is the algorithms step
between g2's card sorting and g7-soeg-og-sorter's binary search: pupils count guesses and
find the worst case with the "largest so far" pattern.
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g5-gaet-mit-tal", "Gæt mit tal")
    nb.md("""
        # Gæt mit tal 🎯

        *"Jeg tænker på et tal mellem 1 og 100."* - *"Er det 50?"* - *"For lavt!"* - *"75?"* - ...

        I dag lærer du en ny slags løkke, **while** ("så længe"), og du får computeren til at
        spille "Gæt mit tal" på to måder: en langsom og en smart. Til sidst finder du ud af,
        hvor mange gæt den smarte måde **højst** skal bruge.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel: Så længe ...

        En `for`-løkke kører et bestemt antal gange. En `while`-løkke kører, **så længe** en
        betingelse er sand. Her fordobler vi et tal, så længe det er under 100.
    """)
    nb.code("""
        tal = 1
        while tal < 100:
            tal = tal * 2
            print(tal)
        print("Nu er tallet over 100:", tal)
    """)
    nb.md("""
        Pas på: hvis betingelsen **aldrig** bliver falsk, kører løkken for evigt. Så skal du
        stoppe den med ■ (stop-knappen) eller menuen *Kernel > Interrupt*.

        ## 🔮 Gæt først

        Du har 10 kr. og sparer 15 kr. op hver uge. Hvor mange uger går der, før du har mindst
        50 kr.? Læs programmet, men kør det ikke endnu. Hvad skriver det?

        ```python
        penge = 10
        uger = 0
        while penge < 50:
            penge = penge + 15
            uger = uger + 1
        print(uger)
        ```

        Tip: Skriv `penge` og `uger` ned på papir efter hver runde. Skriv dit gæt som `gaet_1 = ...`.
    """)
    nb.guess("gaet-1", 1, "gaet_1", 3, 4)
    nb.code("""
        penge = 10
        uger = 0
        while penge < 50:
            penge = penge + 15
            uger = uger + 1
            print("Uge", uger, "-", penge, "kr.")
        print(uger)
    """)

    nb.md("""
        ## Opgave 1: Hvad svarer den, der tænker?

        Skriv funktionen `svar(hemmelig, gaet)`, der giver `"for lavt"`, `"for højt"` eller
        `"rigtigt"` tilbage.

        Eksempel: `svar(37, 50)` giver `"for højt"`.
    """)
    nb.solution("svar", """
        def svar(hemmelig, gaet):
            ### BEGIN SOLUTION
            if gaet < hemmelig:
                return "for lavt"
            elif gaet > hemmelig:
                return "for højt"
            else:
                return "rigtigt"
            ### END SOLUTION

        print(svar(37, 50), svar(37, 20), svar(37, 37))
    """)
    nb.tests("test-svar", 2, """
        check_equal(svar(37, 50), "for højt")
        check_equal(svar(37, 20), "for lavt")
        check_equal(svar(37, 37), "rigtigt")
    """, """
        check_equal(svar(1, 2), "for højt")
        check_equal(svar(100, 99), "for lavt")
    """)
    nb.mutant("svar", """
        if gaet < hemmelig:
            return "for lavt"
        else:
            return "rigtigt"
    """, "test-svar")

    nb.md("""
        ## Opgave 2: Den langsomme måde

        Den enkleste måde at gætte på er at prøve 1, så 2, så 3 - indtil svaret er rigtigt.
        Skriv `gaet_et_ad_gangen(hemmelig)`, der gætter sådan og giver **antallet af gæt** tilbage.

        Brug en `while`-løkke: *så længe svaret ikke er "rigtigt", så gæt ét højere.*

        Eksempel: `gaet_et_ad_gangen(4)` giver `4` (der gættes 1, 2, 3, 4).
    """)
    nb.solution("et-ad-gangen", """
        def gaet_et_ad_gangen(hemmelig):
            ### BEGIN SOLUTION
            gaet = 1
            antal = 1
            while svar(hemmelig, gaet) != "rigtigt":
                gaet = gaet + 1
                antal = antal + 1
            return antal
            ### END SOLUTION

        print(gaet_et_ad_gangen(37))
    """)
    nb.tests("test-et-ad-gangen", 2, """
        check_equal(gaet_et_ad_gangen(4), 4)
    """, """
        check_equal(gaet_et_ad_gangen(1), 1, "Er tallet 1, er det første gæt rigtigt: 1 gæt.")
        check_equal(gaet_et_ad_gangen(100), 100)
    """)
    nb.mutant("et-ad-gangen", """
        gaet = 1
        antal = 0
        while svar(hemmelig, gaet) != "rigtigt":
            gaet = gaet + 1
            antal = antal + 1
        return antal
    """, "test-et-ad-gangen")
    nb.mutant("et-ad-gangen", "return 4", "test-et-ad-gangen", hidden_only=True)

    nb.md("""
        ## Opgave 3: Midt imellem

        Den smarte måde gætter altid **midt imellem** det mindste og det største tal, det kan
        være. Skriv `midten(lav, hoej)`, der giver tallet midt imellem - rundet ned til et helt
        tal. Brug `//`, der dividerer og smider resten væk.

        Eksempel: `midten(1, 100)` giver `50`, og `midten(51, 100)` giver `75`.
    """)
    nb.solution("midten", """
        def midten(lav, hoej):
            ### BEGIN SOLUTION
            return (lav + hoej) // 2
            ### END SOLUTION
    """)
    nb.tests("test-midten", 1, """
        check_equal(midten(1, 100), 50)
        check_equal(midten(51, 100), 75)
    """, """
        check_equal(midten(7, 7), 7)
        check_equal(midten(1, 4), 2)
    """)
    # wrong answers that still end the guessing loops below (an endless loop only costs checker time)
    nb.mutant("midten", "return (lav + hoej + 1) // 2", "test-midten")
    nb.mutant("midten", "return round((lav + hoej) / 2)", "test-midten")

    nb.md("""
        ## Opgave 4: Den smarte måde

        Sådan gætter den smarte:
        1. Start med `lav = 1` og `hoej = 100`, og gæt `midten(lav, hoej)`.
        2. Er svaret `"for lavt"`, kan tallet ikke være gættet eller mindre: `lav = gaet + 1`.
        3. Er svaret `"for højt"`: `hoej = gaet - 1`.
        4. Gæt midten igen - så længe svaret ikke er `"rigtigt"`.

        Skriv `gaet_smart(hemmelig)`, der giver antallet af gæt tilbage.
        Eksempel: `gaet_smart(50)` giver `1`, og `gaet_smart(75)` giver `2`.
    """)
    nb.solution("smart", """
        def gaet_smart(hemmelig):
            ### BEGIN SOLUTION
            lav = 1
            hoej = 100
            gaet = midten(lav, hoej)
            antal = 1
            while svar(hemmelig, gaet) != "rigtigt":
                if svar(hemmelig, gaet) == "for lavt":
                    lav = gaet + 1
                else:
                    hoej = gaet - 1
                gaet = midten(lav, hoej)
                antal = antal + 1
            return antal
            ### END SOLUTION

        for tal in [50, 75, 37, 1, 100]:
            print(tal, "blev fundet med", gaet_smart(tal), "gæt")
    """)
    nb.tests("test-smart", 3, """
        check_equal(gaet_smart(50), 1)
        check_equal(gaet_smart(75), 2)
    """, """
        check_equal(gaet_smart(25), 2)
        check_equal(gaet_smart(37), 3)
        check_equal(gaet_smart(1), 6)
        check_equal(gaet_smart(100), 7)
    """)
    nb.mutant("smart", """
        lav = 1
        hoej = 100
        gaet = midten(lav, hoej)
        antal = 1
        while svar(hemmelig, gaet) != "rigtigt":
            if svar(hemmelig, gaet) == "for lavt":
                lav = gaet
            else:
                hoej = gaet
            gaet = midten(lav, hoej)
            antal = antal + 1
            if antal > 200:
                return antal
        return antal
    """, "test-smart", hidden_only=True)
    nb.mutant("smart", "return gaet_et_ad_gangen(hemmelig)", "test-smart")

    nb.md("""
        ## Opgave 5: Hvor mange gæt højst?

        Nu skal du finde ud af, hvor mange gæt en måde **højst** bruger, når tallet kan være alt
        fra 1 til 100. Skriv `flest_gaet(maade)`, der prøver alle hemmelige tal fra 1 til 100
        med funktionen `maade` og giver det største antal gæt tilbage.

        Det er algoritmen *"find den største"*: husk det største tal indtil nu, og skift det ud,
        hver gang du møder et større.

        Eksempel: `flest_gaet(gaet_et_ad_gangen)` giver `100`.
    """)
    nb.solution("flest", """
        def flest_gaet(maade):
            ### BEGIN SOLUTION
            stoerst = 0
            for hemmelig in range(1, 101):
                antal = maade(hemmelig)
                if antal > stoerst:
                    stoerst = antal
            return stoerst
            ### END SOLUTION

        print("Langsom:", flest_gaet(gaet_et_ad_gangen), "- smart:", flest_gaet(gaet_smart))
    """)
    nb.tests("test-flest", 2, """
        check_equal(flest_gaet(gaet_et_ad_gangen), 100)
    """, """
        check_equal(flest_gaet(gaet_smart), 7)
        check_equal(flest_gaet(lambda hemmelig: 3), 3)
    """)
    nb.mutant("flest", """
        stoerst = 0
        for hemmelig in range(1, 100):
            antal = maade(hemmelig)
            if antal > stoerst:
                stoerst = antal
        return stoerst
    """, "test-flest")
    nb.mutant("flest", "return 100", "test-flest", hidden_only=True)

    nb.md("""
        ## Opgave 6: Forklar det

        Den smarte måde bruger højst 7 gæt, den langsomme op til 100. Forklar med dine egne ord
        til en elev i 4. klasse, **hvorfor** den smarte måde er så meget hurtigere. Hvor bruger
        mennesker den samme idé (tænk på en ordbog, et telefonnummer eller en bog med sider)?
    """)
    nb.answer("svar-forklar", 2, """
        Den smarte måde smider halvdelen af tallene væk ved hvert gæt: efter første gæt er der
        højst 50 tal tilbage, så 25, 13, 7, 4, 2 og 1. Den langsomme smider kun ét tal væk ad
        gangen. Man gør det samme, når man slår op i en ordbog: man åbner i midten og ser, om
        ordet står før eller efter.
        (Til læreren: giv 1 point for "halvdelen væk hver gang" og 1 point for et eksempel fra
        hverdagen. Idéen kaldes binær søgning og kommer igen i 7. klasse.)
    """)
    return nb
