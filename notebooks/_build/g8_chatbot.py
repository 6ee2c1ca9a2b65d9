"""Grade 8: a rule-based school chatbot - string handling, state, and what 'understanding' means."""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g8-chatbot", "Byg en chatbot")
    nb.md("""
        # Byg en chatbot 🤖

        Mange hjemmesider har en chatbot, der svarer på spørgsmål. Nogle er store AI-modeller, men
        mange er bygget af helt almindelige **regler**: *"Hvis beskeden indeholder ordet 'ferie', så
        svar med feriedatoerne."*

        I dag bygger du **Skolebotten**, der svarer elever på spørgsmål om skolen. Bagefter
        undersøger du, om den *forstår* noget - og hvad det betyder for, hvordan vi skal bruge chatbots.
    """)
    nb.md(HOW_TO)
    nb.setup("""
        STANDARD = "Det forstår jeg ikke. Prøv at spørge på en anden måde, eller spørg en voksen."

        regler = [
            (["mad", "frokost", "kantine", "kantinen", "sulten"], "Kantinen har åbent kl. 11.30-12.15. I dag: pasta med kødsovs."),
            (["ferie", "ferien", "fri", "vinterferie"], "Vinterferien er i uge 7."),
            (["syg", "ondt", "sundhedsplejerske"], "Gå til kontoret, så ringer de til dine forældre. Sundhedsplejersken er her om tirsdagen."),
            (["bibliotek", "biblioteket", "bog", "bøger", "låne"], "Biblioteket har åbent i alle frikvarterer."),
            (["mobning", "mobbet", "drillet", "ked"], "Det er godt, at du siger det. Tal med din kontaktlærer - de vil gerne hjælpe."),
        ]
    """)
    nb.md("""
        ## Eksempel: Små bogstaver og ord

        Computeren ser `"Ferie"` og `"ferie"` som to forskellige tekster. Derfor laver vi alt om til små
        bogstaver med `lower()`, fjerner tegn med `replace()` og deler i ord med `split()`.
    """)
    nb.code("""
        besked = "Hvornår er der FERIE?"
        print(besked.lower())
        print(besked.lower().replace("?", ""))
        print(besked.lower().replace("?", "").split())
    """)
    nb.md("""
        ## Opgave 1: Rens beskeden

        Skriv `rens(tekst)`, der giver en liste med ordene i teksten: små bogstaver, og tegnene
        `.` `,` `!` `?` fjernet. Eksempel: `rens("Hej, Bot!")` giver `["hej", "bot"]`.
    """)
    nb.solution("rens", """
        def rens(tekst):
            ### BEGIN SOLUTION
            tekst = tekst.lower()
            for tegn in ".,!?":
                tekst = tekst.replace(tegn, "")
            return tekst.split()
            ### END SOLUTION
    """)
    nb.tests("test-rens", 2, """
        check_equal(rens("Hej, Bot!"), ["hej", "bot"])
    """, """
        check_equal(rens("Hvornår er der FERIE?"), ["hvornår", "er", "der", "ferie"])
        check_equal(rens("  mange    mellemrum  "), ["mange", "mellemrum"])
        check_equal(rens("Æbler, pærer og blåbær..."), ["æbler", "pærer", "og", "blåbær"])
        check_equal(rens("?!"), [])
        check_equal(rens(""), [])
    """)
    nb.mutant("rens", """
        tekst = tekst.lower()
        for tegn in "!,":
            tekst = tekst.replace(tegn, "")
        return tekst.split()
    """, "test-rens", hidden_only=True)
    nb.mutant("rens", """
        for tegn in ".,!?":
            tekst = tekst.replace(tegn, "")
        return tekst.split(" ")
    """, "test-rens")

    nb.md("""
        ## Opgave 2: Find svaret

        Hver regel er en tupel: `(liste med nøgleord, svar)`. Skriv `find_svar(besked, regler)`:
        Gå reglerne igennem i rækkefølge. Står et af reglens nøgleord blandt beskedens ord
        (brug `rens`), så giv reglens svar. Passer ingen regel, så giv `STANDARD`.
    """)
    nb.solution("find-svar", """
        def find_svar(besked, regler):
            ### BEGIN SOLUTION
            ord_i_besked = rens(besked)
            for noegleord, svar in regler:
                for ordet in noegleord:
                    if ordet in ord_i_besked:
                        return svar
            return STANDARD
            ### END SOLUTION

        print(find_svar("Hvornår er der ferie?", regler))
        print(find_svar("Hvad hedder rektor?", regler))
    """)
    nb.tests("test-find-svar", 3, """
        check_equal(find_svar("Hvornår er der ferie?", regler), "Vinterferien er i uge 7.")
        check_equal(find_svar("Hvad hedder rektor?", regler), STANDARD)
    """, """
        check_equal(find_svar("KANTINEN - hvad er der?", regler), regler[0][1])
        check_equal(find_svar("Kan jeg låne en bog", regler), regler[3][1])
        check_equal(find_svar("ferie og frokost", regler), regler[0][1], "Reglerne gælder i rækkefølge.")
        check_equal(find_svar("", regler), STANDARD)
        check_equal(find_svar("skoleferie", regler), STANDARD, "Kun hele ord tæller.")
        check_equal(find_svar("x", [(["x"], "ja")]), "ja")
        check_equal(find_svar("x", []), STANDARD)
    """)
    nb.mutant("find-svar", """
        for noegleord, svar in regler:
            for ordet in noegleord:
                if ordet in besked.lower():
                    return svar
        return STANDARD
    """, "test-find-svar", hidden_only=True)
    nb.mutant("find-svar", """
        ord_i_besked = rens(besked)
        fundet = STANDARD
        for noegleord, svar in regler:
            for ordet in noegleord:
                if ordet in ord_i_besked:
                    fundet = svar
        return fundet
    """, "test-find-svar", hidden_only=True)

    nb.md("""
        ## Opgave 3: Hvad hedder du?

        Botten skal kunne huske navne. Skriv `find_navn(besked)`: Står ordet `"hedder"` i beskeden
        (efter `rens`), og kommer der et ord efter det, så giv det ord med stort forbogstav
        (`ordet.capitalize()`). Ellers giv `None`.

        Eksempel: `find_navn("Hej, jeg hedder sofie!")` giver `"Sofie"`.
        Tip: `ordene.index("hedder")` giver pladsen for ordet `"hedder"`.
    """)
    nb.solution("find-navn", """
        def find_navn(besked):
            ### BEGIN SOLUTION
            ordene = rens(besked)
            if "hedder" in ordene:
                plads = ordene.index("hedder")
                if plads + 1 < len(ordene):
                    return ordene[plads + 1].capitalize()
            return None
            ### END SOLUTION
    """)
    nb.tests("test-find-navn", 2, """
        check_equal(find_navn("Hej, jeg hedder sofie!"), "Sofie")
        check_equal(find_navn("Hvornår er der ferie?"), None)
    """, """
        check_equal(find_navn("JEG HEDDER ALI"), "Ali")
        check_equal(find_navn("hedder"), None, "Der skal komme et ord efter 'hedder'.")
        check_equal(find_navn("Jeg hedder Emil og min ven hedder Bo"), "Emil")
        check_equal(find_navn(""), None)
    """)
    nb.mutant("find-navn", """
        ordene = rens(besked)
        if "hedder" in ordene:
            return ordene[-1].capitalize()
        return None
    """, "test-find-navn", hidden_only=True)
    nb.mutant("find-navn", """
        ordene = besked.split()
        if "hedder" in ordene:
            plads = ordene.index("hedder")
            if plads + 1 < len(ordene):
                return ordene[plads + 1].capitalize()
        return None
    """, "test-find-navn")

    nb.md("""
        ## Opgave 4: En hel samtale

        Skriv `samtale(beskeder, regler)`, der giver en liste med bottens svar - ét for hver besked:

        * Finder `find_navn` et navn, så husk navnet og svar `"Hej NAVN! Hvad vil du vide?"`.
        * Ellers brug `find_svar`. Hvis svaret er `STANDARD`, og botten kender et navn, så sæt
          `"Undskyld NAVN. "` foran.
    """)
    nb.solution("samtale", """
        def samtale(beskeder, regler):
            ### BEGIN SOLUTION
            navn = None
            svar = []
            for besked in beskeder:
                nyt_navn = find_navn(besked)
                if nyt_navn is not None:
                    navn = nyt_navn
                    svar.append("Hej " + navn + "! Hvad vil du vide?")
                else:
                    et_svar = find_svar(besked, regler)
                    if et_svar == STANDARD and navn is not None:
                        et_svar = "Undskyld " + navn + ". " + et_svar
                    svar.append(et_svar)
            return svar
            ### END SOLUTION

        for linje in samtale(["Hej, jeg hedder Sofie", "Er der mad i dag?", "Hvem vinder VM?"], regler):
            print("Bot:", linje)
    """)
    nb.tests("test-samtale", 2, """
        check_equal(samtale(["Jeg hedder Ali", "Hvornår er der ferie?"], regler),
                    ["Hej Ali! Hvad vil du vide?", "Vinterferien er i uge 7."])
    """, """
        check_equal(samtale([], regler), [])
        check_equal(samtale(["Hvem vinder VM?"], regler), [STANDARD])
        check_equal(samtale(["Jeg hedder Ali", "Hvem vinder VM?"], regler),
                    ["Hej Ali! Hvad vil du vide?", "Undskyld Ali. " + STANDARD])
        check_equal(samtale(["Jeg hedder Ali", "Nej jeg hedder Bo", "hmm"], regler),
                    ["Hej Ali! Hvad vil du vide?", "Hej Bo! Hvad vil du vide?", "Undskyld Bo. " + STANDARD])
    """)
    nb.mutant("samtale", """
        svar = []
        for besked in beskeder:
            nyt_navn = find_navn(besked)
            if nyt_navn is not None:
                svar.append("Hej " + nyt_navn + "! Hvad vil du vide?")
            else:
                svar.append(find_svar(besked, regler))
        return svar
    """, "test-samtale", hidden_only=True)

    nb.md("""
        ## Opgave 5: Dine egne regler

        Lav listen `mine_regler` med mindst 3 nye regler til Skolebotten (eller til en bot om noget,
        du interesserer dig for). Hver regel er en tupel `(liste med nøgleord, svar)`. Nøgleordene
        skal skrives med små bogstaver, og det første nøgleord i hver regel skal få botten til at
        give netop den regels svar. Prøv din bot af i cellen under testen.
    """)
    nb.solution("mine-regler", """
        ### BEGIN SOLUTION
        mine_regler = [
            (["lektier", "lektie", "lektien", "opgave"], "Lektierne står i Aula under ugeplanen."),
            (["idræt", "gymnastik", "omklædning"], "Husk idrætstøj og håndklæde om torsdagen."),
            (["wifi", "internet", "net"], "Elevnettet hedder Skole-Elev. Log på med Unilogin."),
        ]
        ### END SOLUTION
    """)
    nb.tests("test-mine-regler", 2, """
        check_true(type(mine_regler) is list, "mine_regler skal være en liste.")
        check_true(len(mine_regler) >= 3, "Lav mindst 3 regler.")
    """, """
        for regel in mine_regler:
            check_true(type(regel) is tuple and len(regel) == 2, "Hver regel skal være en tupel med to dele.")
            noegleord, svar = regel
            check_true(type(noegleord) is list and len(noegleord) > 0, "Nøgleordene skal være en liste med mindst ét ord.")
            check_true(type(svar) is str and svar.strip() != "", "Svaret skal være en tekst.")
            for ordet in noegleord:
                check_true(type(ordet) is str and ordet == ordet.lower() and ordet.strip() != "",
                           "Nøgleord skal være tekster med små bogstaver.")
            check_equal(find_svar(noegleord[0], mine_regler), svar)
        svarene = []
        for noegleord, svar in mine_regler:
            svarene.append(svar)
        check_true(len(set(svarene)) >= 3, "Lav mindst 3 forskellige svar.")
    """)
    nb.mutant("mine-regler", """
        mine_regler = [(["a"], "x"), (["b"], "x"), (["c"], "x")]
    """, "test-mine-regler", hidden_only=True)
    nb.mutant("mine-regler", """
        mine_regler = [(["Lektier"], "Se Aula."), (["idræt"], "Husk tøj."), (["wifi"], "Skole-Elev.")]
    """, "test-mine-regler", hidden_only=True)
    nb.mutant("mine-regler", """
        mine_regler = [(["ferie"], "Uge 7")]
    """, "test-mine-regler")
    nb.code("""
        alle_regler = regler + mine_regler
        for besked in ["Hej, jeg hedder Kim", "Hvad er lektien?", "Jeg er ikke sulten", "Jeg er ked af, at ferien er slut"]:
            print("Du: ", besked)
            print("Bot:", find_svar(besked, alle_regler))
    """)
    nb.md("""
        ## Opgave 6: Forstår botten dig?

        Se på de to sidste svar i cellen ovenfor: *"Jeg er ikke sulten"* og *"Jeg er ked af, at ferien
        er slut"*. Hvad går galt, og hvorfor? Forklar, hvad din bot egentlig gør, når den "svarer".
        Hvad er forskellen på din regelbot og en AI-chatbot som ChatGPT - og hvad har de til fælles?
    """)
    nb.answer("svar-forstaar", 3, """
        Botten svarer om kantinen, når jeg skriver "ikke sulten", fordi den kun leder efter ordet
        "sulten" - den forstår ikke "ikke". Og når man er ked af det, svarer den om vinterferien,
        fordi ferie-reglen står før ked-reglen. Den forstår altså ingenting; den matcher ord med
        regler, som et menneske har skrevet. En AI-chatbot har ikke skrevne regler, men har lært
        mønstre i enorme mængder tekst og gætter det mest sandsynlige næste ord. Derfor lyder den
        meget klogere og kan svare på alt, men den kan også opfinde ting, der lyder rigtige. Fælles er,
        at ingen af dem forstår som et menneske, og at mennesker har bestemt, hvad de lærer af.
        (Til læreren: 1 point for at forklare fejlene (nøgleord, rækkefølge, ingen forståelse), 1 for
        forskellen regler/lærte mønstre, 1 for en fællestræk eller konsekvens.)
    """)
    nb.md("""
        ## Opgave 7: Hvad fortæller du en chatbot?

        Skolebotten kunne gemme alle beskeder. Hvad skal man passe på at skrive til en chatbot - på
        en skoles hjemmeside eller i en app? Hvem kan læse med, og hvad kan beskederne bruges til?
    """)
    nb.answer("svar-privat", 2, """
        Man skal ikke skrive personlige ting som CPR-nummer, adgangskoder, adresse eller noget om sit
        helbred eller andres problemer, for beskederne bliver gemt hos firmaet eller skolen, og dem, der
        driver botten, kan læse dem. Firmaer kan bruge beskederne til at træne deres AI eller til
        reklamer, og de kan blive lækket. Hvis man har det svært, skal man tale med et menneske.
        (Til læreren: 1 point for eksempler på det, man ikke skal skrive, 1 for hvem der kan læse
        med og hvorfor.)
    """)
    return nb
