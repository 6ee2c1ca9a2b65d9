"""Grade 9 (generative AI): a two-word-context language model invents facts and copies its sources.

Why: after building a bigram model in grade 8 (g8-sprogmodel), pupils give the model more
context (two words, a "trigram" model) and measure two things people worry about in real
generative AI: it states false facts fluently ("København er hovedstaden i Finland"), because
it recombines true sentences without knowing what is true; and with more context and little
data it copies its training text word for word - a question of ophavsret. Both are measured
with code, not claimed.
"""
from .nbkit import HOW_TO, NotebookSpec


def build() -> NotebookSpec:
    nb = NotebookSpec("g9-kan-man-stole-paa-ai", "Kan man stole på en sprogmodel?")
    nb.md("""
        # Kan man stole på en sprogmodel? 🤖❓

        I 8. klasse byggede I en sprogmodel, der lærte, hvilket ord der kommer efter hvilket.
        I dag giver du modellen mere at tænke med: den skal se på de **to** sidste ord. Derefter
        undersøger du to ting, som man diskuterer om rigtige chatbots:

        1. **Digter den?** Skriver den ting, der lyder rigtige, men er forkerte?
        2. **Kopierer den?** Skriver den ordret af fra de tekster, den er trænet på?
    """)
    nb.md(HOW_TO)
    nb.md("Kør cellen. Den har træningsteksterne og funktionerne fra 8. klasse.")
    nb.setup("""
        import random

        fakta = (
            "København er hovedstaden i Danmark. Oslo er hovedstaden i Norge. Stockholm er hovedstaden i Sverige. "
            "Nuuk er hovedstaden i Grønland. Helsinki er hovedstaden i Finland. Danmark har en dronning. "
            "Norge har en konge. Sverige har en konge. Grønland har en landsstyreformand. Finland har en præsident."
        )
        historie = (
            "Ræven bor i skoven. Haren bor på marken. Om morgenen løber ræven ud på marken. "
            "Om morgenen spiser haren græs på marken. Ræven ser haren. Haren ser ræven og løber ind i skoven. "
            "Ræven løber efter haren. Haren er hurtig, men ræven er klog. Om aftenen sover haren i skoven. "
            "Om aftenen sover ræven i hulen. Ræven drømmer om haren. Haren drømmer om græs."
        )

        def ordliste(tekst):
            return tekst.lower().replace(",", " ").replace(".", " . ").split()

        def byg_model(ordene):
            model = {}
            for i in range(len(ordene) - 1):
                model.setdefault(ordene[i], []).append(ordene[i + 1])
            return model

        def generer(model, start, maks, tilfaeldig):
            tekst = [start]
            while len(tekst) < maks and tekst[-1] != "." and tekst[-1] in model:
                tekst.append(tilfaeldig.choice(model[tekst[-1]]))
            return tekst

        fakta_ord = ordliste(fakta)
        historie_ord = ordliste(historie)
        print(" ".join(generer(byg_model(historie_ord), "ræven", 15, random.Random(5))))
    """)
    nb.md("""
        ## Opgave 1: En model, der ser to ord tilbage

        Nu skal nøglen i ordbogen være de **to** sidste ord, skrevet som et par (en *tuple*):
        `("om", "morgenen")`. Skriv `byg_model2(ordene)`.

        Eksempel: `byg_model2(["a", "b", "c", "a", "b", "d"])` giver
        `{("a", "b"): ["c", "d"], ("b", "c"): ["a"], ("c", "a"): ["b"]}`.
    """)
    nb.solution("model2", """
        def byg_model2(ordene):
            ### BEGIN SOLUTION
            model = {}
            for i in range(len(ordene) - 2):
                par = (ordene[i], ordene[i + 1])
                if par not in model:
                    model[par] = []
                model[par].append(ordene[i + 2])
            return model
            ### END SOLUTION

        model2 = byg_model2(fakta_ord)
        print(model2[("hovedstaden", "i")])
    """)
    nb.tests("test-model2", 3, """
        check_equal(byg_model2(["a", "b", "c", "a", "b", "d"]), {("a", "b"): ["c", "d"], ("b", "c"): ["a"], ("c", "a"): ["b"]})
    """, """
        check_equal(byg_model2(["a", "b"]), {})
        check_equal(byg_model2(fakta_ord)[("hovedstaden", "i")], ["danmark", "norge", "sverige", "grønland", "finland"])
        check_equal(byg_model2(fakta_ord)[("har", "en")], ["dronning", "konge", "konge", "landsstyreformand", "præsident"])
    """)
    nb.mutant("model2", """
        model = {}
        for i in range(len(ordene) - 2):
            model[(ordene[i], ordene[i + 1])] = [ordene[i + 2]]
        return model
    """, "test-model2")
    nb.mutant("model2", """
        model = {}
        for i in range(len(ordene) - 1):
            model.setdefault((ordene[i], ordene[i]), []).append(ordene[i + 1])
        return model
    """, "test-model2")

    nb.md("""
        ## Opgave 2: Lad den skrive

        Skriv `generer2(model2, ord1, ord2, maks, tilfaeldig)` som `generer` fra 8. klasse, men den
        starter med `[ord1, ord2]` og slår op med de to sidste ord. Den stopper ved `"."`, ved `maks`
        ord, eller når de to sidste ord ikke findes i modellen.
    """)
    nb.solution("generer2", """
        def generer2(model2, ord1, ord2, maks, tilfaeldig):
            ### BEGIN SOLUTION
            tekst = [ord1, ord2]
            while len(tekst) < maks and tekst[-1] != "." and (tekst[-2], tekst[-1]) in model2:
                tekst.append(tilfaeldig.choice(model2[(tekst[-2], tekst[-1])]))
            return tekst
            ### END SOLUTION

        for froe in range(5):
            print(" ".join(generer2(model2, "københavn", "er", 12, random.Random(froe))))
    """)
    nb.tests("test-generer2", 2, """
        tekst = generer2(model2, "københavn", "er", 12, random.Random(1))
        check_equal(tekst[:3], ["københavn", "er", "hovedstaden"])
        check_equal(tekst[-1], ".")
    """, """
        for froe in range(15):
            tekst = generer2(model2, "norge", "har", 12, random.Random(froe))
            for i in range(len(tekst) - 2):
                check_true(tekst[i + 2] in model2[(tekst[i], tekst[i + 1])], "Det næste ord skal komme fra modellens liste for de to sidste ord.")
        check_equal(generer2({("a", "b"): ["c"]}, "a", "b", 2, random.Random(1)), ["a", "b"])
        check_true(len(set(" ".join(generer2(model2, "københavn", "er", 12, random.Random(f))) for f in range(10))) > 1,
                   "Modellen skal vælge tilfældigt med tilfaeldig.choice - ikke altid det første ord.")
        check_equal(generer2({("a", "b"): ["c"]}, "a", "b", 9, random.Random(1)), ["a", "b", "c"])
    """)
    nb.mutant("generer2", """
        tekst = [ord1, ord2]
        while len(tekst) < maks and tekst[-1] != "." and (tekst[-2], tekst[-1]) in model2:
            tekst.append(model2[(tekst[-2], tekst[-1])][0])
        return tekst
    """, "test-generer2", hidden_only=True)
    nb.mutant("generer2", "return [ord1, ord2]", "test-generer2")

    nb.md("""
        ## Opgave 3: Står det i teksten?

        For at undersøge modellen skal vi kunne se, om en række ord står **ordret** i
        træningsteksten. Skriv `staar_i(stykke, ordene)`, der giver `True`, hvis listen `stykke`
        findes som sammenhængende ord et sted i `ordene`.

        Tip: Sammenlign `ordene[i:i + len(stykke)]` med `stykke` for hvert `i`.

        Eksempel: `staar_i(["a", "b"], ["a", "b", "c"])` giver `True`, og
        `staar_i(["a", "c"], ["a", "b", "c"])` giver `False`.
    """)
    nb.solution("staar-i", """
        def staar_i(stykke, ordene):
            ### BEGIN SOLUTION
            for i in range(len(ordene) - len(stykke) + 1):
                if ordene[i:i + len(stykke)] == stykke:
                    return True
            return False
            ### END SOLUTION

        print(staar_i(["oslo", "er", "hovedstaden", "i", "norge"], fakta_ord))
        print(staar_i(["oslo", "er", "hovedstaden", "i", "sverige"], fakta_ord))
    """)
    nb.tests("test-staar-i", 2, """
        check_equal(staar_i(["a", "b"], ["a", "b", "c"]), True)
        check_equal(staar_i(["a", "c"], ["a", "b", "c"]), False)
    """, """
        check_equal(staar_i(["b", "c"], ["a", "b", "c"]), True)
        check_equal(staar_i(["c"], ["a", "b", "c"]), True, "Husk at tjekke helt ud til det sidste ord.")
        check_equal(staar_i(["a", "b", "c", "d"], ["a", "b", "c"]), False)
        check_equal(staar_i(["oslo", "er", "hovedstaden", "i", "sverige"], fakta_ord), False)
    """)
    nb.mutant("staar-i", """
        for ordet in stykke:
            if ordet not in ordene:
                return False
        return True
    """, "test-staar-i")
    nb.mutant("staar-i", """
        for i in range(len(ordene) - len(stykke)):
            if ordene[i:i + len(stykke)] == stykke:
                return True
        return False
    """, "test-staar-i", hidden_only=True)

    nb.md("""
        ## 🔮 Gæt først: Digter den?

        Modellen skriver 20 sætninger, der begynder med "københavn er". Hvor mange af dem tror
        du er **forkerte** (står ikke i faktateksten)?

        * A: ingen
        * B: et par stykker
        * C: de fleste

        Skriv dit gæt som `gaet = "A"`, `"B"` eller `"C"`. Kør så cellen under testen.
    """)
    nb.guess("gaet", 1, "gaet", "C", "A", options=("A", "B", "C"))
    nb.code("""
        forkerte = 0
        for froe in range(20):
            saetning = generer2(model2, "københavn", "er", 12, random.Random(froe))
            if not staar_i(saetning, fakta_ord):
                forkerte = forkerte + 1
                print("FORKERT:", " ".join(saetning))
        print(forkerte, "af 20 sætninger er forkerte - men de lyder alle sammen rigtige.")
    """)
    nb.md("""
        Modellen har kun set **sande** sætninger, men den ved ikke, hvad der er sandt. Den ved
        bare, at efter "hovedstaden i" kommer et landenavn. Når en chatbot skriver noget forkert,
        der lyder rigtigt, kalder man det, at den **hallucinerer**.

        ## Opgave 4: Hvor meget er kopieret?

        Skriv `laengste_kopi(tekst, ordene)`, der giver længden af det **længste stykke** af
        `tekst` (sammenhængende ord), som står ordret i `ordene`. Brug `staar_i`.

        Eksempel: `laengste_kopi(["x", "b", "c", "y"], ["a", "b", "c"])` giver `2`.
    """)
    nb.solution("kopi", """
        def laengste_kopi(tekst, ordene):
            ### BEGIN SOLUTION
            laengst = 0
            for start in range(len(tekst)):
                for slut in range(start + 1, len(tekst) + 1):
                    if slut - start > laengst and staar_i(tekst[start:slut], ordene):
                        laengst = slut - start
            return laengst
            ### END SOLUTION

        print(laengste_kopi(["x", "b", "c", "y"], ["a", "b", "c"]))
    """)
    nb.tests("test-kopi", 3, """
        check_equal(laengste_kopi(["x", "b", "c", "y"], ["a", "b", "c"]), 2)
    """, """
        check_equal(laengste_kopi([], ["a"]), 0)
        check_equal(laengste_kopi(["z"], ["a"]), 0)
        check_equal(laengste_kopi(["a", "b", "x", "a", "b", "c"], ["a", "b", "c"]), 3, "Det længste stykke kan stå sidst.")
        check_equal(laengste_kopi(ordliste("ræven ser haren og løber ind i skoven"), historie_ord), 5)
    """)
    nb.mutant("kopi", """
        laengst = 0
        for slut in range(1, len(tekst) + 1):
            if staar_i(tekst[:slut], ordene):
                laengst = slut
        return laengst
    """, "test-kopi")
    nb.mutant("kopi", """
        antal = 0
        for ordet in tekst:
            if ordet in ordene:
                antal = antal + 1
        return antal
    """, "test-kopi")

    nb.md("""
        ## Undersøg: Et eller to ord tilbage?

        Kør cellen. Den lader begge modeller skrive 20 tekster ud fra historien om ræven og haren
        og måler, hvor stor en del af hver tekst der er kopieret ordret. Hvad ser du?
    """)
    nb.code("""
        model1 = byg_model(historie_ord)
        model2_historie = byg_model2(historie_ord)
        for navn in ["ét ord tilbage", "to ord tilbage"]:
            andele = []
            for froe in range(20):
                if navn == "ét ord tilbage":
                    tekst = generer(model1, "om", 15, random.Random(froe))
                else:
                    tekst = generer2(model2_historie, "om", "aftenen", 15, random.Random(froe))
                andele.append(laengste_kopi(tekst, historie_ord) / len(tekst))
            print(navn, "- i gennemsnit kopieret:", round(100 * sum(andele) / len(andele)), "%")
    """)
    nb.md("""
        Jo mere modellen ser tilbage, jo bedre lyder teksten - men med få data skriver den bare
        træningsteksten af. Store sprogmodeller er trænet på milliarder af tekster, som andre har
        skrevet, og de kan også gengive stykker af dem.

        ## Opgave 5: Kan man stole på den?

        Skriv 5-8 sætninger:
        * Forklar med dine resultater, hvorfor en sprogmodel kan skrive noget forkert, der lyder
          rigtigt, og hvorfor den kan skrive andres tekst af.
        * Hvem har ansvaret, hvis en chatbot skriver noget forkert om en person - eller gengiver en
          forfatters tekst uden lov?
        * Hvad er dine tre regler for at bruge en chatbot i en opgave i 9. klasse?
    """)
    nb.answer("svar-stole", 2, """
        Modellen satte "københavn er hovedstaden i" sammen med et tilfældigt land, fordi den kun
        ved, hvilke ord der plejer at komme efter hinanden - ikke hvad der er sandt. 15 af 20
        sætninger var forkerte, men lød rigtige. Med to ord tilbage var næsten hele teksten
        kopieret fra historien, fordi modellen kun havde set én måde at fortsætte på. Store
        sprogmodeller kan på samme måde gengive tekst, de er trænet på, selv om den er beskyttet af
        ophavsret. Ansvaret ligger både hos firmaet, der har lavet chatbotten, og hos den, der
        bruger teksten. Mine regler: 1) tjek fakta i en kilde, 2) skriv, hvad chatbotten har
        hjulpet med, 3) aflever ikke tekst, jeg ikke selv kan forklare.
        (Til læreren: 1 point for at forklare hallucination og kopiering med elevens egne
        resultater; 1 point for en begrundet holdning til ansvar og brugbare regler.
        Hold eleverne til skolens og prøvernes regler for hjælpemidler.)
    """)
    return nb
