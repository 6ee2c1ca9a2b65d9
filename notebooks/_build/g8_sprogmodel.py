"""Grade 8 (generative AI): build a bigram language model from a short text and let it write.

Why: pupils use generative AI but have never seen inside one. A bigram model (which word has
followed which) is a language model small enough to build in a lesson, yet it shows the core
idea of chatbots: predict the next word from training text, then sample. Pupils see that every
word pair it writes was in the training text, that new sentences appear anyway, that always
picking the most likely word loops, and that the model has no idea what it says. No download:
the training text is written for the notebook (and pupils may paste their own).
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g8-sprogmodel", "Byg din egen sprogmodel")
    nb.md("""
        # Byg din egen sprogmodel 🤖✍️

        Chatbots som ChatGPT skriver tekst ved hele tiden at gætte **det næste ord**. De har lært,
        hvilke ord der plejer at komme efter hinanden, ved at læse enorme mængder tekst.

        I dag bygger du selv en **sprogmodel** - en meget lille en. Den læser en kort historie og
        lærer, hvilket ord der kommer efter hvilket. Bagefter skriver den nye sætninger. Til sidst
        undersøger du: Forstår den, hvad den skriver?
    """)
    nb.md(HOW_TO)
    nb.md("Her er træningsteksten. Den er skrevet til denne notesbog. Kør cellen.")
    nb.setup("""
        import random

        historie = (
            "Ræven bor i skoven. Haren bor på marken. Om morgenen løber ræven ud på marken. "
            "Om morgenen spiser haren græs på marken. Ræven ser haren. Haren ser ræven og løber ind i skoven. "
            "Ræven løber efter haren. Haren er hurtig, men ræven er klog. Om aftenen sover haren i skoven. "
            "Om aftenen sover ræven i hulen. Ræven drømmer om haren. Haren drømmer om græs."
        )
        print(historie)
    """)
    nb.md("""
        ## Opgave 1: Teksten som en liste af ord

        Modellen skal se teksten som en liste af ord. Punktum skal være sit eget "ord", så
        modellen kan lære, hvornår en sætning slutter. Skriv `ordliste(tekst)`, der
        * laver alle bogstaver små,
        * fjerner kommaer,
        * sætter mellemrum rundt om hvert punktum,
        * og deler ved mellemrummene.

        Eksempel: `ordliste("Ræven bor i skoven. Haren, ja.")` giver
        `["ræven", "bor", "i", "skoven", ".", "haren", "ja", "."]`.
    """)
    nb.solution("ordliste", """
        def ordliste(tekst):
            ### BEGIN SOLUTION
            tekst = tekst.lower().replace(",", " ").replace(".", " . ")
            return tekst.split()
            ### END SOLUTION

        ordene = ordliste(historie)
        print(len(ordene), "ord:", ordene[:12])
    """)
    nb.tests("test-ordliste", 2, """
        check_equal(ordliste("Ræven bor i skoven. Haren, ja."), ["ræven", "bor", "i", "skoven", ".", "haren", "ja", "."])
    """, """
        check_equal(ordliste(""), [])
        check_equal(ordliste("Hej.Hej"), ["hej", ".", "hej"])
        check_equal(ordliste("ost,brød"), ["ost", "brød"], "Et komma skal skille to ord ad.")
        check_equal(len(ordliste(historie)), 76)
    """)
    nb.mutant("ordliste", "return tekst.lower().split()", "test-ordliste")
    nb.mutant("ordliste", """
        tekst = tekst.lower().replace(",", "").replace(".", " . ")
        return tekst.split()
    """, "test-ordliste", hidden_only=True)

    nb.md("""
        ## Opgave 2: Modellen - hvilke ord kommer efter?

        Modellen er en **ordbog**: for hvert ord en liste med alle de ord, der kom lige efter det
        i teksten - også når det samme ord kommer flere gange.

        Skriv `byg_model(ordene)`. Eksempel: `byg_model(["a", "b", "a", "c"])` giver
        `{"a": ["b", "c"], "b": ["a"]}`. (Det sidste ord har ikke noget efter sig.)
    """)
    nb.solution("model", """
        def byg_model(ordene):
            ### BEGIN SOLUTION
            model = {}
            for i in range(len(ordene) - 1):
                ordet = ordene[i]
                if ordet not in model:
                    model[ordet] = []
                model[ordet].append(ordene[i + 1])
            return model
            ### END SOLUTION

        model = byg_model(ordene)
        print("Efter 'ræven' kom:", model["ræven"])
    """)
    nb.tests("test-model", 3, """
        check_equal(byg_model(["a", "b", "a", "c"]), {"a": ["b", "c"], "b": ["a"]})
    """, """
        check_equal(byg_model([]), {})
        check_equal(byg_model(["x"]), {})
        check_equal(byg_model(["a", "b", "a", "b"]), {"a": ["b", "b"], "b": ["a"]}, "Gentagelser skal med - de er modellens sandsynligheder.")
        check_equal(byg_model(ordliste(historie))["om"], ["morgenen", "morgenen", "aftenen", "aftenen", "haren", "græs"])
    """)
    nb.mutant("model", """
        model = {}
        for i in range(len(ordene) - 1):
            model[ordene[i]] = [ordene[i + 1]]
        return model
    """, "test-model")
    nb.mutant("model", """
        model = {}
        for i in range(len(ordene) - 1):
            ordet = ordene[i]
            if ordet not in model:
                model[ordet] = []
            if ordene[i + 1] not in model[ordet]:
                model[ordet].append(ordene[i + 1])
        return model
    """, "test-model", hidden_only=True)

    nb.md("""
        ## 🔮 Gæt først

        Se på listen for `"om"` i testen ovenfor. Hvis modellen står ved ordet "om" og vælger
        det næste ord **tilfældigt** fra listen, hvor stor er chancen så for "morgenen"?

        * A: 1 ud af 6
        * B: 2 ud af 6
        * C: 1 ud af 4

        Skriv dit gæt som `gaet = "A"`, `"B"` eller `"C"`.
    """)
    nb.guess("gaet", 1, "gaet", "B", "C", options=("A", "B", "C"))

    nb.md("""
        ## Opgave 3: Det mest sandsynlige næste ord

        Skriv `mest_sandsynlige(model, ordet)`, der giver det ord, der oftest kom efter `ordet`.
        Er der flere, der kom lige mange gange, vinder det, der kom **først** i listen.

        Eksempel: `mest_sandsynlige({"a": ["b", "c", "c"]}, "a")` giver `"c"`.
    """)
    nb.solution("mest", """
        def mest_sandsynlige(model, ordet):
            ### BEGIN SOLUTION
            bedste = None
            flest = 0
            for naeste in model[ordet]:
                antal = model[ordet].count(naeste)
                if antal > flest:
                    bedste = naeste
                    flest = antal
            return bedste
            ### END SOLUTION

        print("Efter 'om' kommer oftest:", mest_sandsynlige(model, "om"))
    """)
    nb.tests("test-mest", 2, """
        check_equal(mest_sandsynlige({"a": ["b", "c", "c"]}, "a"), "c")
    """, """
        check_equal(mest_sandsynlige({"a": ["b", "c"]}, "a"), "b", "Ved lige mange vinder det første.")
        check_equal(mest_sandsynlige(byg_model(ordliste(historie)), "om"), "morgenen")
        check_equal(mest_sandsynlige(byg_model(ordliste(historie)), "ræven"), "bor")
    """)
    nb.mutant("mest", "return model[ordet][0]", "test-mest")
    nb.mutant("mest", """
        bedste = None
        flest = 0
        for naeste in model[ordet]:
            antal = model[ordet].count(naeste)
            if antal >= flest:
                bedste = naeste
                flest = antal
        return bedste
    """, "test-mest", hidden_only=True)

    nb.md("""
        ## Opgave 4: Lad modellen skrive

        Nu skal modellen skrive. Skriv `generer(model, start, maks, tilfaeldig)`, der
        1. starter med listen `[start]`,
        2. **så længe** listen har færre end `maks` ord, det sidste ord ikke er `"."`, og det sidste
           ord findes i modellen: vælger et tilfældigt næste ord med `tilfaeldig.choice(...)` fra
           modellens liste og sætter det på,
        3. giver listen af ord tilbage.

        `tilfaeldig` er en terning, vi giver modellen (`random.Random(7)`). Samme tal giver samme
        tekst, så du kan vise din makker en tekst igen.
    """)
    nb.solution("generer", """
        def generer(model, start, maks, tilfaeldig):
            ### BEGIN SOLUTION
            tekst = [start]
            while len(tekst) < maks and tekst[-1] != "." and tekst[-1] in model:
                tekst.append(tilfaeldig.choice(model[tekst[-1]]))
            return tekst
            ### END SOLUTION

        for froe in range(5):
            print(" ".join(generer(model, "ræven", 15, random.Random(froe))))
    """)
    nb.tests("test-generer", 3, """
        tekst = generer(model, "ræven", 15, random.Random(7))
        check_equal(tekst[0], "ræven", "Teksten skal starte med startordet.")
        check_true(len(tekst) <= 15, "Teksten må højst have maks ord.")
        check_true(tekst[-1] == "." or len(tekst) == 15, "Teksten skal stoppe ved et punktum eller ved maks ord.")
    """, """
        for froe in range(20):
            tekst = generer(model, "om", 12, random.Random(froe))
            for i in range(len(tekst) - 1):
                check_true(tekst[i + 1] in model[tekst[i]], "Modellen må kun sætte ord efter hinanden, som den har set i teksten.")
        check_equal(generer(model, "ræven", 15, random.Random(3)), generer(model, "ræven", 15, random.Random(3)), "Samme terning skal give samme tekst.")
        check_equal(generer({"a": ["b"]}, "a", 1, random.Random(1)), ["a"])
        check_equal(generer({"a": ["."], ".": ["a"]}, "a", 10, random.Random(1)), ["a", "."], "Stop ved punktum.")
        check_equal(generer({"a": ["b"]}, "a", 5, random.Random(1)), ["a", "b"], "Stop, når det sidste ord ikke er i modellen.")
        check_true(len(set(" ".join(generer(model, "ræven", 15, random.Random(f))) for f in range(10))) > 2, "Modellen skal vælge tilfældigt - ikke altid det samme ord.")
    """)
    nb.mutant("generer", """
        tekst = [start]
        while len(tekst) < maks and tekst[-1] != "." and tekst[-1] in model:
            tekst.append(mest_sandsynlige(model, tekst[-1]))
        return tekst
    """, "test-generer", hidden_only=True)
    nb.mutant("generer", """
        tekst = [start]
        while len(tekst) < maks and tekst[-1] in model:
            tekst.append(tilfaeldig.choice(model[tekst[-1]]))
        return tekst
    """, "test-generer", hidden_only=True)
    nb.mutant("generer", """
        tekst = [start]
        for i in range(maks):
            tekst.append(tilfaeldig.choice(ordene))
        return tekst
    """, "test-generer")

    nb.md("""
        ## Undersøg 1: Nyt eller kopieret?

        Kør cellen. Den skriver 8 sætninger og ser efter, om sætningen står ordret i historien.
        Hvor mange er nye? Giver de nye mening?
    """)
    nb.code("""
        for froe in range(8):
            saetning = " ".join(generer(model, "haren", 15, random.Random(froe)))
            ny = saetning.replace(" .", ".") not in historie.lower()
            print("NY     " if ny else "KOPIERET", saetning)
    """)
    nb.md("""
        ## Undersøg 2: Altid det mest sandsynlige

        Hvad sker der, hvis modellen **altid** vælger det mest sandsynlige ord i stedet for at slå
        med terningen? Kør cellen.
    """)
    nb.code("""
        tekst = ["om"]
        for i in range(14):
            tekst.append(mest_sandsynlige(model, tekst[-1]))
        print(" ".join(tekst))
    """)
    nb.md("""
        Modellen går i ring. Store sprogmodeller har det samme problem - derfor slår de også
        "med terningen" (det kaldes **temperatur**).

        ## Undersøg 3: Din egen træningstekst

        Skriv din egen tekst (mindst 5 sætninger - fx om din klasse, en sport eller et eventyr,
        du selv finder på) og træn modellen på den. Hvordan ændrer dens "stil" sig?
        Brug ikke andres tekster, fx sangtekster - de er beskyttet af ophavsret.
    """)
    nb.code("""
        min_tekst = "Skriv din tekst her. Den skal have flere sætninger. Hver sætning slutter med punktum."
        min_model = byg_model(ordliste(min_tekst))
        for froe in range(3):
            print(" ".join(generer(min_model, ordliste(min_tekst)[0], 20, random.Random(froe))))
    """)
    nb.md("""
        ## Opgave 5: Forstår modellen det, den skriver?

        Skriv 4-6 sætninger:
        * Forstår din model, hvad den skriver? Begrund med noget, du så i dag.
        * Hvad har en stor sprogmodel som ChatGPT til fælles med din model, og hvad er anderledes?
        * Hvad betyder det for, hvordan man skal bruge en chatbot i skolen?
    """)
    nb.answer("svar-forstaar", 2, """
        Min model forstår ikke noget: den ved kun, hvilke ord der kom efter hinanden i historien.
        Den skrev "ræven og løber ræven i hulen", som ikke giver mening, og den gik i ring, når den
        altid valgte det mest sandsynlige ord. En stor sprogmodel gør det samme grundlæggende -
        gætter det næste ord - men den har læst milliarder af tekster og ser på mange ord tilbage
        i stedet for ét, så dens tekst lyder meget bedre. Den kan stadig skrive noget forkert,
        der lyder rigtigt. Derfor skal man tjekke det, en chatbot skriver, og skrive, når man har
        brugt den.
        (Til læreren: 1 point for at begrunde med observationer fra notesbogen, at modellen
        gætter ud fra mønstre uden at forstå; 1 point for en rimelig sammenligning med store
        sprogmodeller og en konsekvens for brugen. Modellen her er en "bigram-model"; rigtige
        sprogmodeller er neurale netværk, men målet - at forudsige næste ord - er det samme.)
    """)
    return nb
