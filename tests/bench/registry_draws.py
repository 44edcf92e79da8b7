"""The random draws every part of a registry corpus study shares, and the study's state."""
from __future__ import annotations

import bisect
import math
import random
from collections.abc import Sequence
from typing import TypeVar

from .registry_pools import Pools
from .registry_types import Rand, Study
from .registry_vocab_people import EMAIL_DOMAINS

T = TypeVar("T")


class StudyDraws:
    """Small draws from one study's random stream, and what its parts share of the study.

    The sections of a study (registry_build_*.py) are mixins of this class; StudyBuilder
    (registry_builder.py) joins them and draws them in order.
    """

    # Set by StudyBuilder.study (or change_study) and the sections, in their order.
    nct: str
    has_results: bool
    kind: str
    sponsor_class: str
    sponsor: str
    industry: bool
    conditions: list[str]
    topic: list[str]
    interventions: list[Study]
    n_arms: int
    arm_groups: list[Study]
    submitted: int
    start: int
    primary: int
    completion: int
    start_year: int
    status: str
    first_qc: int
    first_post: int
    update: int
    results_post: int
    enrollment: int
    outcomes: Study

    def __init__(self, rng: random.Random, pools: Pools) -> None:
        self.rng = rng
        self.rand: Rand = rng.random
        self.pools = pools

    # --- small draws ------------------------------------------------------------------------

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.rand() * len(seq))]

    def weighted(self, seq: Sequence[T], cum: Sequence[float]) -> T:
        return seq[bisect.bisect_right(cum, self.rand() * cum[-1])]

    def between(self, low: int, high: int) -> int:
        return low + int(self.rand() * (high - low + 1))

    def heavy(self, median: float, spread: float, low: int = 0, high: int = 10**6) -> int:
        """A log-normal count: most near the median, a few far above."""
        return max(low, min(high, int(median * math.exp(spread * self.rng.gauss(0.0, 1.0)))))

    def sentences(self, count: int, topic: Sequence[str] = ()) -> list[str]:
        r, heads, tails = self.rand, self.pools.heads, self.pools.tails
        nh, nt = len(heads), len(tails)
        out = [heads[int(r() * nh)] + tails[int(r() * nt)] for _ in range(count)]
        if topic and count > 1 and r() < 0.6:
            i = int(r() * count)
            head = heads[int(r() * nh)]
            out[i] = f"{head} {topic[int(r() * len(topic))]}{tails[int(r() * nt)]}"
        if r() < 0.15:
            i = int(r() * count)
            out[i] = f"{out[i][:-1]} {self.pick(self.pools.rare)}."
        return out

    def paragraph(self, low: int, high: int, topic: Sequence[str] = ()) -> str:
        return " ".join(self.sentences(low + int(self.rand() * (high - low + 1)), topic))

    def person(self) -> str:
        return self.pick(self.pools.names)

    def email(self, name: str) -> str:
        first, _, last = name.partition(" ")
        return f"{first[0]}{last}@{self.pick(EMAIL_DOMAINS)}".lower().replace("'", "")

    def phone(self, calling: str) -> str:
        r = self.rand
        if calling == "1":
            return f"{200 + int(r() * 800)}-{200 + int(r() * 800)}-{int(r() * 10000):04d}"
        return f"+{calling} {int(r() * 90) + 10} {int(r() * 9000) + 1000} {int(r() * 10000):04d}"
