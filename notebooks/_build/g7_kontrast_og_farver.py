"""Grade 7: can everyone see it? Compute WCAG contrast ratios for a game's colours."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g7-kontrast-og-farver", "Kan alle se det? Farver og kontrast")
    nb.md("""
        # Kan alle se det? Farver og kontrast 🎨

        Grå tekst på hvid baggrund ser måske smart ud - men mange kan ikke læse den: folk med nedsat
        syn, ældre, og alle der sidder med en mobil i solskin. Derfor siger **webtilgængelighedsloven**,
        at offentlige hjemmesider i Danmark skal følge reglerne i **WCAG**. En af reglerne handler om
        **kontrast**: hvor stor forskel der er på lysstyrken af to farver.

        * almindelig tekst skal have et kontrastforhold på mindst **4,5** (skrives 4,5:1),
        * stor tekst og vigtige figurer (fx i et spil) mindst **3**.

        I dag bygger du en kontrast-tjekker og bruger den på farverne i et platformspil.
    """)
    nb.md(HOW_TO)
    nb.md("""
        ## Eksempel: Farver er tal

        En farve på skærmen blandes af rødt, grønt og blåt lys, hver med et tal fra 0 til 255 - ligesom
        i Pygame Zero, hvor `(255, 0, 0)` er rød. På nettet skrives farver ofte som **hex-koder**:
        `"#ff8800"` betyder rød `ff`, grøn `88` og blå `00`. Hex er tal med 16 cifre (0-9 og a-f), og
        `int("ff", 16)` laver dem om til almindelige tal.
    """)
    nb.code("""
        print(int("ff", 16), int("88", 16), int("00", 16))   # 255 136 0
        farve = "#ff8800"
        print(farve[1:3], farve[3:5], farve[5:7])
    """)
    nb.md("""
        ## Opgave 1: Fra hex til RGB

        Skriv `hex_til_rgb(hexkode)`, der giver en tupel med tre heltal `(rød, grøn, blå)`.
        Eksempel: `hex_til_rgb("#ff8800")` giver `(255, 136, 0)`. Store og små bogstaver skal
        begge virke (`"#FF8800"`).
    """)
    nb.solution("hex-til-rgb", """
        def hex_til_rgb(hexkode):
            ### BEGIN SOLUTION
            return (int(hexkode[1:3], 16), int(hexkode[3:5], 16), int(hexkode[5:7], 16))
            ### END SOLUTION
    """)
    nb.tests("test-hex-til-rgb", 2, """
        check_equal(hex_til_rgb("#ff8800"), (255, 136, 0))
    """, """
        check_equal(hex_til_rgb("#000000"), (0, 0, 0))
        check_equal(hex_til_rgb("#FFFFFF"), (255, 255, 255))
        check_equal(hex_til_rgb("#1a2B3c"), (26, 43, 60))
        check_equal(hex_til_rgb("#0000ff"), (0, 0, 255))
    """)
    nb.mutant("hex-til-rgb", "return (int(hexkode[1:3], 16), int(hexkode[3:5], 16), 0)", "test-hex-til-rgb", hidden_only=True)
    nb.mutant("hex-til-rgb", "return [int(hexkode[1:3], 16), int(hexkode[3:5], 16), int(hexkode[5:7], 16)]", "test-hex-til-rgb")

    nb.md("""
        ## Opgave 2: Hvor lys er farven?

        Øjet er mest følsomt for grønt og mindst for blåt. WCAG regner en farves **lysstyrke** (et tal
        fra 0 for sort til 1 for hvid) sådan:

        1. hver af de tre værdier laves om med funktionen `lineaer` herunder (den er givet),
        2. lysstyrke = 0,2126 · rød + 0,7152 · grøn + 0,0722 · blå.

        Skriv `lysstyrke(rgb)`, der får en tupel `(rød, grøn, blå)` og giver lysstyrken.
        (I Python skrives kommatal med punktum: `0.2126`.)
    """)
    nb.setup("""
        def lineaer(vaerdi):
            # WCAG's formel: skærmens tal (0-255) laves om til, hvor meget lys der faktisk kommer ud
            c = vaerdi / 255
            if c <= 0.04045:
                return c / 12.92
            return ((c + 0.055) / 1.055) ** 2.4
    """)
    nb.solution("lysstyrke", """
        def lysstyrke(rgb):
            ### BEGIN SOLUTION
            roed, groen, blaa = rgb
            return 0.2126 * lineaer(roed) + 0.7152 * lineaer(groen) + 0.0722 * lineaer(blaa)
            ### END SOLUTION

        print(lysstyrke((255, 255, 255)), lysstyrke((0, 0, 0)), lysstyrke((0, 255, 0)))
    """)
    nb.tests("test-lysstyrke", 2, """
        check_close(lysstyrke((255, 255, 255)), 1.0)
        check_close(lysstyrke((0, 0, 0)), 0.0)
    """, """
        check_close(lysstyrke((0, 255, 0)), 0.7152)
        check_close(lysstyrke((0, 0, 255)), 0.0722)
        check_close(lysstyrke((119, 119, 119)), 0.18447, 0.0001)
        check_close(lysstyrke((255, 136, 0)), 0.38868, 0.0001)
    """)
    nb.mutant("lysstyrke", """
        roed, groen, blaa = rgb
        return (lineaer(roed) + lineaer(groen) + lineaer(blaa)) / 3
    """, "test-lysstyrke", hidden_only=True)
    nb.mutant("lysstyrke", """
        roed, groen, blaa = rgb
        return 0.2126 * roed / 255 + 0.7152 * groen / 255 + 0.0722 * blaa / 255
    """, "test-lysstyrke", hidden_only=True)

    nb.md("""
        ## Opgave 3: Kontrastforholdet

        Kontrastforholdet mellem to farver er `(L1 + 0.05) / (L2 + 0.05)`, hvor `L1` er lysstyrken af
        den **lyseste** farve og `L2` af den **mørkeste**. Det giver et tal fra 1 (ingen forskel) til 21
        (sort på hvid). Skriv `kontrast(hex1, hex2)`, der får to hex-koder. Rækkefølgen må ikke betyde
        noget. Tip: `max` og `min`.
    """)
    nb.solution("kontrast", """
        def kontrast(hex1, hex2):
            ### BEGIN SOLUTION
            l1 = lysstyrke(hex_til_rgb(hex1))
            l2 = lysstyrke(hex_til_rgb(hex2))
            return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
            ### END SOLUTION

        print(round(kontrast("#000000", "#ffffff"), 2))
        print(round(kontrast("#777777", "#ffffff"), 2))
    """)
    nb.tests("test-kontrast", 2, """
        check_close(kontrast("#000000", "#ffffff"), 21.0)
    """, """
        check_close(kontrast("#ffffff", "#000000"), 21.0, message="Rækkefølgen må ikke betyde noget.")
        check_close(kontrast("#777777", "#ffffff"), 4.478, 0.001)
        check_close(kontrast("#ffffff", "#777777"), 4.478, 0.001)
        check_close(kontrast("#ff8800", "#ff8800"), 1.0)
        check_close(kontrast("#0000ff", "#ffff00"), 8.0, 0.01)
    """)
    nb.mutant("kontrast", """
        l1 = lysstyrke(hex_til_rgb(hex1))
        l2 = lysstyrke(hex_til_rgb(hex2))
        return (l2 + 0.05) / (l1 + 0.05)
    """, "test-kontrast", hidden_only=True)
    nb.mutant("kontrast", """
        l1 = lysstyrke(hex_til_rgb(hex1))
        l2 = lysstyrke(hex_til_rgb(hex2))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05) if l1 != l2 else 21.0
    """, "test-kontrast", hidden_only=True)

    nb.md("""
        ## Opgave 4: Godkendt eller ej?

        Skriv `godkendt(hex1, hex2, stor)`. `stor` er `True` for stor tekst og figurer (grænsen er 3) og
        `False` for almindelig tekst (grænsen er 4,5). Giv `True`, hvis kontrasten er mindst grænsen,
        ellers `False`.
    """)
    nb.solution("godkendt", """
        def godkendt(hex1, hex2, stor):
            ### BEGIN SOLUTION
            if stor:
                graense = 3
            else:
                graense = 4.5
            return kontrast(hex1, hex2) >= graense
            ### END SOLUTION
    """)
    nb.tests("test-godkendt", 2, """
        check_equal(godkendt("#000000", "#ffffff", False), True)
        check_equal(godkendt("#777777", "#ffffff", False), False)
    """, """
        check_equal(godkendt("#777777", "#ffffff", True), True, "Stor tekst og figurer skal kun have 3.")
        check_equal(godkendt("#ff8800", "#ffffff", True), False)
        check_equal(godkendt("#ffff00", "#ffffff", True), False)
        check_equal(godkendt("#767676", "#ffffff", False), True)
    """)
    nb.mutant("godkendt", "return kontrast(hex1, hex2) >= 4.5", "test-godkendt", hidden_only=True)
    nb.mutant("godkendt", """
        if stor:
            graense = 3
        else:
            graense = 4.5
        return kontrast(hex1, hex2) > graense + 0.1
    """, "test-godkendt", hidden_only=True)

    nb.md("""
        ## Opgave 5: Tjek spillets farver

        Her er farverne fra et platformspil. Figurerne bliver tegnet på baggrunden, så de skal have en
        kontrast på mindst 3 til den. Skriv `for_svage(palet, baggrund)`, der giver en **sorteret** liste
        med navnene på de farver i `palet` (en ordbog navn -> hex-kode), der ikke er godkendt mod
        `baggrund` som store figurer.
    """)
    nb.setup("""
        palet = {
            "figur": "#e04040",
            "platform": "#5a8f3c",
            "stjerne": "#ffd700",
            "fjende": "#4b0082",
            "hjerte": "#ff69b4",
            "skrift": "#ffffff",
        }
        baggrund = "#87ceeb"   # lyseblå himmel
    """)
    nb.solution("for-svage", """
        def for_svage(palet, baggrund):
            ### BEGIN SOLUTION
            navne = []
            for navn in palet:
                if not godkendt(palet[navn], baggrund, True):
                    navne.append(navn)
            return sorted(navne)
            ### END SOLUTION

        for navn in palet:
            print(f"{navn:9} {palet[navn]}  kontrast {kontrast(palet[navn], baggrund):5.2f}")
        print("For svage:", for_svage(palet, baggrund))
    """)
    nb.tests("test-for-svage", 2, """
        check_true(type(for_svage(palet, baggrund)) is list, "for_svage skal give en liste.")
    """, """
        check_equal(for_svage(palet, baggrund), ["figur", "hjerte", "platform", "skrift", "stjerne"])
        check_equal(for_svage(palet, "#000000"), ["fjende"])
        check_equal(for_svage({}, "#ffffff"), [])
        check_equal(for_svage({"graa": "#777777"}, "#ffffff"), [], "Figurer skal kun have kontrast 3.")
        check_equal(for_svage({"b": "#eeeeee", "a": "#000000", "c": "#ffffff"}, "#ffffff"), ["b", "c"])
    """)
    nb.mutant("for-svage", """
        navne = []
        for navn in palet:
            if not godkendt(palet[navn], baggrund, False):
                navne.append(navn)
        return sorted(navne)
    """, "test-for-svage", hidden_only=True)
    nb.mutant("for-svage", """
        navne = []
        for navn in palet:
            if not godkendt(palet[navn], baggrund, True):
                navne.append(navn)
        return navne
    """, "test-for-svage", hidden_only=True)

    nb.md("""
        ## Opgave 6: Hvem har gavn af det?

        Næsten alle spillets farver er for svage mod den lyseblå himmel. Hvad ville du ændre - farverne,
        baggrunden eller noget helt tredje (fx en mørk kant om figurerne)? Hvem har gavn af god kontrast?
        Loven gælder for offentlige hjemmesider, men ikke for spil og apps fra private firmaer. Burde den
        det? Begrund dit svar.
    """)
    nb.answer("svar-kontrast", 3, """
        Jeg ville gøre himlen mørkere (fx mørkeblå nat) eller give figurerne en sort kant, så de skiller
        sig ud uanset farve - så kan jeg beholde de glade farver. God kontrast hjælper folk med nedsat
        syn, ældre, farveblinde og alle, der spiller på en mobil i solen - altså næsten alle. Jeg synes,
        at store apps og spil også burde følge reglerne, fordi mange ting i hverdagen (bank, transport,
        skole) foregår i private apps, og så bliver nogen udelukket. Men for små hobbyspil ville det
        være for dyrt at kræve, så der kunne være en grænse.
        (Til læreren: 1 point for et konkret designforslag, 1 for hvem der har gavn af det, 1 for et
        begrundet standpunkt om loven.)
    """)
    return nb
