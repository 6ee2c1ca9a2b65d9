"""Kompetencetjek: a short check-in per band and competence area, at the start and end of a year.

Why it looks like this:
- The effect report compares the start and the end of a school year, so both use the SAME
  items (one bank per band). Scores are comparable by construction; the months between the two
  make remembering single items unlikely, and the hidden tests never show the right answer.
- Every graded cell's grade_id starts with its competence area (``computationel-2``,
  ``test-design-1``, ``myndiggoerelse-refleksion``), so a result splits into the four areas
  (see ``kodefag.curriculum.kompetencetjek``). Each area gives the same maximum: three
  auto-graded items of 1 point and one short reflection of 2 points that the teacher grades
  with the levels written in the model answer.
- Release needs one activity id per class and occasion, and a class keeps its rows when it
  moves up a grade, so each grade has its own pair of ids (``kompetencetjek-g5-start`` /
  ``-slut``); the valgfag has ``kompetencetjek-valgfag-start`` / ``-slut`` with the
  udskoling items.
- Grades 0-3 mostly work without computers: their check-in is four small stations the teacher
  observes, recorded as "tegn på læring" per pupil. This module writes those descriptions too,
  so every grade's check-in comes from one place (``files()``).
"""
from __future__ import annotations

from dataclasses import dataclass

from .nbkit import NotebookSpec

AREAS = ("computationel", "handleevne", "myndiggoerelse", "design")
AREA_TITLES = {
    "computationel": "Computationel tankegang",
    "handleevne": "Teknologisk handleevne",
    "myndiggoerelse": "Digital myndiggørelse",
    "design": "Digital design",
}
PHASES = {"start": "start", "slut": "slut"}
PHASE_WORDS = {"start": "i starten af", "slut": "i slutningen af"}


@dataclass(frozen=True)
class Item:
    """One auto-graded multiple-choice item or prediction."""

    area: str
    question: str
    answer: object
    wrong: object
    options: tuple[str, ...] | None = ("A", "B", "C")


@dataclass(frozen=True)
class Reflection:
    """One short written answer per area, graded by the teacher with fixed levels."""

    area: str
    question: str
    model: str


# --------------------------------------------------------------------------------------------
# mellemtrin (4.-6. klasse): a 4th grader at the start of the year has never written Python,
# so the items can be reasoned about in words; the growth is in reading code and arguing.
# --------------------------------------------------------------------------------------------
MELLEMTRIN_ITEMS = [
    Item("computationel", """
        En robot står på felt 0 på en lang række felter. Den følger programmet:

        > **Gentag 3 gange:** gå 2 felter frem, gå 1 felt tilbage.

        Hvilket felt står robotten på bagefter?

        * A: felt 3
        * B: felt 6
        * C: felt 9
    """, "A", "B"),
    Item("computationel", """
        Her er en opskrift på at børste tænder. Ét trin står det forkerte sted.

        1. Skyl munden med vand.
        2. Børst tænderne i 2 minutter.
        3. Kom tandpasta på børsten.
        4. Læg børsten på plads.

        Hvilket trin står det forkerte sted?

        * A: trin 1
        * B: trin 2
        * C: trin 3
    """, "C", "A"),
    Item("computationel", """
        Et lille sort-hvidt billede er 5 pixels bredt og 5 pixels højt. Hver pixel gemmes som
        tallet 0 (hvid) eller 1 (sort). Hvor mange tal skal computeren gemme for hele billedet?

        * A: 5
        * B: 10
        * C: 25
    """, "C", "B"),
    Item("handleevne", """
        Hvad er `point` bagefter, når computeren har kørt de tre linjer?

        ```python
        point = 0
        point = point + 1
        point = point + 1
        ```

        * A: 2
        * B: 1
        * C: 0
    """, "A", "B"),
    Item("handleevne", """
        Hvilken af delene på en micro:bit er et **input** - noget, der giver micro:bit'en besked?

        * A: knap A
        * B: skærmen med de 25 lamper
        * C: højttaleren
    """, "A", "B"),
    Item("handleevne", """
        Hvad sker der, når du sender et billede til en ven over internettet?

        * A: Billedet flyver i ét stykke gennem luften direkte til vennens telefon.
        * B: Billedet deles i mange små pakker, som sendes hver for sig og samles igen hos vennen.
        * C: Billedet gemmes kun på din egen telefon, og vennen kigger ind på den.
    """, "B", "A"),
    Item("myndiggoerelse", """
        Et spil på telefonen er gratis at hente. Hvordan tjener firmaet bag spillet penge?

        * A: Det gør det ikke - spillet er jo gratis.
        * B: Med reklamer, køb inde i spillet og oplysninger om spilleren.
        * C: Skolen betaler for alle børns spil.
    """, "B", "A"),
    Item("myndiggoerelse", """
        Ida har taget et sjovt billede af sin veninde Sara. Ida vil lægge det på nettet.
        Hvad bør Ida gøre først?

        * A: Spørge Sara, om det er i orden.
        * B: Ingenting - det er Idas eget billede.
        * C: Gøre billedet sort-hvidt.
    """, "A", "B"),
    Item("myndiggoerelse", """
        En klub har 10 pladser. En app giver pladserne til de første 10, der trykker på en knap,
        når tilmeldingen åbner en tirsdag kl. 10. Hvem er reglen **dårlig** for?

        * A: Ingen - det er en computer, der bestemmer.
        * B: Dem, der er gode til sport.
        * C: Dem, der sidder i skole kl. 10 eller ikke har en telefon.
    """, "C", "A"),
    Item("design", """
        Hvad er en **prototype**?

        * A: Det færdige produkt, som sælges i butikken.
        * B: En hurtig og enkel udgave af en idé, som man kan afprøve.
        * C: En fejl i et program.
    """, "B", "A"),
    Item("design", """
        Du skal lave et spil til børn i 2. klasse. Hvilket spørgsmål er bedst at stille dem,
        **før** du begynder?

        * A: "Vil I ikke gerne have et sejt spil?"
        * B: "Hvilken farve skal knappen have?"
        * C: "Hvad kan I bedst lide at lave, når I keder jer i frikvarteret?"
    """, "C", "A"),
    Item("design", """
        Under en test siger Noah, at spillet er sjovt - men han giver op efter 20 sekunder, fordi
        han ikke kan finde ud af at hoppe. Hvad fortæller mest om spillet?

        * A: Det, Noah siger.
        * B: Det, Noah gør.
        * C: Ingen af delene.
    """, "B", "A"),
]

MELLEMTRIN_REFLECTIONS = [
    Reflection("computationel", """
        Hvad er en **algoritme**? Forklar det med dine egne ord, og giv ét eksempel fra din hverdag.
    """, """
        En algoritme er en præcis opskrift: trin i en bestemt rækkefølge, som giver det samme
        resultat, hver gang man følger dem. Eksempel: sådan smører jeg en madpakke - først ...,
        så ..., til sidst ...
        (Til læreren, samme niveauer ved start og slut: 0 point = intet svar eller "ved ikke";
        1 point = et eksempel ELLER en forklaring med "trin/rækkefølge"; 2 point = en forklaring
        med trin i rækkefølge OG et passende eksempel.)
    """),
    Reflection("handleevne", """
        Du har skrevet et program, og det virker ikke. Hvad kan du gøre? Skriv mindst to ting,
        du kan prøve, før du spørger læreren.
    """, """
        Jeg læser fejlbeskeden og kigger på den linje, den peger på. Jeg tjekker stavning,
        anførselstegn og indrykning. Jeg kører programmet igen efter hver lille ændring, og jeg
        forklarer koden linje for linje for en makker.
        (Til læreren: 0 point = intet eller kun "spørger læreren"; 1 point = én brugbar
        strategi; 2 point = to eller flere brugbare strategier, fx læse fejlbeskeden, tjekke
        linjen, prøve trin for trin, spørge en makker.)
    """),
    Reflection("myndiggoerelse", """
        Nævn en app eller et spil, du bruger. Skriv én ting, den ved om dig - og hvad du tror,
        den bruger det til.
    """, """
        YouTube ved, hvilke videoer jeg har set. Den bruger det til at vise mig flere videoer af
        samme slags, så jeg bliver længere - og til at vise mig reklamer.
        (Til læreren: 0 point = intet svar; 1 point = nævner data ELLER formål; 2 point = nævner
        en konkret slags data OG et rimeligt formål, fx reklamer, anbefalinger, salg.)
    """),
    Reflection("design", """
        Tænk på en ting (en app, et spil eller en ting på skolen), som er svær at bruge. Hvem er
        den svær for, og hvad ville du ændre?
    """, """
        Dørene til hallen er tunge, så de små elever kan ikke åbne dem. Jeg ville sætte en knap
        på, der åbner døren, i en højde, de kan nå.
        (Til læreren: 0 point = intet svar; 1 point = nævner et problem ELLER en ændring;
        2 point = nævner hvem det er svært for OG en ændring, der passer til dem.)
    """),
]

# --------------------------------------------------------------------------------------------
# udskoling (7.-9. klasse) and the valgfag: predictions with real code, one small function,
# and questions from the year plans' topics (recommendations, bias, data, accessibility).
# --------------------------------------------------------------------------------------------
UDSKOLING_ITEMS = [
    Item("computationel", """
        Læs programmet, men kør det ikke. Hvad skriver det? Svar med et tal.

        ```python
        tal = [4, 8, 15, 16, 23, 42]
        antal = 0
        for t in tal:
            if t % 2 == 0:
                antal = antal + 1
        print(antal)
        ```
    """, 4, 6, options=None),
    Item("computationel", """
        En sorteret liste har 1000 navne. Du leder efter ét navn med **binær søgning**: kig i
        midten, og smid den halvdel væk, hvor navnet ikke kan være. Hvor mange gange skal du
        højst kigge?

        * A: cirka 10 gange
        * B: cirka 500 gange
        * C: 1000 gange
    """, "A", "B"),
    Item("computationel", """
        En vejrstation måler temperaturen hver time. En dag i maj står der 85 °C ved én måling.
        Hvad er det bedste at gøre?

        * A: Bruge målingen som alle de andre.
        * B: Undersøge målingen, fjerne den, hvis den er en målefejl, og skrive, at man gjorde det.
        * C: Slette alle målingerne fra den dag uden at sige det.
    """, "B", "A"),
    Item("handleevne", """
        Læs programmet, men kør det ikke. Hvad skriver det? Svar med et tal.

        ```python
        def dobbelt(x):
            return x * 2

        print(dobbelt(dobbelt(3)))
        ```
    """, 12, 6, options=None),
    Item("handleevne", """
        Hvorfor gemmer en god hjemmeside kun et **hash** (et slags fingeraftryk) af din
        adgangskode og ikke selve koden?

        * A: Så en hacker, der stjæler databasen, ikke kan læse koderne direkte.
        * B: Så hjemmesiden kan sende dig koden, hvis du glemmer den.
        * C: Så koden fylder mindre.
    """, "A", "B"),
    Item("handleevne", """
        To micro:bits sender beskeder over radio på gruppe 7. Hvem kan læse beskederne?

        * A: Kun de to micro:bits, der skriver til hinanden.
        * B: Ingen - radiobeskeder er altid krypterede.
        * C: Alle micro:bits i nærheden, der også lytter på gruppe 7.
    """, "C", "A"),
    Item("myndiggoerelse", """
        Hvorfor viser en videoapp dig mange videoer af samme slags som dem, du allerede har set?

        * A: Appen er lavet til at holde dig længst muligt i appen, fordi det giver flere penge fra reklamer.
        * B: Appen ved, hvad der er bedst for dig.
        * C: Det er tilfældigt.
    """, "A", "B"),
    Item("myndiggoerelse", """
        En kommune vil lade en AI vælge elever til en sommerskole. AI'en lærer af, hvem lærere
        har valgt de sidste ti år. Hvad er den største risiko?

        * A: AI'en bliver for langsom.
        * B: AI'en bliver for dyr.
        * C: AI'en kopierer de skævheder, der var i lærernes valg.
    """, "C", "A"),
    Item("myndiggoerelse", """
        Hvilke oplysninger beskytter databeskyttelsesreglerne (GDPR) **ekstra** meget?

        * A: Navnet på din skole.
        * B: Oplysninger om dit helbred, din religion og dit politiske syn.
        * C: Din yndlingsfarve.
    """, "B", "A"),
    Item("design", """
        Hvad er en **designbrief**?

        * A: En kort beskrivelse af problemet, brugeren, og hvornår løsningen er god nok.
        * B: En liste over fejl i et program.
        * C: Et brev til kunden med prisen.
    """, "A", "B"),
    Item("design", """
        Cirka 1 ud af 12 drenge er farveblinde. Hvad er bedst i et spil, hvor fjender og venner
        skal kunne skelnes?

        * A: Vise forskellen med rød og grøn.
        * B: Vise forskellen med både farve og form eller symbol.
        * C: Lade være med at vise forskellen.
    """, "B", "A"),
    Item("design", """
        Jeres quizspil bliver testet. 9 ud af 10 testere svarer forkert på spørgsmål 4.
        Hvad bør I undersøge først?

        * A: Om computeren regner forkert.
        * B: Om testerne gætter.
        * C: Om spørgsmålet er uklart eller for svært for målgruppen.
    """, "C", "A"),
]

UDSKOLING_REFLECTIONS = [
    Reflection("computationel", """
        En computer skal finde det **største** tal i en lang liste. Beskriv algoritmen trin for
        trin med dine egne ord (du må gerne skrive kode, men det er ikke et krav).
    """, """
        Jeg husker det første tal som "det største indtil nu". Så går jeg listen igennem ét tal
        ad gangen. Hvis tallet er større end det største indtil nu, husker jeg det i stedet.
        Når listen er slut, er det tal, jeg husker, det største.
        (Til læreren: 0 point = intet svar eller "brug max"; 1 point = idéen om at sammenligne,
        men uklart, hvad der huskes, eller hvornår man stopper; 2 point = en fuld algoritme med
        en variabel, der huskes, en gennemgang af hele listen og et resultat.)
    """),
    Reflection("handleevne", """
        Dit program stopper med en fejl, du ikke forstår. Beskriv, hvad du gør, trin for trin.
    """, """
        Jeg læser den sidste linje i fejlbeskeden (fx NameError) og finder den linje, den peger
        på. Jeg printer værdierne lige før linjen for at se, hvad variablerne indeholder. Jeg
        laver et lille eksempel, der fejler på samme måde, og retter én ting ad gangen. Hvis det
        ikke hjælper, søger jeg på fejlbeskeden eller spørger en makker.
        (Til læreren: 0 point = intet eller kun "spørger læreren"; 1 point = én brugbar strategi;
        2 point = en plan med flere strategier i en fornuftig rækkefølge, fx læse fejlen,
        finde linjen, printe værdier, indsnævre.)
    """),
    Reflection("myndiggoerelse", """
        Vælg en digital tjeneste, du bruger. Hvem tjener penge på den? Hvilke data giver du den?
        Synes du, byttet er fair? Begrund dit svar.
    """, """
        Snapchat tjener penge på reklamer. Jeg giver den mine billeder, hvem jeg skriver med,
        hvor jeg er (kortet) og hvor længe jeg bruger appen. Det er ikke helt fair, for jeg kan
        ikke se, hvad de bruger dataene til, men jeg får en gratis måde at tale med mine venner på.
        (Til læreren: 0 point = intet svar; 1 point = nævner forretning ELLER data; 2 point =
        forretning og konkrete data OG en begrundet holdning.)
    """),
    Reflection("design", """
        Fortæl om noget, du har designet eller lavet (i skolen eller i fritiden). Hvordan fandt
        du ud af, om det virkede for andre - og hvad ændrede du bagefter?
    """, """
        Jeg lavede et platformspil. Jeg lod min lillesøster spille det og så, at hun døde ved det
        første hul hver gang. Jeg gjorde hullet mindre og tilføjede en pil, der viste, hvor man
        skulle hoppe. Bagefter klarede hun banen i tredje forsøg.
        (Til læreren: 0 point = intet svar; 1 point = beskriver et produkt og en afprøvning
        ELLER en ændring; 2 point = en afprøvning med en anden person OG en ændring, der bygger
        på det, afprøvningen viste.)
    """),
]

BANKS = {
    "mellemtrin": (MELLEMTRIN_ITEMS, MELLEMTRIN_REFLECTIONS),
    "udskoling": (UDSKOLING_ITEMS, UDSKOLING_REFLECTIONS),
}
#: the notebook check-ins: id part -> (band, how the title names the group)
NOTEBOOK_CHECKS = {
    "g4": ("mellemtrin", "4. klasse"),
    "g5": ("mellemtrin", "5. klasse"),
    "g6": ("mellemtrin", "6. klasse"),
    "g7": ("udskoling", "7. klasse"),
    "g8": ("udskoling", "8. klasse"),
    "g9": ("udskoling", "9. klasse"),
    "valgfag": ("udskoling", "valgfaget"),
}


def check_id(group: str, phase: str) -> str:
    return f"kompetencetjek-{group}-{phase}"


def _intro(phase: str, who: str) -> str:
    return f"""
        # Kompetencetjek {PHASE_WORDS[phase]} {who} 🧭

        Det her er **ikke en prøve**. Du svarer på de samme spørgsmål i starten og i slutningen
        af skoleåret, så du og din lærer kan se, hvad du har lært i faget.
        Det er helt i orden ikke at kunne svare på alt - især i starten.

        Der er fire dele, én for hvert af fagets kompetenceområder. Hver del har tre spørgsmål,
        hvor du vælger et svar, og ét spørgsmål, hvor du skriver med dine egne ord
        (1-3 sætninger er nok).

        **Sådan svarer du:** Under hvert spørgsmål er der en celle. Slet de to linjer, der står i
        den, og skriv dit svar, fx `computationel_1 = "A"`. Kør cellen og test-cellen under den
        (Shift + Enter). Test-cellen siger kun til, hvis svaret ikke har den rigtige form - den
        siger ikke, om det er rigtigt. Tryk **Aflever**, når du er færdig.
    """


def build_check(group: str, phase: str) -> NotebookSpec:
    band, who = NOTEBOOK_CHECKS[group]
    items, reflections = BANKS[band]
    nb = NotebookSpec(check_id(group, phase), f"Kompetencetjek {PHASE_WORDS[phase]} {who}")
    nb.md(_intro(phase, who))
    for area in AREAS:
        nb.md(f"## {AREA_TITLES[area]}")
        for number, item in enumerate((i for i in items if i.area == area), start=1):
            var = f"{area}_{number}"
            nb.md(f"### Spørgsmål {number}\n\n" + _dedent(item.question)
                  + f"\n\nSkriv dit svar: `{var} = {_example(item)}`")
            nb.guess(f"{area}-{number}", 1, var, item.answer, item.wrong, options=item.options)
        reflection = next(r for r in reflections if r.area == area)
        nb.md("### Med dine egne ord\n\n" + _dedent(reflection.question))
        nb.answer(f"{area}-refleksion", 2, reflection.model)
    nb.md("""
        ## Tak! ✅

        Tryk **Aflever**. Din lærer læser dine svar med dine egne ord.
    """)
    return nb


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text).strip()


def _example(item: Item) -> str:
    return '"A"' if item.options else "..."


def build_all() -> list[NotebookSpec]:
    """Every notebook check-in: grades 4-9 and the valgfag, start and end of the year."""
    return [build_check(group, phase) for group in NOTEBOOK_CHECKS for phase in PHASES]


# --------------------------------------------------------------------------------------------
# indskoling (0.-3. klasse): four stations the teacher observes; no computer, no reading needed
# --------------------------------------------------------------------------------------------
#: what the teacher ticks per pupil ("tegn på læring"), two per area, the same at start and end
INDSKOLING_SIGNS = {
    "computationel-forudsiger": "Eleven kan forudsige, hvor robotten ender, ud fra fire pilekort.",
    "computationel-retter-fejl": "Eleven kan finde og rette det forkerte kort i et robotprogram.",
    "handleevne-input-output": "Eleven kan sortere mindst 5 af 6 billedkort i 'går ind' og 'kommer ud'.",
    "handleevne-adgangskode": "Eleven ved, at en adgangskode er hemmelig, og hvad man gør, hvis nogen spørger efter den.",
    "myndiggoerelse-spoerg-foerst": "Eleven kan pege på oplysninger, man skal spørge en voksen om, før man deler dem.",
    "myndiggoerelse-godt-og-skidt": "Eleven kan nævne én god og én dårlig ting, en skærm eller et spil kan gøre for mennesker.",
    "design-forbedring": "Eleven kan foreslå en forbedring af en ting, der er svær at bruge.",
    "design-for-hvem": "Eleven kan sige, hvem forbedringen hjælper, og hvorfor.",
}

INDSKOLING_GRADES = (0, 1, 2, 3)


def indskoling_description(grade: int, phase: str) -> str:
    """The teacher's description of the indskoling check-in for one grade and occasion."""
    other = "slutningen" if phase == "start" else "starten"
    return f"""# Kompetencetjek {PHASE_WORDS[phase]} {grade}. klasse

**Tid:** 1 lektion · {grade}. klasse · aktivitet uden computer · læreren observerer og krydser af

Et kort tjek af, hvad eleverne kan i fagets fire kompetenceområder. Eleverne løser fire små
opgaver ved fire stationer, og læreren krydser af pr. elev, hvad hun ser. Det er **de samme
opgaver** i starten og i slutningen af skoleåret (og i alle indskolingens klasser), så
krydserne kan sammenlignes. Eleverne skal ikke kunne læse eller skrive. Tjekket i {other} af
året er magen til dette.

## Materialer
- **Station 1 (robotten):** et gitter på 4 × 4 felter (malertape på gulvet eller et A3-ark),
  en lille figur som robot, en stjerne på et felt som mål, pilekort (frem, drej til venstre,
  drej til højre) og de to programmer nedenfor, lagt med pilekort.
- **Station 2 (ind eller ud):** seks billedkort: knap, mikrofon, tastatur, skærm, højttaler,
  lampe. To skåle med skiltene *går ind* (en pil ind i en kasse) og *kommer ud* (en pil ud).
- **Station 3 (hvad må spillet vide?):** seks billedkort: et navn, en alder, et hus (hvor jeg
  bor), en yndlingsfarve, et billede af mig, et yndlingsdyr.
- **Station 4 (gør det bedre):** en ting, der er svær at bruge for små børn, fx en drikkedunk
  med et stramt låg, en saks til højrehåndede eller et billede af en app med bittesmå knapper.
- Afkrydsningsark: klassens elever i rækker, de otte tegn på læring i kolonner.

## Sådan gør I
Saml 3-4 elever ad gangen ved stationerne; resten af klassen tegner eller leger stille
(fx tegner sin drømmerobot). Hver station tager 2-3 minutter pr. gruppe. Spørg hver elev for
sig, og lad eleverne pege og vise frem for at skrive. Sig det samme til alle (teksterne
herunder), og hjælp ikke med svaret - sig "godt forsøgt", uanset hvad eleven svarer.

### Station 1: Robotten (computationel tankegang)
1. Læg programmet **frem, frem, drej til højre, frem** ved siden af gitteret. Sæt robotten i
   hjørnet nederst til venstre, med næsen opad. Sig: *"Peg på det felt, hvor robotten ender."*
   Kryds af, hvis eleven peger rigtigt, **før** nogen flytter robotten.
2. Læg programmet **frem, drej til venstre, frem, frem** og sig: *"Robotten skulle ende på
   stjernen, men den går forkert. Find det kort, der er forkert, og byt det."* Læg stjernen,
   så programmet ville nå den med **drej til højre** i stedet for drej til venstre.
   Kryds af, hvis eleven finder og bytter det kort.

### Station 2: Går ind eller kommer ud? (teknologisk handleevne)
1. Sig: *"Nogle dele giver computeren besked. De går ind. Andre dele viser eller siger noget
   til os. De kommer ud. Læg kortene i den rigtige skål."* Kryds af ved mindst 5 rigtige af 6
   (ind: knap, mikrofon, tastatur; ud: skærm, højttaler, lampe).
2. Spørg: *"En fra en anden klasse spørger om din kode til iPad'en. Hvad gør du?"* Kryds af,
   hvis eleven siger, at koden er hemmelig / man siger nej, og at man fortæller en voksen det.

### Station 3: Hvad må spillet vide? (digital myndiggørelse)
1. Sig: *"Et spil spørger om de her ting. Hvilke skal du spørge en voksen om, før du skriver
   dem?"* Kryds af, hvis eleven peger på mindst to af: hvor jeg bor, billede af mig, navn.
2. Spørg: *"Sig én god ting, en iPad eller et spil kan gøre for os - og én ting, der ikke er
   godt."* Kryds af, hvis eleven nævner både noget godt (fx lære, ringe til mormor) og noget
   dårligt (fx man bliver ved for længe, nogen kan være grimme).

### Station 4: Gør det bedre (digital design)
1. Vis tingen og sig: *"Den her er svær at bruge for nogle børn. Hvordan kunne man gøre den
   bedre?"* Kryds af, hvis eleven foreslår en konkret ændring (tegne eller vise må bruges).
2. Spørg: *"Hvem hjælper det? Hvorfor?"* Kryds af, hvis eleven siger, hvem det hjælper, og
   kobler det til problemet (fx "de små, for de har ikke så meget kraft i hænderne").

## Sådan registrerer du
Kryds de otte tegn på læring af pr. elev i portalen (eller på afkrydsningsarket, og overfør
dem bagefter). Et kryds betyder: eleven viste det i dag, uden hjælp. Intet kryds betyder ikke,
at eleven "ikke kan" - kun at du ikke så det i dag. Portalens effektrapport sammenligner
klassens kryds i starten og slutningen af året, pr. kompetenceområde; den viser aldrig
enkelte elevers navne over klasseniveau.

## Til læreren
Hold stemningen legende: det er et tjek af undervisningen, ikke af eleverne. Elever, der har
brug for det, må svare på deres modersmål med hjælp fra en voksen, eller vise med hænderne.
Skriv ikke svarene op i klassen, så opgaverne er lige nye i slutningen af året.
"""


#: the recording sheet's short column names for the signs, in order
SIGN_COLUMNS = ("C1", "C2", "H1", "H2", "M1", "M2", "D1", "D2")

INDSKOLING_KOPIARK = """# Kopiark til indskolingens kompetencetjek (samme i 0.-3. klasse, ved start og slut).
# Written by notebooks/_build/kompetencetjek.py - edit it there.
pages:
  - kind: worksheet
    title: Station 1 - robotten
    print: "Til stationen: gitteret (forstør til A3, eller tape det på gulvet), og pilekortene nedenfor."
    name_line: false
    intro: "Robotten starter nederst til venstre med næsen opad. Stjernen er målet i opgave 2."
    blocks:
      - figure: {grid: {rows: ["....", "....", "..X.", "S..."]}}
        width: 90
      - text: "**Opgave 1:** frem, frem, drej til højre, frem. **Opgave 2 (med én fejl):** frem, drej til venstre, frem, frem - det rigtige er drej til højre."
  - kind: cards
    title: Pilekort
    print: "Ét sæt til stationen, på karton."
    columns: 4
    cards:
      - {figure: {arrow: up}, text: Frem}
      - {figure: {arrow: up}, text: Frem}
      - {figure: {arrow: up}, text: Frem}
      - {figure: {arrow: turn-left}, text: Drej til venstre}
      - {figure: {arrow: turn-right}, text: Drej til højre}
      - {figure: {arrow: turn-right}, text: Drej til højre}
  - kind: cards
    title: Station 2 - går ind eller kommer ud?
    print: "Ét sæt billedkort og de to skilte til stationen."
    columns: 4
    cards:
      - {figure: {icon: knap}, text: Knap}
      - {text: Mikrofon, small: "(tegn en mikrofon)"}
      - {text: Tastatur, small: "(tegn et tastatur)"}
      - {text: Skærm, small: "(tegn en skærm)"}
      - {figure: {icon: højttaler}, text: Højttaler}
      - {figure: {icon: lampe}, text: Lampe}
      - {figure: {arrow: right}, text: GÅR IND}
      - {figure: {arrow: left}, text: KOMMER UD}
  - kind: cards
    title: Station 3 - hvad må spillet vide?
    print: "Ét sæt billedkort til stationen."
    columns: 3
    cards:
      - {text: Mit navn}
      - {text: Min alder}
      - {figure: {icon: hus}, text: Hvor jeg bor}
      - {text: Min yndlingsfarve}
      - {figure: {icon: kamera}, text: Et billede af mig}
      - {figure: {icon: pote}, text: Mit yndlingsdyr}
  - kind: read_aloud
    title: Det siger læreren ved stationerne
    print: "Til læreren. Sig det samme til alle, og hjælp ikke med svaret."
    text: |
      Station 1: "Peg på det felt, hvor robotten ender." - "Robotten skulle ende på stjernen, men
      den går forkert. Find det kort, der er forkert, og byt det."

      Station 2: "Nogle dele giver computeren besked. De går ind. Andre dele viser eller siger noget
      til os. De kommer ud. Læg kortene i den rigtige skål." - "En fra en anden klasse spørger om din
      kode til iPad'en. Hvad gør du?"

      Station 3: "Et spil spørger om de her ting. Hvilke skal du spørge en voksen om, før du skriver
      dem?" - "Sig én god ting, en iPad eller et spil kan gøre for os - og én ting, der ikke er godt."

      Station 4: "Den her er svær at bruge for nogle børn. Hvordan kunne man gøre den bedre?" -
      "Hvem hjælper det? Hvorfor?"
  - kind: worksheet
    title: Afkrydsningsark
    print: "Ét pr. 20 elever. Overfør krydserne til portalen."
    name_line: false
    intro: "Kryds af, når eleven viser det i dag uden hjælp. LEGEND"
    blocks:
      - table: {columns: [Elev, COLUMNS], rows: 20}
"""


def indskoling_kopiark() -> str:
    """The printables of the indskoling check-in (the same for every grade and occasion)."""
    legend = " · ".join(f"**{column}** {text.removeprefix('Eleven ').rstrip('.')}"
                        for column, text in zip(SIGN_COLUMNS, INDSKOLING_SIGNS.values()))
    return INDSKOLING_KOPIARK.replace("LEGEND", legend.replace('"', "'")).replace("COLUMNS", ", ".join(SIGN_COLUMNS))


def files() -> dict[str, str]:
    """The unplugged check-ins of grades 0-3 (descriptions and kopiark): repository path -> text."""
    out = {}
    for grade in INDSKOLING_GRADES:
        for phase in PHASES:
            out[f"curriculum/unplugged/{check_id(f'g{grade}', phase)}.md"] = indskoling_description(grade, phase)
            out[f"curriculum/kopiark/{check_id(f'g{grade}', phase)}.yaml"] = indskoling_kopiark()
    return out
