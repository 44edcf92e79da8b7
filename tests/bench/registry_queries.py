"""The query mix of the registry benchmark, chosen from the corpus's own words.

The mix has the categories of tests/bench (bench_search_engine.py, run.py): common, medium
and rare words, 2-3 word ANDs, phrases, field queries (condition:, intervention:, sponsor:),
filters (status:, phase:), OR and NOT, prefixes (``xx*``) and search as you type (the last
word a prefix of 1-6 letters, prefix_last=True). The words come from a sample of the
corpus's studies (spread over the whole corpus, the same for the same size and seed): their
document frequency in the sample places each word as common (in at least 40% of studies),
medium (1-10%) or rare (in one study of the sample). So every query has hits, whatever the
vocabulary of the generator becomes.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from . import registry_corpus

SAMPLE = 400
WORD = re.compile(r"[a-z]{4,}")
# Words the query language reads as operators, or too short to be words of interest.
# The modules whose words every search finds (sites, contacts and references are left out:
# they are searchable through their own fields, country:, city:, site:, pmid:).
SEARCHED = ("identificationModule", "sponsorCollaboratorsModule", "descriptionModule",
            "conditionsModule", "armsInterventionsModule", "eligibilityModule", "outcomesModule")
STOP = {"with", "from", "that", "this", "these", "those", "there", "will", "have", "were", "been",
        "into", "than", "they",
        "their", "which", "after", "before", "other", "such", "also", "each", "both", "more"}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class Sample:
    """Words and names of SAMPLE studies spread over studies 0 .. count-1."""

    def __init__(self, count: int, seed: int = 0, size: int = SAMPLE) -> None:
        step = max(1, count // size)
        self.indices = list(range(0, count, step))[:size]
        self.ids: list[str] = []
        self.df: Counter[str] = Counter()
        self.words: list[list[str]] = []  # the searched words of each study
        self.conditions: list[str] = []
        self.interventions: list[str] = []
        self.sponsors: list[str] = []
        self.titles: list[str] = []
        for index in self.indices:
            study = registry_corpus.study(index, seed)
            protocol = study["protocolSection"]
            self.ids.append(protocol["identificationModule"]["nctId"])
            text = " ".join(_strings([protocol.get(name) for name in SEARCHED])).lower()
            words = set(WORD.findall(text)) - STOP
            self.df.update(words)
            self.words.append(sorted(words))
            self.conditions += protocol.get("conditionsModule", {}).get("conditions", [])
            arms = protocol.get("armsInterventionsModule", {})
            self.interventions += [i["name"] for i in arms.get("interventions", []) if "name" in i]
            self.sponsors.append(protocol["sponsorCollaboratorsModule"]["leadSponsor"]["name"])
            self.titles.append(protocol["identificationModule"].get("briefTitle", ""))

    def band(self, low: float, high: float) -> list[str]:
        n = len(self.indices)
        return sorted(w for w, c in self.df.items() if low * n <= c <= high * n)

    def together(self, rng: random.Random, count: int, allowed: list[str]) -> str:
        """count words of one study (an AND with hits), among allowed when it can."""
        wanted = set(allowed)
        for _ in range(50):
            words = [w for w in rng.choice(self.words) if w in wanted]
            if len(words) >= count:
                return " ".join(rng.sample(words, count))
        return " ".join(rng.sample(allowed, count))

    def commonest(self) -> str:
        return self.df.most_common(1)[0][0]


def _name_word(names: list[str], rng: random.Random) -> str:
    words = [w for w in WORD.findall(rng.choice(names).lower()) if w not in STOP]
    return rng.choice(words) if words else "cancer"


def _phrase(names: list[str], rng: random.Random) -> str:
    """Two adjacent words of a name (a condition of two words or more)."""
    for _ in range(50):
        words = re.findall(r"[A-Za-z]{3,}", rng.choice(names))
        if len(words) >= 2:
            at = rng.randrange(len(words) - 1)
            return f'"{words[at].lower()} {words[at + 1].lower()}"'
    return '"breast cancer"'


def query_mix(sample: Sample, per_category: int = 12, seed: int = 7) -> list[tuple[str, str, bool]]:
    """(category, query, prefix_last), per_category queries of each category."""
    rng = random.Random(seed)
    common = sample.band(0.4, 1.0)
    medium = sample.band(0.01, 0.10)
    rare = sample.band(0, 1 / len(sample.indices)) or medium
    content = sample.band(0.01, 0.6)

    def pick(words: list[str]) -> str:
        return rng.choice(words)

    makers: dict[str, Any] = {
        "word common": lambda: (pick(common), False),
        "word medium": lambda: (pick(medium), False),
        "word rare": lambda: (pick(rare), False),
        "2 words": lambda: (sample.together(rng, 2, content), False),
        "3 words": lambda: (sample.together(rng, 3, content), False),
        "phrase": lambda: (_phrase(sample.conditions, rng), False),
        "condition:": lambda: (f"condition:{_name_word(sample.conditions, rng)}", False),
        "intervention:": lambda: (
            f"intervention:{_name_word(sample.interventions or ['placebo'], rng)}", False),
        "sponsor:": lambda: (f"sponsor:{_name_word(sample.sponsors, rng)}", False),
        "filter": lambda: (rng.choice([
            "status:recruiting", "phase:2", "phase:3 status:completed",
            f"{pick(common)} status:recruiting", f"{pick(common)} phase:{rng.choice('123')}",
        ]), False),
        "OR / NOT": lambda: (rng.choice([
            f"{pick(medium)} OR {pick(medium)}", f"{pick(common)} OR {pick(content)}",
            f"{pick(content)} -{pick(content)}", f"{pick(common)} NOT {pick(medium)}",
        ]), False),
        "prefix*": lambda: (pick(content)[: rng.randint(2, 4)] + "*", False),
        "typing": lambda: _typing(rng, sample, content),
    }
    return [(name, *make()) for name, make in makers.items() for _ in range(per_category)]


def _typing(rng: random.Random, sample: Sample, content: list[str]) -> tuple[str, bool]:
    """Search as you type: a word being typed (1-6 letters), alone or after a whole word."""
    last = rng.choice(content)[: rng.randint(1, 6)]
    if rng.random() < 0.5:
        return last, True
    first, second = sample.together(rng, 2, content).split()
    return f"{first} {second[: rng.randint(1, 6)]}", True


def typing_sequence(sample: Sample, seed: int = 11) -> str:
    """What the browser benchmark types: two words of the corpus, the second one partly."""
    rng = random.Random(seed)
    medium = sample.band(0.02, 0.2)
    words = sample.together(rng, 2, medium + sample.band(0.2, 0.6)).split()
    return f"{words[0][:7]} {words[1][:5]}"
