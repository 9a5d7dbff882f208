"""Fictional news articles, written from templates, to distort and benchmark on.

Every name, place, outlet and organisation here is invented for sourcetrace. An article has a
headline, a lead, two or three named speakers with roles, direct quotes ("..., X said"),
reported speech ("X said ...", "According to X, ..."), hedges (modals, conditions, "I think"),
numbers, dates, quantifiers and negations: the material every distortion in
:mod:`sourcetrace.synth.edits` works on. About one article in five uses the interview-collection
layout (a speaker's name line, then that person's paragraphs, no "said").
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

FIRST_NAMES = (
    "Mara",
    "Tomas",
    "Ilse",
    "Oren",
    "Priya",
    "Casimir",
    "Edda",
    "Joaquin",
    "Nadia",
    "Soren",
    "Lucia",
    "Bram",
    "Hana",
    "Idris",
    "Greta",
    "Matteo",
    "Yara",
    "Felix",
    "Ines",
    "Kofi",
    "Alma",
    "Rasmus",
    "Leila",
    "Anton",
    "Selma",
    "Dario",
    "Freya",
    "Malik",
    "Vera",
    "Hugo",
)
SURNAMES = (
    "Quint",
    "Eberle",
    "Varga",
    "Lindqvist",
    "Okafor",
    "Marchetti",
    "Halloran",
    "Brandt",
    "Sorensen",
    "Kowalczyk",
    "Ferreira",
    "Nakamura",
    "Abernethy",
    "Delacroix",
    "Ivers",
    "Thorsby",
    "Mbeki",
    "Castellan",
    "Rowntree",
    "Petrakis",
    "Vance",
    "Oyelaran",
    "Strand",
    "Bellamy",
    "Kaczmar",
    "Ashdown",
    "Renwick",
    "Tamsin",
    "Wolcott",
    "Haverly",
)
TOWNS = (
    "Lenwick",
    "Harrowgate",
    "Marrowdale",
    "Port Sellery",
    "Eastwick Vale",
    "Corran",
    "Bexmoor",
    "Aldenford",
    "Kestrel Bay",
    "Dunmarrow",
    "Fallowmere",
    "Greyfen",
    "Orrin Falls",
    "Saltcombe",
    "Tavish",
    "Wrenbury",
    "Brackwater",
    "Holloway Cross",
    "Millbrook",
    "Ostravel",
)
REGIONS = ("Northmarch", "the Vale of Orrin", "West Calder", "the Sellery Coast", "Upper Fenland")
OUTLETS = (
    "The Kestrel Gazette",
    "Lenwick Evening Post",
    "Northmarch Herald",
    "The Fallowmere Times",
    "Orrin Valley News",
    "The Saltcombe Courier",
    "Greyfen Daily",
    "Calder Observer",
    "The Brackwater Ledger",
    "Wrenbury Chronicle",
    "Coastline Wire",
    "The Civic Record",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
CONDITIONS = (
    "if necessary",
    "if the funding holds",
    "if the weather allows",
    "unless the vote fails",
    "if the council agrees",
    "as long as costs stay down",
    "if needed",
)
# Material for the typed-change distortions (measure, period, sourcing, alternatives, actors,
# fragment quotes): figures with what they measure and when, reported claims, closed
# coordinations, unowned noun phrases and short quoted phrases inside narration.
MEASURES = ("revenue", "operating costs", "ticket sales", "spending", "adjusted operating income")
QUARTERS = ("first", "second", "third", "fourth")
TEAMS = ("repair crew", "inspection team", "review panel", "survey team", "mediation team")
VERDICTS = ("long overdue", "badly planned", "a welcome change", "far too slow")
FRAGMENTS = (
    "in no danger at all",
    "ahead of schedule",
    "too expensive for now",
    "on the right track",
)
HEDGED_OPENINGS = ("I think", "I believe", "In my view,", "I doubt that", "It seems that")
# Varied corpora (``generate_articles(..., variety=True)``): unrelated articles of a large
# corpus should share no more than real unrelated articles do, so places and people come from
# many invented names (stems x endings), and headlines, leads and closings from several forms.
TOWN_STEMS = (
    "Len", "Harrow", "Marrow", "Bex", "Alden", "Kes", "Dun", "Fallow", "Grey", "Salt",
    "Wren", "Brack", "Mill", "Ost", "Corr", "Tav", "Ash", "Bram", "Cal", "Elm", "Fen",
    "Gorm", "Hal", "Ivy", "Kil", "Lark", "Mor", "Nether", "Pell", "Quarr", "Rook", "Stan",
    "Thorn", "Ulver", "Wex", "Yar",
)  # fmt: skip
TOWN_ENDINGS = (
    "wick", "gate", "dale", "moor", "ford", "mere", "combe", "bury", "water", "brook",
    "ton", "ham", "field", "holm", "stead", "thorpe", "cross", "by",
)  # fmt: skip
MANY_TOWNS = tuple(stem + ending for stem in TOWN_STEMS for ending in TOWN_ENDINGS)
MANY_REGIONS = tuple(
    form.format(stem + ending)
    for form in ("North {}", "the {} Coast", "Upper {}", "West {}", "the Vale of {}")
    for stem in TOWN_STEMS
    for ending in ("ia", "land", "shire")
)
SURNAME_ENDINGS = ("quist", "ley", "stone", "ard", "ino", "ova", "sen", "ell", "oux", "berg")
MANY_SURNAMES = SURNAMES + tuple(stem + ending for stem in TOWN_STEMS for ending in SURNAME_ENDINGS)
MANY_FIRST_NAMES = (
    *FIRST_NAMES,
    "Amara", "Benedek", "Cleo", "Dmitri", "Elif", "Fintan", "Gwen", "Halvard", "Iona",
    "Jiro", "Katya", "Lorcan", "Mirela", "Niamh", "Otto", "Paloma", "Rafe", "Sunniva",
    "Teodor", "Ulla", "Viggo", "Wanda", "Ximena", "Yusuf", "Zora",
)  # fmt: skip
# Headline forms filled from an article's own facts (speaker, place, number, claim).
HEADLINE_FORMS = (
    "{town}: {claim}",
    "{last} warns over {subject} in {town}",
    "{org} under pressure over {subject}",
    "Questions in {town} as {subject} faces {number} bill",
    "{first} {last} on what {project} means for {town}",
    "{town} {units} wait for word on {subject}",
    "What next for {subject}? {org} to decide {when}",
)
LEAD_FORMS = (
    "The {org} said on {day} that {claim}.",
    "{claim_cap}, the {org} announced on {day}.",
    "Officials at the {org} confirmed on {day} that {claim}.",
    "In a statement released on {day}, the {org} said {claim}.",
)
IMPACT_FORMS = (
    "The decision on {project} affects {number} in {town} and {town2}, and officials in "
    "{region} have not commented.",
    "Some {number} in {town} and {town2} depend on {project}; {region}'s officials gave no "
    "comment.",
    "{project_cap} matters to {number} across {town} and {town2}, though nobody in {region} "
    "would comment.",
    "At stake for {town} and {town2} is {number}, and the authorities in {region} have stayed "
    "silent.",
)
INTRODUCTION_FORMS = (
    "{full}, {role}, said {claim}.",
    "According to {full}, {role}, {claim}.",
    "{claim_cap}, said {full}, {role}.",
    "Speaking for the {org}, {full} said {claim}.",
    "{full}, who has advised the {org} for years, believes {claim}.",
)
CLOSING_FORMS = (
    "The {org} will meet {when} to discuss {project}.",
    "A final decision from the {org} is expected {when}.",
    "{project_cap} returns to the {org}'s agenda {when}.",
    "Members of the {org} are due to vote {when}.",
)
DEGREES = ("to a large extent", "partly", "to some extent", "largely")


@dataclass(frozen=True)
class Topic:
    """The vocabulary of one kind of story; slots are filled per article."""

    name: str
    headlines: tuple[str, ...]
    orgs: tuple[str, ...]
    roles: tuple[str, ...]
    subjects: tuple[str, ...]
    actions: tuple[tuple[str, str], ...]  # (base form, past participle phrase)
    units: tuple[str, ...]
    project: str


TOPICS = (
    Topic(
        "water",
        ("{town} faces water limits as reservoir falls", "Reservoir plan splits {town}"),
        ("{town} Water Board", "{region} Hydrology Institute"),
        ("hydrologist", "chief engineer", "board member"),
        ("the reservoir", "the new pipeline", "water bills", "the treatment plant"),
        (
            ("reach full capacity", "reached full capacity"),
            ("raise water bills", "raised water bills"),
            ("delay the repairs", "delayed the repairs"),
            ("cut supply to farms", "cut supply to farms"),
        ),
        ("households", "farms", "businesses"),
        "the pipeline project",
    ),
    Topic(
        "transport",
        ("New tram line for {town} delayed again", "{town} bus fares to change"),
        ("{town} Transit Authority", "{region} Rail Company"),
        ("transport planner", "rail engineer", "trade union official"),
        ("the tram line", "bus fares", "the night service", "the new bridge"),
        (
            ("open to passengers", "opened to passengers"),
            ("raise ticket prices", "raised ticket prices"),
            ("close the old depot", "closed the old depot"),
            ("double the number of trains", "doubled the number of trains"),
        ),
        ("passengers", "commuters", "drivers"),
        "the tram extension",
    ),
    Topic(
        "health",
        ("{town} clinic trial reports early results", "Hospital waiting lists grow in {town}"),
        ("{town} General Hospital", "{region} Institute of Public Health"),
        ("epidemiologist", "chief nurse", "health economist"),
        ("the new clinic", "the vaccination drive", "waiting times", "the screening programme"),
        (
            ("reduce waiting times", "reduced waiting times"),
            ("prevent most infections", "prevented most infections"),
            ("expand to rural areas", "expanded to rural areas"),
            ("lower admissions", "lowered admissions"),
        ),
        ("patients", "nurses", "families"),
        "the screening programme",
    ),
    Topic(
        "schools",
        ("{town} schools to merge under new plan", "Exam results rise in {town}"),
        ("{town} Education Board", "{region} Teachers Union"),
        ("head teacher", "education researcher", "school governor"),
        ("the merger", "class sizes", "the new curriculum", "the school meals scheme"),
        (
            ("improve reading scores", "improved reading scores"),
            ("close two primary schools", "closed two primary schools"),
            ("hire more teachers", "hired more teachers"),
            ("cut class sizes", "cut class sizes"),
        ),
        ("pupils", "teachers", "parents"),
        "the school merger",
    ),
    Topic(
        "energy",
        ("Wind farm off {town} wins approval", "{town} power bills set to climb"),
        ("{region} Energy Cooperative", "{town} Grid Company"),
        ("energy analyst", "grid engineer", "cooperative chair"),
        ("the wind farm", "power bills", "the new substation", "the solar scheme"),
        (
            ("supply the whole district", "supplied the whole district"),
            ("raise power bills", "raised power bills"),
            ("replace the coal plant", "replaced the coal plant"),
            ("create local jobs", "created local jobs"),
        ),
        ("homes", "workers", "customers"),
        "the wind farm",
    ),
    Topic(
        "housing",
        ("{town} approves 400 new homes", "Rents climb again in {town}"),
        ("{town} Housing Trust", "{region} Planning Office"),
        ("planning officer", "housing economist", "tenants' advocate"),
        ("the housing plan", "rents", "the new estate", "the empty offices"),
        (
            ("ease the shortage", "eased the shortage"),
            ("push rents higher", "pushed rents higher"),
            ("house young families", "housed young families"),
            ("replace the old estate", "replaced the old estate"),
        ),
        ("tenants", "families", "first-time buyers"),
        "the housing plan",
    ),
    Topic(
        "farming",
        ("Harvest losses hit {town} growers", "{town} orchards count frost damage"),
        ("{region} Growers Association", "{town} Agricultural College"),
        ("agronomist", "orchard owner", "market analyst"),
        ("the harvest", "grain prices", "the irrigation scheme", "the frost"),
        (
            ("damage the apple crop", "damaged the apple crop"),
            ("raise grain prices", "raised grain prices"),
            ("save the orchards", "saved the orchards"),
            ("halve the yield", "halved the yield"),
        ),
        ("growers", "farm workers", "buyers"),
        "the irrigation scheme",
    ),
    Topic(
        "technology",
        ("{town} start-up unveils delivery drones", "Data centre planned near {town}"),
        ("{town} Digital Works", "{region} Institute of Technology"),
        ("software engineer", "privacy researcher", "chief executive"),
        ("the drone service", "the data centre", "the new app", "broadband coverage"),
        (
            ("replace delivery vans", "replaced delivery vans"),
            ("use more water than the town", "used more water than the town"),
            ("reach every village", "reached every village"),
            ("store personal data abroad", "stored personal data abroad"),
        ),
        ("customers", "users", "residents"),
        "the data centre",
    ),
    Topic(
        "culture",
        ("{town} museum to reopen after repairs", "Festival returns to {town}"),
        ("{town} City Museum", "{region} Arts Council"),
        ("curator", "festival director", "arts critic"),
        ("the museum", "the festival", "ticket sales", "the restored theatre"),
        (
            ("reopen in spring", "reopened in spring"),
            ("draw record crowds", "drawn record crowds"),
            ("lose its funding", "lost its funding"),
            ("move to a larger site", "moved to a larger site"),
        ),
        ("visitors", "artists", "volunteers"),
        "the restoration",
    ),
    Topic(
        "environment",
        ("Rare birds return to {town} marshes", "Flood defences for {town} questioned"),
        ("{region} Wildlife Trust", "{town} Flood Agency"),
        ("ecologist", "flood engineer", "conservation officer"),
        ("the marshes", "the flood wall", "the river", "the bird population"),
        (
            ("protect the lower town", "protected the lower town"),
            ("recover within a decade", "recovered within a decade"),
            ("flood the farmland", "flooded the farmland"),
            ("double in size", "doubled in size"),
        ),
        ("species", "residents", "landowners"),
        "the flood wall",
    ),
)


@dataclass
class _Speaker:
    first: str
    last: str
    role: str
    org: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


class _Writer:
    """Fills one article's templates from a topic and a random generator."""

    def __init__(
        self, topic: Topic, rng: random.Random, published: date, variety: bool = False
    ) -> None:
        self.topic = topic
        self.rng = rng
        self.published = published
        self.variety = variety
        self.town, self.town2 = rng.sample(MANY_TOWNS if variety else TOWNS, 2)
        self.region = rng.choice(MANY_REGIONS if variety else REGIONS)
        # "the Vale of Orrin" makes "Vale of Orrin Energy Cooperative": templates add "the"
        self.orgs = [
            org.format(town=self.town, region=self.region).removeprefix("the ")
            for org in topic.orgs
        ]
        surnames = MANY_SURNAMES if variety else SURNAMES
        names = rng.sample(range(len(surnames)), 3)
        firsts = rng.sample(MANY_FIRST_NAMES if variety else FIRST_NAMES, 3)
        roles = list(topic.roles)
        rng.shuffle(roles)
        self.speakers = [
            _Speaker(firsts[i], surnames[names[i]], roles[i % len(roles)], self.orgs[i % 2])
            for i in range(rng.choice((2, 3)))
        ]
        self.used: set[str] = set()

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        """A random option, preferring ones this article has not used yet."""
        fresh = [o for o in options if o not in self.used] or list(options)
        choice = self.rng.choice(fresh)
        self.used.add(choice)
        return choice

    def number(self) -> str:
        kind = self.rng.random()
        if kind < 0.3:
            return f"{self.rng.randint(3, 60)} percent"
        if kind < 0.6:
            return f"{self.rng.randint(2, 40) * 100:,} {self.pick(self.topic.units)}"
        if kind < 0.8:
            return f"${self.rng.randint(2, 95) / 2:g} million"
        count = self.pick(("two", "three", "four", "five", "six", "ten"))
        return f"{count} {self.pick(self.topic.units)}"

    def when(self) -> str:
        kind = self.rng.random()
        if kind < 0.35:
            return f"on {self.pick(WEEKDAYS)}"
        later = self.published + timedelta(days=self.rng.randint(20, 400))
        if kind < 0.7:
            return f"by {later.day} {MONTHS[later.month - 1]}"
        return f"in {later.year}"

    def claim(self, first_person: bool = False) -> str:
        """A clause (no final stop) with a subject, a verb and one or two hedges or details."""
        rng = self.rng
        subject = self.pick(self.topic.subjects)
        base, past = self.rng.choice(self.topic.actions)
        form = rng.random()
        if form < 0.25:
            clause = f"{subject} {rng.choice(('may', 'could', 'might'))} {base}"
        elif form < 0.45:
            clause = f"{subject} will not {base} {self.when()}"
        elif form < 0.6:
            have = "have" if subject.endswith("s") else "has"  # plural subjects end in -s here
            clause = f"{subject} {have} {rng.choice(('already', 'not yet'))} {past}"
        elif form < 0.75:
            clause = f"both {self.town} and {self.town2} {rng.choice(('need', 'want'))} {subject}"
        elif form < 0.88:
            clause = f"{subject} will {base} {self.when()}"
        else:
            stance = rng.choice(("support", "oppose"))
            clause = f"all of the {self.pick(self.topic.units)} {stance} {subject}"
        extra = rng.random()
        if extra < 0.3:
            clause += f" {self.pick(CONDITIONS)}"
        elif extra < 0.45:
            clause += f", {self.pick(DEGREES)}"
        elif extra < 0.65:
            clause += f", affecting {self.number()}"
        if first_person and rng.random() < 0.4:
            opening = self.pick(HEDGED_OPENINGS)
            clause = f"{opening} {clause}"
        return clause

    @staticmethod
    def sentence(clause: str) -> str:
        return clause[0].upper() + clause[1:] + "."

    def quote(self, speaker: _Speaker, surname_only: bool = True) -> str:
        who = speaker.last if surname_only else speaker.full
        verb = self.pick(("said", "said", "added", "says", "told reporters"))
        return f"“{self.sentence(self.claim(first_person=True))[:-1]},” {who} {verb}."

    def introduction(self, speaker: _Speaker) -> str:
        article = "an" if speaker.role[0] in "aeiou" else "a"
        role = f"{article} {speaker.role} at the {speaker.org}"
        if self.variety:
            claim = self.claim()
            form = self.rng.choice(INTRODUCTION_FORMS)
            return form.format(
                full=speaker.full,
                role=role,
                org=speaker.org,
                claim=claim,
                claim_cap=claim[0].upper() + claim[1:],
            )
        if self.rng.random() < 0.5:
            return f"{speaker.full}, {role}, said {self.claim()}."
        return f"According to {speaker.full}, {role}, {self.claim()}."

    def slots(self) -> dict[str, str]:
        """Values for the varied forms (HEADLINE_FORMS, LEAD_FORMS, ...)."""
        speaker = self.rng.choice(self.speakers)
        claim = self.claim()
        project = self.topic.project
        return {
            "town": self.town,
            "town2": self.town2,
            "region": self.region,
            "org": self.orgs[0],
            "first": speaker.first,
            "last": speaker.last,
            "claim": claim,
            "claim_cap": claim[0].upper() + claim[1:],
            "subject": self.pick(self.topic.subjects),
            "units": self.pick(self.topic.units),
            "number": self.number(),
            "project": project,
            "project_cap": project[0].upper() + project[1:],
            "when": self.when(),
            "day": self.pick(WEEKDAYS),
        }

    def title(self) -> str:
        if not self.variety or self.rng.random() < 0.3:
            return self.pick(self.topic.headlines).format(town=self.town)
        title = self.rng.choice(HEADLINE_FORMS).format(**self.slots())
        return title[0].upper() + title[1:]

    def lead(self) -> list[str]:
        org = self.orgs[0]
        if self.variety:
            slots = self.slots()
            impact = self.rng.choice(IMPACT_FORMS).format(**slots)
            return [self.rng.choice(LEAD_FORMS).format(**slots), impact]
        return [
            f"The {org} said on {self.pick(WEEKDAYS)} that {self.claim()}.",
            f"The decision on {self.topic.project} affects {self.number()} in {self.town} and "
            f"{self.town2}, and officials in {self.region} have not commented.",
        ]

    def typed(self, extra: random.Random) -> list[str]:
        """Sentences for the typed-change distortions, drawn from their own generator so that
        the rest of the article stays as it was before they existed."""
        org, org2 = self.orgs
        measure = extra.choice(MEASURES)
        quarter = extra.choice(QUARTERS)
        now, before = extra.randint(20, 400), extra.randint(20, 400)
        outlet = extra.choice(OUTLETS)
        subject = extra.choice(self.topic.subjects)
        base, _ = extra.choice(self.topic.actions)
        sentences = [
            f"The {org} said its {measure} rose to ${now} million in the {quarter} quarter, "
            f"from ${before} million in the same quarter a year earlier.",
            extra.choice(
                (
                    f"{outlet} reported, citing unnamed officials, that {subject} will {base}.",
                    f"According to a report in {outlet}, {subject} will {base}.",
                )
            ),
            f"The {org2} said it would neither approve nor reject {self.topic.project}.",
            f"Officials plan to send a {extra.choice(TEAMS)} to {self.town} next month.",
        ]
        return sentences

    def fragment_quote(self, speaker: _Speaker, extra: random.Random) -> str:
        subject = extra.choice(self.topic.subjects)
        return (
            f"{speaker.full} called {subject} “{extra.choice(VERDICTS)}” and said "
            f"{self.topic.project} was “{extra.choice(FRAGMENTS)}”."
        )

    def news(self, extra: random.Random | None = None) -> str:
        typed = self.typed(extra) if extra is not None else []
        paragraphs = [" ".join(self.lead())]
        if typed:
            paragraphs.append(" ".join(typed[:2]))
        for number, speaker in enumerate(self.speakers):
            sentences = [self.introduction(speaker), self.quote(speaker)]
            if self.rng.random() < 0.6:
                sentences.append(f"{speaker.last} said {self.claim()}.")
            if extra is not None and number == 0:
                sentences.append(self.fragment_quote(speaker, extra))
            paragraphs.append(" ".join(sentences))
        if typed:
            paragraphs.append(" ".join(typed[2:]))
        meeting = f"The {self.orgs[1]} will meet {self.when()} to discuss {self.topic.project}."
        if self.variety:
            slots = self.slots() | {"org": self.orgs[1]}
            meeting = self.rng.choice(CLOSING_FORMS).format(**slots)
        closing = [
            meeting,
            self.sentence(self.claim()),
        ]
        paragraphs.append(" ".join(closing))
        return "\n\n".join(paragraphs)

    def interview(self) -> str:
        note = (
            f"Editor's Note: {self.sentence(self.claim())} What will {self.topic.project} mean "
            f"for {self.town}? We asked {len(self.speakers)} experts."
        )
        paragraphs = [note]
        for speaker in self.speakers:
            paragraphs.append(f"{speaker.full}, {speaker.role} at the {speaker.org}")
            body = [self.sentence(self.claim(first_person=True)) for _ in range(3)]
            paragraphs.append(" ".join(body))
        return "\n\n".join(paragraphs)


def generate_articles(
    n: int, seed: int, typed: bool = True, variety: bool = False
) -> list[dict[str, Any]]:
    """``n`` fictional news articles: dicts with id, title, outlet, published (ISO) and text.

    The same ``n`` and ``seed`` always give the same articles; topics, outlets, speakers,
    layouts and dates vary from one article to the next. With ``typed`` news articles also
    carry material for the typed-change distortions (figures with measures and quarters,
    reported claims, closed coordinations, fragment quotes), drawn from a generator of their
    own so that the rest of each article is the same either way. With ``variety`` places,
    people, headlines, leads and closings come from much larger pools (MANY_TOWNS,
    HEADLINE_FORMS, ...): unrelated articles of a large corpus then share about as much as
    real unrelated articles do (corpus benchmarks); without it the articles are those the
    distortion benchmarks have always used.
    """
    rng = random.Random(seed)
    articles = []
    for number in range(n):
        topic = TOPICS[(number + rng.randrange(len(TOPICS))) % len(TOPICS)]
        published = date(2030, 1, 1) + timedelta(days=rng.randint(0, 1500))
        writer = _Writer(topic, rng, published, variety)
        title = writer.title()
        extra = random.Random(f"typed-{seed}-{number}") if typed else None
        body = writer.interview() if rng.random() < 0.2 else writer.news(extra)
        articles.append(
            {
                "id": f"fiction-{seed}-{number:04d}",
                "title": title,
                "outlet": rng.choice(OUTLETS),
                "published": published.isoformat(),
                "text": f"{title}\n\n{body}\n",
            }
        )
    return articles
