"""Grade 6: a password-strength checker - string tests, functions, and what rules miss."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g6-adgangskoder", "Er din adgangskode stærk?")
    nb.md("""
        # Er din adgangskode stærk? 🔑

        Når du laver en ny konto, siger hjemmesiden tit *"Din adgangskode er svag"*. Men hvordan
        ved den det? Der sidder et lille program, en **adgangskode-tjekker**, og følger nogle regler.

        I dag bygger du din egen tjekker - og bagefter finder du ud af, hvor den tager fejl.

        ⚠️ **Skriv aldrig din rigtige adgangskode her.** Brug opdigtede koder.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel: Har koden et tal?

        En tekst kan gennemløbes tegn for tegn med en `for`-løkke. `tegn.isdigit()` er `True`,
        hvis tegnet er et ciffer (0-9). Så snart vi finder ét tal, kan funktionen svare `True`.
        Finder løkken intet, svarer den `False` til sidst.
    """)
    nb.code("""
        def har_tal(kode):
            for tegn in kode:
                if tegn.isdigit():
                    return True
            return False

        print(har_tal("hest"))       # False
        print(har_tal("hest7"))      # True
    """)
    nb.md("""
        ## Opgave 1: Store bogstaver

        Skriv `har_stort_bogstav(kode)`, der svarer `True`, hvis koden har mindst ét stort bogstav,
        og ellers `False`. Tip: `tegn.isupper()` er `True` for store bogstaver - også Æ, Ø og Å.
    """)
    nb.solution("stort-bogstav", """
        def har_stort_bogstav(kode):
            ### BEGIN SOLUTION
            for tegn in kode:
                if tegn.isupper():
                    return True
            return False
            ### END SOLUTION
    """)
    nb.tests("test-stort-bogstav", 1, """
        check_equal(har_stort_bogstav("Hest"), True)
        check_equal(har_stort_bogstav("hest"), False)
    """, """
        check_equal(har_stort_bogstav("hestE"), True, "Det store bogstav kan også stå til sidst.")
        check_equal(har_stort_bogstav("Østers"), True)
        check_equal(har_stort_bogstav("123!"), False)
        check_equal(har_stort_bogstav(""), False)
    """)
    nb.mutant("stort-bogstav", "return kode[0].isupper()", "test-stort-bogstav", hidden_only=True)

    nb.md("""
        ## Opgave 2: Specialtegn

        Et specialtegn er et tegn, der hverken er et bogstav eller et tal, fx `!`, `#`, `-` eller
        mellemrum. Skriv `har_specialtegn(kode)`.
        Tip: `tegn.isalnum()` er `True` for bogstaver og tal - og `not` vender det om.
    """)
    nb.solution("specialtegn", """
        def har_specialtegn(kode):
            ### BEGIN SOLUTION
            for tegn in kode:
                if not tegn.isalnum():
                    return True
            return False
            ### END SOLUTION
    """)
    nb.tests("test-specialtegn", 1, """
        check_equal(har_specialtegn("hej!"), True)
        check_equal(har_specialtegn("hej"), False)
    """, """
        check_equal(har_specialtegn("gul-bil"), True)
        check_equal(har_specialtegn("to ord"), True, "Et mellemrum tæller også som specialtegn.")
        check_equal(har_specialtegn("Blåbær2024"), False, "Æ, ø og å er bogstaver, ikke specialtegn.")
        check_equal(har_specialtegn(""), False)
    """)
    nb.mutant("specialtegn", """
        for tegn in kode:
            if tegn in "!?#-":
                return True
        return False
    """, "test-specialtegn", hidden_only=True)
    nb.mutant("specialtegn", """
        for tegn in kode:
            if not (tegn.isdigit() or tegn in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"):
                return True
        return False
    """, "test-specialtegn", hidden_only=True)

    nb.md("""
        ## Opgave 3: Giv point

        Nu samler vi det hele. Skriv `point(kode)`, der giver koden point efter disse regler:

        | Regel | Point |
        |---|---|
        | mindst 8 tegn lang | +1 |
        | mindst 12 tegn lang | +1 (ekstra) |
        | har et tal | +1 |
        | har et stort bogstav | +1 |
        | har et specialtegn | +1 |

        Men: står koden (med små bogstaver) på listen `almindelige`, er den så kendt, at den
        **altid får 0 point**. Tip: `kode.lower()` laver alle bogstaver små.
    """)
    nb.setup("""
        # Nogle af de mest brugte adgangskoder i verden - hackere prøver dem først.
        almindelige = ["123456", "password", "12345678", "qwerty", "123456789", "abc123",
                       "password1", "iloveyou", "fodbold", "sommer2024", "hejmeddig", "1234"]
    """)
    nb.solution("point", """
        def point(kode):
            ### BEGIN SOLUTION
            if kode.lower() in almindelige:
                return 0
            p = 0
            if len(kode) >= 8:
                p = p + 1
            if len(kode) >= 12:
                p = p + 1
            if har_tal(kode):
                p = p + 1
            if har_stort_bogstav(kode):
                p = p + 1
            if har_specialtegn(kode):
                p = p + 1
            return p
            ### END SOLUTION

        print(point("Hest"), point("Hestehoved7!"), point("Password1"))
    """)
    nb.tests("test-point", 3, """
        check_equal(point("hest"), 0)
        check_equal(point("Hest"), 1)
        check_equal(point("hestehoved"), 1)
    """, """
        check_equal(point("Hestehoved7!"), 5)
        check_equal(point("hestehovedet"), 2, "12 tegn giver både pointet for 8 og for 12 tegn.")
        check_equal(point("kat7"), 1)
        check_equal(point("kat!"), 1)
        check_equal(point("Password1"), 0, "Kendte koder giver 0 point - også med store bogstaver.")
        check_equal(point("FODBOLD"), 0)
        check_equal(point("fodbold1"), 2)
        check_equal(point(""), 0)
    """)
    nb.mutant("point", """
        p = 0
        if len(kode) >= 8:
            p = p + 1
        if len(kode) >= 12:
            p = p + 1
        if har_tal(kode):
            p = p + 1
        if har_stort_bogstav(kode):
            p = p + 1
        if har_specialtegn(kode):
            p = p + 1
        return p
    """, "test-point", hidden_only=True)
    nb.mutant("point", """
        if kode in almindelige:
            return 0
        p = 0
        if len(kode) >= 8:
            p = p + 1
        if len(kode) >= 12:
            p = p + 1
        if har_tal(kode):
            p = p + 1
        if har_stort_bogstav(kode):
            p = p + 1
        if har_specialtegn(kode):
            p = p + 1
        return p
    """, "test-point", hidden_only=True)
    nb.mutant("point", """
        if kode.lower() in almindelige:
            return 0
        p = 0
        if len(kode) >= 8:
            p = p + 1
        elif len(kode) >= 12:
            p = p + 1
        if har_tal(kode):
            p = p + 1
        if har_stort_bogstav(kode):
            p = p + 1
        if har_specialtegn(kode):
            p = p + 1
        return p
    """, "test-point", hidden_only=True)

    nb.md("""
        ## Opgave 4: Svag, middel eller stærk?

        Skriv `vurdering(kode)`, der bruger `point` og svarer med en tekst:
        `"svag"` ved 0-2 point, `"middel"` ved 3 point og `"stærk"` ved 4 eller 5 point.
    """)
    nb.solution("vurdering", """
        def vurdering(kode):
            ### BEGIN SOLUTION
            p = point(kode)
            if p <= 2:
                return "svag"
            if p == 3:
                return "middel"
            return "stærk"
            ### END SOLUTION

        for kode in ["hest", "Hestehoved", "Hestehoved7!", "gul elefant cykler hurtigt", "Sommer2024!"]:
            print(kode, "->", point(kode), "point:", vurdering(kode))
    """)
    nb.tests("test-vurdering", 2, """
        check_equal(vurdering("hest"), "svag")
        check_equal(vurdering("Hestehoved7!"), "stærk")
    """, """
        check_equal(vurdering("Hestehoved7"), "middel")
        check_equal(vurdering("Hestehovedet7"), "stærk")
        check_equal(vurdering("Hestehoved"), "svag")
        check_equal(vurdering("Hestehovedet"), "middel")
        check_equal(vurdering("hestehoved7!"), "stærk")
        check_equal(vurdering("123456"), "svag")
    """)
    nb.mutant("vurdering", """
        p = point(kode)
        if p < 2:
            return "svag"
        if p < 4:
            return "middel"
        return "stærk"
    """, "test-vurdering", hidden_only=True)

    nb.md("""
        ## Opgave 5: Hvor tager tjekkeren fejl?

        Se på udskriften fra opgave 4.

        * `Sommer2024!` får mange point. Er den i virkeligheden svær at gætte? Tænk på, hvordan en
          person, der kender dig, eller et program, der prøver almindelige mønstre, ville gætte.
        * `gul elefant cykler hurtigt` får færre point. Er den nem at gætte?

        Forklar med dine egne ord, hvad der gør en adgangskode god, og hvad tjekkerens regler
        ikke kan se. Skriv 3-5 sætninger.
    """)
    nb.answer("svar-fejl", 3, """
        Sommer2024! følger alle reglerne, men den er et almindeligt mønster: et ord, et årstal og et
        udråbstegn til sidst. Programmer, der gætter koder, prøver netop den slags først.
        'gul elefant cykler hurtigt' er lang og består af fire tilfældige ord, så der er
        utroligt mange muligheder, selvom den ikke har tal og store bogstaver. Tjekkeren tæller
        kun tegntyper og længde; den kan ikke se, om koden er forudsigelig eller handler om dig
        (fx dit kæledyrs navn). En god kode er lang, tilfældig og bruges kun ét sted.
        (Til læreren: 1 point for hvert af: Sommer2024! er forudsigelig, lange kodesætninger er
        stærke, reglerne ser ikke mønstre/personlige oplysninger.)
    """)
    return nb
