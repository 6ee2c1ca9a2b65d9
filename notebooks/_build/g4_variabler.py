"""Grade 4: the first notebook - print, numbers, text and variables, before any function.

Why it exists: the year used to open with def/return, so pupils met "a machine that gets a
value in" before they knew what a named value is. Here a variable is a labelled box, it can be
changed (point = point + 1), and copying a value is not linking two boxes. Three PRIMM
predictions ("gæt først, kør bagefter") probe the classic misconceptions.
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g4-variabler", "Variabler: computeren husker")
    nb.md("""
        # Variabler: computeren husker 📦

        I dag skriver du dine første programmer i **Python**. Et program er en række
        ordrer, som computeren udfører én ad gangen, oppefra og ned.

        Du lærer, hvordan computeren **husker** ting: et tal, et navn, et antal point.
        Det gør den i **variabler** - små kasser med et navn på.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel 1: Få computeren til at skrive

        `print(...)` skriver noget under cellen. Tekst skal stå i anførselstegn `"..."`,
        tal skal ikke. Klik i cellen og tryk **Shift + Enter**.
    """)
    nb.code("""
        print("Hej fra Python!")
        print(7 + 5)
        print("7 + 5")
    """)
    nb.md("""
        Læg mærke til forskellen på de to sidste linjer: uden anførselstegn **regner** computeren,
        med anførselstegn skriver den bare teksten af.

        Prøv at fjerne det sidste anførselstegn i første linje og kør igen. Så får du en
        **fejlbesked**. Læs den sidste linje - den fortæller, hvad computeren ikke forstod.
        Sæt anførselstegnet tilbage. Fejl er helt normale, når man programmerer!
    """)
    nb.md("""
        ## Eksempel 2: En variabel er en kasse med et navn

        `navn = "Ida"` betyder: *læg teksten "Ida" i kassen, der hedder* `navn`.
        Lighedstegnet betyder altså "læg i" - ikke "er lig med" som i matematik.
        Bagefter kan du bruge navnet, og computeren kigger i kassen.
    """)
    nb.code("""
        navn = "Ida"
        alder = 10
        print(navn, "er", alder, "år")
        print("Om fem år er", navn, alder + 5, "år")
    """)

    nb.md("""
        ## Opgave 1: Dine egne kasser

        Lav to variabler:
        * `yndlingsdyr` med navnet på dit yndlingsdyr (tekst i anførselstegn),
        * `antal_ben` med, hvor mange ben dyret har (et tal uden anførselstegn).

        Kør cellen, så skriver den en sætning om dyret.
    """)
    nb.solution("mine-variabler", """
        ### BEGIN SOLUTION
        yndlingsdyr = "hund"
        antal_ben = 4
        ### END SOLUTION
        print("Mit yndlingsdyr er en", yndlingsdyr, "med", antal_ben, "ben.")
    """)
    nb.tests("test-mine-variabler", 2, """
        check_true(type(yndlingsdyr) is str and len(yndlingsdyr) > 0, 'yndlingsdyr skal være en tekst i anførselstegn, fx "kat".')
        check_true(type(antal_ben) is int, "antal_ben skal være et helt tal uden anførselstegn, fx 4.")
    """, """
        check_true(0 <= antal_ben <= 1000, "Så mange ben har intet dyr - tjek tallet.")
        check_true(yndlingsdyr.strip() != "", "Skriv navnet på dyret mellem anførselstegnene.")
    """)
    nb.mutant("mine-variabler", 'yndlingsdyr = "hund"\nantal_ben = "4"', "test-mine-variabler")
    nb.mutant("mine-variabler", 'yndlingsdyr = "hund"\nantal_ben = -4', "test-mine-variabler", hidden_only=True)

    nb.md("""
        ## 🔮 Gæt først: Hvad skriver programmet?

        Læs programmet herunder, men **kør det ikke endnu**.

        ```python
        point = 5
        point = point + 3
        print(point)
        ```

        Skriv dit gæt i cellen nedenfor som `gaet_1 = ...` (et tal), og kør den og test-cellen.
        Kør derefter programmet i cellen under testen. Passede dit gæt?
    """)
    nb.guess("gaet-1", 1, "gaet_1", 8, 53)
    nb.code("""
        point = 5
        point = point + 3
        print(point)
    """)
    nb.md("""
        `point = point + 3` læses fra højre mod venstre: *tag det, der ligger i kassen* `point`
        *(5), læg 3 til, og læg resultatet (8) tilbage i kassen.* Det gamle tal er væk.
        Sådan tæller man point i et spil.
    """)

    nb.md("""
        ## Opgave 2: Sparegrisen

        Du har 20 kr. i sparegrisen. Skriv to linjer, der ændrer variablen `penge`:
        1. Du får 15 kr. i lommepenge.
        2. Du køber en is til 12 kr.

        Brug `penge = penge + ...` og `penge = penge - ...` - skriv ikke selv facit.
    """)
    nb.solution("sparegris", """
        penge = 20
        ### BEGIN SOLUTION
        penge = penge + 15
        penge = penge - 12
        ### END SOLUTION
        print("Nu har du", penge, "kr.")
    """)
    nb.tests("test-sparegris", 2, """
        check_equal(penge, 23, "Efter lommepenge og is skal der være 23 kr. i sparegrisen.")
    """, """
        check_true(type(penge) is int, "penge skal være et helt tal.")
    """)
    nb.mutant("sparegris", "penge = penge + 15\npenge = penge + 12", "test-sparegris")
    nb.mutant("sparegris", "penge = 15 - 12", "test-sparegris")

    nb.md("""
        ## 🔮 Gæt først: To kasser

        Læs programmet, men kør det ikke endnu. Hvad skriver det?

        ```python
        a = 3
        b = a
        a = 10
        print(b)
        ```

        Skriv dit gæt som `gaet_2 = ...`, kør test-cellen og derefter programmet.
    """)
    nb.guess("gaet-2", 1, "gaet_2", 3, 10)
    nb.code("""
        a = 3
        b = a
        a = 10
        print(b)
    """)
    nb.md("""
        `b = a` lægger en **kopi** af tallet 3 i kassen `b`. Når `a` senere får et nyt tal,
        ændrer det ikke `b`. Kasserne er ikke bundet sammen.
    """)

    nb.md("""
        ## Opgave 3: Byt om på kopperne

        I kop 1 er der saft, og i kop 2 er der mælk. Du skal bytte om, så der er mælk i kop 1
        og saft i kop 2. Men du kan ikke hælde saft over i en kop, der allerede er fuld!

        Tip: Brug en tredje, tom kop, `tom_kop`, til at holde det ene indhold, mens du flytter.
        Skriv ikke `"saft"` eller `"mælk"` i dine linjer - brug kun variablerne.
    """)
    nb.solution("byt-om", """
        kop_1 = "saft"
        kop_2 = "mælk"
        ### BEGIN SOLUTION
        tom_kop = kop_1
        kop_1 = kop_2
        kop_2 = tom_kop
        ### END SOLUTION
        print("Kop 1:", kop_1, "- kop 2:", kop_2)
    """)
    nb.tests("test-byt-om", 2, """
        check_equal(kop_1, "mælk", "Der skal være mælk i kop 1.")
        check_equal(kop_2, "saft", "Der skal være saft i kop 2.")
    """, """
        check_true(kop_1 != kop_2, "De to kopper må ikke have samme indhold bagefter.")
    """)
    nb.mutant("byt-om", "kop_1 = kop_2\nkop_2 = kop_1", "test-byt-om")
    nb.mutant("byt-om", "kop_2 = kop_1\nkop_1 = kop_2", "test-byt-om")

    nb.md("""
        ## Opgave 4: Et navneskilt

        Med `+` kan du sætte tekster sammen. Lav variablen `skilt`, så der står fornavn, et
        mellemrum og efternavn - brug variablerne `fornavn` og `efternavn`.

        Eksempel: Med fornavn `"Ida"` og efternavn `"Holm"` skal `skilt` være `"Ida Holm"`.
    """)
    nb.solution("skilt", """
        fornavn = "Ida"
        efternavn = "Holm"
        ### BEGIN SOLUTION
        skilt = fornavn + " " + efternavn
        ### END SOLUTION
        print(skilt)
    """)
    nb.tests("test-skilt", 2, """
        check_equal(skilt, "Ida Holm", "Skiltet skal være fornavn, et mellemrum og efternavn.")
    """, """
        check_true(skilt.count(" ") == 1, "Der skal være præcis ét mellemrum på skiltet.")
    """)
    nb.mutant("skilt", "skilt = fornavn + efternavn", "test-skilt")
    nb.mutant("skilt", 'skilt = "fornavn efternavn"', "test-skilt")

    nb.md("""
        ## 🔮 Gæt først: Tal eller tekst?

        Læs programmet, men kør det ikke endnu. Hvad skriver det?

        ```python
        print("3" + "4")
        ```

        Skriv dit gæt som **tekst** i anførselstegn: `gaet_3 = "..."`.
    """)
    nb.guess("gaet-3", 1, "gaet_3", "34", "7")
    nb.code("""
        print("3" + "4")
        print(3 + 4)
    """)
    nb.md("""
        `"3"` er ikke et tal, men en tekst, der tilfældigvis ligner et tal. `+` sætter tekster
        sammen og lægger tal sammen. Derfor giver `"3" + "4"` teksten `"34"`.

        ## Legeplads 🛝

        Lav dine egne variabler her. Idéer:
        * en variabel `dage` med din alder ganget med 365,
        * en tekst, der siger hej til din makker med hans eller hendes navn.
    """)
    nb.code("""
        # Skriv dine egne variabler her
    """)
    return nb
