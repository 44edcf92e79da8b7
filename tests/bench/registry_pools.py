"""Pools of the registry corpus: sentences, names, sponsors, sites, drawn once per process.

The pools are drawn from fixed seeds, independent of the corpus seed, and shared by every
study (shared_pools()).
"""
from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .corpus import CRITERION_PATTERNS, _Writer
from .registry_mesh import condition_block, drug_block
from .registry_places import FACILITY_STYLES, PLACES
from .registry_types import Study
from .registry_vocab_medical import ORGAN_SYSTEMS, SCALES
from .registry_vocab_people import COMPANIES, FIRST_NAMES, JOURNALS, LAST_NAMES, MONTH_ABBR
from .registry_vocab_text import CRITERIA_EXTRA, MEASURE_PATTERNS, TIME_FRAMES
from .vocab import COMPANY_SUFFIXES, DRUG_SYLLABLES, Vocabulary, _cumulative, vocabulary


def nonblank_lines(text: str) -> list[str]:
    """The lines of text that hold more than spaces, stripped."""
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


def accumulate(values: Iterable[float]) -> Iterator[float]:
    """Running totals of values."""
    total = 0.0
    for value in values:
        total += value
        yield total


@dataclass(frozen=True)
class Place:
    country: str
    calling: str
    style: str
    city: str
    state: str | None
    geo: dict[str, float]


@dataclass(frozen=True)
class Site:
    facility: str
    city: str
    state: str | None
    zip: str | None
    country: str
    geo: dict[str, float] | None
    calling: str
    plain: Study  # the location object without status and contacts


def fill_code(pattern: str, prefix: str, rng: random.Random) -> str:
    """A code of the pattern (# a digit, @ a capital letter) that starts with prefix.

    A prefix as long as the part before the pattern's space replaces that part ("EH16").
    """
    space = pattern.find(" ")
    if 0 < space <= len(prefix):
        out, rest = list(prefix), pattern[space:]
    else:
        out, rest = list(prefix[: len(pattern)]), pattern[len(prefix):]
    for char in rest:
        if char == "#":
            out.append(str(rng.randrange(10)))
        elif char == "@":
            out.append(chr(65 + rng.randrange(26)))
        else:
            out.append(char)
    return "".join(out)


class Pools:
    """Sentences, names, sites and derived blocks, drawn once from fixed seeds."""

    def __init__(self, vocab: Vocabulary) -> None:
        rng = random.Random(20250930)
        writer = _Writer(rng, vocab)
        self.heads: list[str] = []
        self.tails: list[str] = []
        for _ in range(24_000):
            words = writer.sentence(8, 22).split(" ")
            cut = max(1, len(words) // 2)
            self.heads.append(" ".join(words[:cut]))
            self.tails.append(" " + " ".join(words[cut:]))  # with its leading space
        self.rare = vocab.rare_words
        self.words = vocab.words[:600]
        self.top_words = vocab.words[:300]
        self.conditions = vocab.conditions
        self.condition_cum = vocab.condition_weights
        self.drugs = vocab.drugs
        self.interventions = vocab.interventions
        self.names = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
        rng.shuffle(self.names)
        self._sponsors(vocab, rng)
        self._places(rng)
        self.condition_blocks = {c: condition_block(c) for c in self.conditions}
        self.drug_blocks = {d: drug_block(d) for d in self.drugs}
        self.other_names = [self._code(rng) for _ in range(3000)]
        self.measures = [self._measure_template(rng) for _ in range(6000)]
        self.citations = [self._citation(rng) for _ in range(20000)]
        self.criteria = [self._criterion_template(rng) for _ in range(20000)]
        self.brands = list(dict.fromkeys(
            ("".join(rng.choice(DRUG_SYLLABLES) for _ in range(rng.randint(2, 3)))
             + rng.choice(["x", "ra", "vo", "lia", "tra", "max", "ine", "on"])).capitalize()
            for _ in range(2000)))

    def _citation(self, rng: random.Random) -> tuple[str, str]:
        """A citation in two halves, between which a study may put a word of its topic."""
        authors = ", ".join(
            f"{rng.choice(LAST_NAMES)} {chr(65 + rng.randrange(26))}"
            f"{chr(65 + rng.randrange(26)) if rng.random() < 0.5 else ''}"
            for _ in range(rng.randint(1, 6)))
        head = rng.choice(self.heads)
        tail = rng.choice(self.tails)
        return (f"{authors}{', et al' if rng.random() < 0.4 else ''}. {head}",
                f"{tail[1:]} {rng.choice(JOURNALS)}. {rng.randint(1985, 2025)} "
                f"{rng.choice(MONTH_ABBR)};{rng.randint(1, 400)}({rng.randint(1, 24)}):"
                f"{rng.randint(1, 3000)}-{rng.randint(1, 3000)}.")

    def _measure_template(self, rng: random.Random) -> tuple[str, bool, str]:
        """(measure, whether it still holds {d} or {c}, time frame)."""
        w = rng.choice([4, 8, 12, 12, 16, 24, 26, 48, 52])
        measure = rng.choice(MEASURE_PATTERNS).format(
            s=rng.choice(SCALES), w=w, m=rng.choice([3, 6, 12, 18, 24]), d="{d}", c="{c}",
            ae=rng.choice(rng.choice(ORGAN_SYSTEMS)[1]).lower(), dd=rng.choice([7, 28, 30, 90]),
            i="{d}")
        time_frame = rng.choice(TIME_FRAMES).format(
            w=w, w4=max(1, w // 4), m=rng.choice([3, 6, 12, 24, 36]), y=rng.choice([1, 2, 3, 5]),
            dd=rng.choice([7, 14, 28, 30, 90, 180]))
        return measure, "{" in measure, time_frame

    def _criterion_template(self, rng: random.Random) -> tuple[str, bool]:
        """(criterion, whether it still holds {d} or {c})."""
        if rng.random() < 0.6:
            a = rng.randint(12, 65)
            text = rng.choice(CRITERION_PATTERNS).format(
                a=a, b=a + rng.randint(5, 60), n=rng.randint(1, 12), m=rng.randint(15, 90),
                c="{c}", w=rng.choice(["WHO", "ACR/EULAR", "McDonald", "DSM-5", "RECIST 1.1",
                                       "Rome IV"]), d="{d}", d2=rng.choice(self.drugs))
        else:
            text = rng.choice(CRITERIA_EXTRA).format(
                a=rng.choice([18, 18, 12, 40, 50, 65]), n=rng.randint(1, 9),
                n2=rng.randint(0, 9), m=rng.choice([30, 45, 60]), b=rng.choice([40, 45, 50]),
                c="{c}", w=rng.choice(["WHO", "RECIST 1.1", "ICHD-3"]), d="{d}")
        return text, "{" in text

    @staticmethod
    def _code(rng: random.Random) -> str:
        letters = "".join(chr(65 + rng.randrange(26)) for _ in range(rng.randint(2, 4)))
        return f"{letters}{rng.choice(['-', '', ' '])}{rng.randint(10, 99999)}"

    def _sponsors(self, vocab: Vocabulary, rng: random.Random) -> None:
        companies = set(COMPANIES)
        industry = list(dict.fromkeys(
            [s for s in vocab.sponsors if s in companies or s.endswith(tuple(COMPANY_SUFFIXES))]
            + COMPANIES))
        academic = [s for s in vocab.sponsors if s not in industry and "(NCI)" not in s]
        by_class: dict[str, list[str]] = {
            "OTHER": academic,
            "INDUSTRY": industry,
            "OTHER_GOV": ["Ministry of Health, Brazil", "Assistance Publique - Hôpitaux de Paris",
                          "Hospices Civils de Lyon", "Instituto de Salud Carlos III",
                          "Hong Kong Hospital Authority", "Medical Research Council",
                          "Public Health Agency of Canada", "Japan Agency for Medical Research"
                          " and Development", "Danish Regions", "Korea Disease Control and "
                          "Prevention Agency", "Servicio Madrileño de Salud"],
            "NIH": ["National Cancer Institute (NCI)", "National Institute of Allergy and "
                    "Infectious Diseases (NIAID)", "National Heart, Lung, and Blood Institute "
                    "(NHLBI)", "National Institute of Mental Health (NIMH)", "National "
                    "Institute on Aging (NIA)", "National Institute on Drug Abuse (NIDA)",
                    "National Institute of Neurological Disorders and Stroke (NINDS)"],
            "NETWORK": ["Children's Oncology Group", "ECOG-ACRIN Cancer Research Group",
                        "European Organisation for Research and Treatment of Cancer - EORTC",
                        "Alliance for Clinical Trials in Oncology", "NRG Oncology",
                        "SWOG Cancer Research Network", "Canadian Cancer Trials Group"],
            "FED": ["VA Office of Research and Development", "U.S. Army Medical Research and "
                    "Development Command", "Centers for Disease Control and Prevention",
                    "Uniformed Services University of the Health Sciences"],
            "INDIV": [f"{n.split(' ')[1]}, {n.split(' ')[0]}" for n in
                      rng.sample(self.names, 300)],
        }
        self.sponsor_classes = list(by_class)
        self.sponsor_class_cum = list(accumulate([71.5, 22, 2.7, 1.9, 0.8, 0.8, 0.3]))
        self.sponsors = by_class
        self.sponsor_cums = {k: _cumulative(len(v), 0.75, 4) for k, v in by_class.items()}
        self.collaborators = [s for names in by_class.values() for s in names[:60]]
        self.collaborator_class = {s: k for k, names in by_class.items() for s in names}

    def _places(self, rng: random.Random) -> None:
        places: list[Place] = []
        codes: list[tuple[str, str, float]] = []  # (zip pattern, zip prefix, state share)
        weights: list[float] = []
        share, zipfmt, state_share, rank = 0.0, "", 0.0, 0
        name = calling = style = ""
        for line in nonblank_lines(PLACES):
            if line.startswith("@"):
                name, share_text, calling, zipfmt, state_text, style = line[1:].split("|")
                share, state_share, rank = float(share_text), float(state_text), 0
                continue
            city, state, lat, lon, prefix = line.split(";")
            places.append(Place(name, calling, style, city, state or None,
                                 {"lat": float(lat), "lon": float(lon)}))
            codes.append((zipfmt, prefix, state_share))
            weights.append(share / (rank + 1.5) ** 0.9)
            rank += 1
        self.places = places
        self.place_cum = list(accumulate(weights))
        # Eight addressable facilities per city; the first ones are the busiest.
        self.sites: list[list[Site]] = []
        for place, (zipfmt, prefix, state_share) in zip(places, codes, strict=True):
            styles = FACILITY_STYLES.get(place.style, FACILITY_STYLES["en"])
            seen: dict[str, None] = {}
            while len(seen) < 8:
                pattern = rng.choice(styles)
                seen[pattern.format(C=place.city, L=rng.choice(LAST_NAMES))] = None
            row = []
            for name in seen:
                site_state = place.state if rng.random() < state_share else None
                code = fill_code(zipfmt, prefix, rng) if zipfmt and rng.random() < 0.9 else None
                geo = place.geo if rng.random() < 0.97 else None
                plain: Study = {"facility": name, "city": place.city}
                if site_state:
                    plain["state"] = site_state
                if code:
                    plain["zip"] = code
                plain["country"] = place.country
                if geo:
                    plain["geoPoint"] = geo
                row.append(Site(name, place.city, site_state, code, place.country, geo,
                                place.calling, plain))
            self.sites.append(row)


@lru_cache(maxsize=1)
def shared_pools() -> Pools:
    """The pools of this process (built on first use)."""
    return Pools(vocabulary())
