"""Grade 9: keys, brute force and password hashes - why length, hashing and salt matter."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g9-kryptering", "Nøgler, hash og hackere")
    nb.md("""
        # Nøgler, hash og hackere 🔐

        I 5. klasse knækkede du Cæsar-koden ved at prøve alle 29 nøgler. I dag ser du, hvordan rigtig
        it-sikkerhed forsvarer sig mod den slags angreb:

        1. **lange nøgler**, så der er alt for mange at prøve,
        2. **hash**, så en hjemmeside slet ikke gemmer din adgangskode,
        3. **salt**, så en hacker ikke kan knække alle koder på én gang.

        Undervejs spiller du hacker mod en (opdigtet) lækket database - og finder ud af, hvorfor
        "123456" er en rigtig dårlig adgangskode.
    """)
    nb.md(HOW_TO)
    nb.setup("""
        alfabet = "abcdefghijklmnopqrstuvwxyzæøå"

        def flyt_bogstav(bogstav, trin):
            # fra 5. klasse: flyt et bogstav trin pladser frem i alfabetet
            return alfabet[(alfabet.index(bogstav) + trin) % len(alfabet)]
    """)
    nb.md("""
        ## Opgave 1: Vigenère - Cæsar med et nøgleord

        Cæsar-koden flytter alle bogstaver lige langt. **Vigenère-koden** (fra 1500-tallet) bruger et
        nøgleord: første bogstav flyttes lige så langt, som nøglens første bogstav står i alfabetet
        (`a` = 0, `b` = 1, ...), andet bogstav efter nøglens andet bogstav, og så videre. Når nøglen er
        brugt op, starter man forfra i den. Tegn, der ikke er i alfabetet, bliver stående og bruger
        **ikke** et bogstav af nøglen.

        Eksempel med nøglen `"bc"`: `"aaa a"` bliver til `"bcb c"`.

        Skriv `vigenere(tekst, noegle)`.
    """)
    nb.solution("vigenere", """
        def vigenere(tekst, noegle):
            ### BEGIN SOLUTION
            ny = ""
            plads = 0
            for tegn in tekst:
                if tegn in alfabet:
                    trin = alfabet.index(noegle[plads % len(noegle)])
                    ny = ny + flyt_bogstav(tegn, trin)
                    plads = plads + 1
                else:
                    ny = ny + tegn
            return ny
            ### END SOLUTION

        print(vigenere("mød mig ved cykelskuret", "kode"))
    """)
    nb.tests("test-vigenere", 3, """
        check_equal(vigenere("aaa a", "bc"), "bcb c")
        check_equal(vigenere("hej", "a"), "hej")
    """, """
        check_equal(vigenere("hej", "b"), "ifk", "Med en nøgle på ét bogstav er det en Cæsar-kode.")
        check_equal(vigenere("abc abc", "abc"), "ace ace")
        check_equal(vigenere("å!å", "bb"), "a!a")
        check_equal(vigenere("", "kode"), "")
        check_equal(vigenere("mød mig ved cykelskuret", "kode"), "wmg qsu yin qøoozvobchx")
    """)
    nb.mutant("vigenere", """
        ny = ""
        for plads in range(len(tekst)):
            tegn = tekst[plads]
            if tegn in alfabet:
                ny = ny + flyt_bogstav(tegn, alfabet.index(noegle[plads % len(noegle)]))
            else:
                ny = ny + tegn
        return ny
    """, "test-vigenere")
    nb.mutant("vigenere", """
        ny = ""
        for tegn in tekst:
            if tegn in alfabet:
                ny = ny + flyt_bogstav(tegn, alfabet.index(noegle[0]))
            else:
                ny = ny + tegn
        return ny
    """, "test-vigenere")

    nb.md("""
        ## Opgave 2: Hvor lang tid tager det at prøve alle nøgler?

        Med et nøgleord på `laengde` bogstaver findes der `29 ** laengde` mulige nøgler.
        Skriv `aar_at_proeve_alle(laengde, forsoeg_pr_sekund)`, der giver, hvor mange **år** det tager
        at prøve dem alle. Et år har `60 * 60 * 24 * 365` sekunder.

        Kør cellen under testen: en almindelig computer kan prøve ca. en milliard (`10 ** 9`) nøgler i
        sekundet.
    """)
    nb.solution("aar", """
        def aar_at_proeve_alle(laengde, forsoeg_pr_sekund):
            ### BEGIN SOLUTION
            sekunder = 29 ** laengde / forsoeg_pr_sekund
            return sekunder / (60 * 60 * 24 * 365)
            ### END SOLUTION
    """)
    nb.tests("test-aar", 2, """
        check_close(aar_at_proeve_alle(1, 29 / (60 * 60 * 24 * 365)), 1.0)
    """, """
        et_aar = 60 * 60 * 24 * 365
        check_close(aar_at_proeve_alle(2, 29 * 29 / et_aar), 1.0)
        check_close(aar_at_proeve_alle(3, 29 / et_aar), 841.0)
        check_close(aar_at_proeve_alle(20, 10 ** 9) / 5.6124612e12, 1.0, 0.001)
    """)
    nb.mutant("aar", "return 29 * laengde / forsoeg_pr_sekund / (60 * 60 * 24 * 365)", "test-aar", hidden_only=True)
    nb.code("""
        for laengde in [1, 4, 8, 12, 16, 20]:
            print(f"{laengde:2} bogstaver: {aar_at_proeve_alle(laengde, 10 ** 9):.3g} år")
    """)
    nb.md("""
        ## Eksempel: Hash - en envejs-funktion

        En god hjemmeside gemmer ikke din adgangskode. Den gemmer en **hash**: et "fingeraftryk" af koden,
        lavet af en funktion, der er let at regne den ene vej og (næsten) umulig at regne baglæns. Når du
        logger ind, laver siden en hash af det, du skriver, og sammenligner med den gemte. Python har
        hash-funktionen SHA-256 i modulet `hashlib`:
    """)
    nb.code("""
        import hashlib
        print(hashlib.sha256("sommer".encode("utf-8")).hexdigest())
        print(hashlib.sha256("Sommer".encode("utf-8")).hexdigest())   # ét bogstav ændret - helt ny hash
    """)
    nb.md("""
        ## Opgave 3: Gem og tjek en adgangskode

        Skriv `hash_kode(kode)`, der giver SHA-256-hashen af koden som tekst (som i eksemplet), og
        `tjek_login(kode, gemt_hash)`, der giver `True`, hvis koden passer til den gemte hash.
    """)
    nb.solution("hash", """
        import hashlib

        def hash_kode(kode):
            ### BEGIN SOLUTION
            return hashlib.sha256(kode.encode("utf-8")).hexdigest()
            ### END SOLUTION
    """)
    nb.solution("tjek-login", """
        def tjek_login(kode, gemt_hash):
            ### BEGIN SOLUTION
            return hash_kode(kode) == gemt_hash
            ### END SOLUTION
    """)
    nb.tests("test-hash", 2, """
        check_equal(hash_kode("sommer")[:12], "3749ad2680c1")
        check_equal(tjek_login("sommer", hash_kode("sommer")), True)
    """, """
        import hashlib
        check_equal(hash_kode("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        check_equal(hash_kode("blåbær"), hashlib.sha256("blåbær".encode("utf-8")).hexdigest())
        check_equal(tjek_login("Sommer", hash_kode("sommer")), False)
        check_equal(tjek_login("", hash_kode("")), True)
    """)
    nb.mutant("hash", """
        return hashlib.sha256(kode.lower().encode("utf-8")).hexdigest()
    """, "test-hash", hidden_only=True)

    nb.md("""
        ## Opgave 4: Du er hackeren

        Hjemmesiden **SpilSnak** er blevet hacket, og databasen med brugernavne og hashes er lækket.
        Hackere har lister med millioner af almindelige adgangskoder. Skriv
        `knaek(laekket, ordliste)`: for hver kode i `ordliste` laver du hashen og ser, om den findes i
        den lækkede database. Giv en ordbog `{brugernavn: kode}` med alle de brugere, du knækkede.
    """)
    nb.setup("""
        import hashlib

        def _h(kode):
            return hashlib.sha256(kode.encode("utf-8")).hexdigest()

        # den lækkede database: brugernavn -> hash af adgangskoden
        laekket = {
            "gamerguy09": _h("123456"),
            "lille_my": _h("fodbold"),
            "mads.k": _h("Hest-Kaffe-Vindue-88"),
            "sofie2011": _h("123456"),
            "nikolaj": _h("qwerty"),
            "zara_z": _h("gul elefant cykler hurtigt"),
        }
        ordliste = ["password", "123456", "qwerty", "fodbold", "iloveyou", "sommer2024", "hejmeddig", "abc123"]
    """)
    nb.solution("knaek", """
        def knaek(laekket, ordliste):
            ### BEGIN SOLUTION
            fundet = {}
            for kode in ordliste:
                h = hash_kode(kode)
                for bruger in laekket:
                    if laekket[bruger] == h:
                        fundet[bruger] = kode
            return fundet
            ### END SOLUTION

        print(knaek(laekket, ordliste))
    """)
    nb.tests("test-knaek", 3, """
        check_equal(knaek({"a": hash_kode("qwerty")}, ["qwerty"]), {"a": "qwerty"})
    """, """
        check_equal(knaek(laekket, ordliste), {"gamerguy09": "123456", "sofie2011": "123456",
                                              "lille_my": "fodbold", "nikolaj": "qwerty"})
        check_equal(knaek(laekket, []), {})
        check_equal(knaek({"a": hash_kode("x"), "b": hash_kode("y")}, ["y", "z"]), {"b": "y"})
    """)
    nb.mutant("knaek", """
        fundet = {}
        for kode in ordliste:
            h = hash_kode(kode)
            for bruger in laekket:
                if laekket[bruger] == h and kode not in fundet.values():
                    fundet[bruger] = kode
        return fundet
    """, "test-knaek", hidden_only=True)

    nb.md("""
        ## Opgave 5: Salt

        Både `gamerguy09` og `sofie2011` havde samme hash - så hackeren så med det samme, at de har samme
        kode. Gode sider tilføjer et **salt**: en tilfældig tekst pr. bruger, som lægges foran koden, før
        hashen laves. Saltet gemmes ved siden af hashen. Skriv `hash_med_salt(kode, salt)`, der giver
        hashen af `salt + kode`.
    """)
    nb.solution("salt", """
        def hash_med_salt(kode, salt):
            ### BEGIN SOLUTION
            return hash_kode(salt + kode)
            ### END SOLUTION

        print(hash_med_salt("123456", "x7Qp"))
        print(hash_med_salt("123456", "M2ka"))
    """)
    nb.tests("test-salt", 2, """
        check_true(hash_med_salt("123456", "x7Qp") != hash_med_salt("123456", "M2ka"),
                   "Samme kode med forskelligt salt skal give forskellige hashes.")
    """, """
        check_equal(hash_med_salt("123456", "x7Qp"), hash_kode("x7Qp123456"))
        check_equal(hash_med_salt("kat", ""), hash_kode("kat"))
        check_true(hash_med_salt("ab", "c") != hash_med_salt("c", "ab"), "Saltet skal stå foran koden.")
    """)
    nb.mutant("salt", "return hash_kode(kode + salt)", "test-salt", hidden_only=True)
    nb.mutant("salt", "return hash_kode(kode)", "test-salt")

    nb.md("""
        ## Opgave 6: Hvad betyder det for dig?

        Forklar med dine egne ord, hvorfor en hjemmeside skal gemme hashes med salt i stedet for
        adgangskoder. Hvorfor blev nogle af brugerne i SpilSnak knækket og andre ikke? Hvad skal du gøre,
        når du hører, at en tjeneste, du bruger, er blevet hacket?
    """)
    nb.answer("svar-hash", 3, """
        Hvis siden gemmer koderne direkte, kan en hacker, der stjæler databasen, logge ind som alle -
        og prøve koderne på andre sider. En hash kan ikke regnes baglæns, så hackeren må gætte koder og
        sammenligne hashes. Saltet gør, at ens koder får forskellige hashes, så hackeren skal gætte for
        hver bruger for sig. Brugerne med 123456, fodbold og qwerty blev knækket, fordi koderne står på
        listerne over almindelige koder; de lange, tilfældige koder blev ikke. Hvis en tjeneste er hacket,
        skal jeg skifte koden dér og alle steder, hvor jeg har brugt den samme, og slå totrinsbekræftelse til.
        (Til læreren: 1 point for hash vs. klartekst, 1 for hvorfor almindelige koder knækkes/salt,
        1 for hvad man selv gør.)
    """)
    nb.md("""
        ## Opgave 7: Skal politiet kunne læse med?

        Beskedapps krypterer beskeder, så kun afsender og modtager kan læse dem. I EU har politikere
        foreslået, at beskeder skal kunne scannes for at finde kriminalitet (forslaget kaldes
        "chatkontrol"). Giv mindst ét argument for og ét imod, og skriv, hvad du selv mener - og hvorfor.
    """)
    nb.answer("svar-chatkontrol", 3, """
        For: Politiet kan lettere finde folk, der deler overgrebsbilleder af børn eller planlægger
        terror, og beskytte ofre. Imod: Hvis beskederne kan scannes, er krypteringen svækket for alle;
        en bagdør kan også bruges af hackere eller af en regering, der vil overvåge journalister og
        kritikere, og alle bliver mistænkt uden grund. Scanninger tager også fejl og kan ramme
        uskyldige. Jeg mener, at man ikke skal scanne alles beskeder, men give politiet bedre muligheder
        for at efterforske konkrete mistænkte med en dommerkendelse, fordi privatliv er en grundlæggende
        rettighed i et demokrati.
        (Til læreren: 1 point for et argument for, 1 for et imod, 1 for et begrundet standpunkt.
        Alle standpunkter kan give fuldt point.)
    """)
    return nb
