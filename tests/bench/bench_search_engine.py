"""Benchmark of store.search at scale (not collected by pytest).

    .venv/bin/python -m tests.bench.bench_search_engine [--trials 100000] [--queries 2000]

Builds synthetic trial records (a few thousand medical-ish words with Zipf frequencies;
titles, conditions, interventions, arms, nested criteria; ~4 KB of text each), indexes them
in batches, and prints: build time, to_bytes size and time, from_bytes time, resident memory
of the loaded index (measured in a fresh process), and query latency (median / p95) over a
mix of 1-3 word queries, prefixes, search-as-you-type, phrases, fields, filters, OR and NOT.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

import orjson

from parsers.record import empty_record
from store.search import SearchIndex


def _words(text: str) -> list[str]:
    return text.split()


ROOTS = _words("""
neur card hep nephr pulmon gastr derm oste arthr my hemat onc immun endocrin angi lymph
encephal mening cerebr spin retin ophthalm ot rhin laryng pharyng esophag col rect pancreat
chol cyst ur prostat ovar uter mamm thyr adren pituit ven arter capill bronch pleur thorac
abdomin pelv crani fasc tend ligament cartilag synov periton mesenter splen leuk erythr
thromb platel plasm globul protein lipid glyc insul gluc cortic steroid hormon cytok
interleuk interfer chemok recept kinas phosphat proteas lipas amylas transferas oxidas
reductas synthas polymeras ligas isomeras mutas hydrolas esteras peptid amin nucle
ribos chrom gen mut allel phenotyp genotyp karyotyp mitochond lysosom ribosom endosom
vesicl membran channel transport pump gradient potential synaps dendrit axon myelin glia
astrocyt microgl oligodendr schwann fibroblast keratinocyt melanocyt adipocyt hepatocyt
cardiomyocyt osteoblast osteoclast chondrocyt myocyt neutrophil eosinophil basophil
monocyt macrophag lymphocyt plasmacyt megakaryocyt stem progenitor precursor blast
""")
SUFFIXES = _words("""
itis osis oma emia pathy plasty ectomy otomy ology ologist ogenic ocyte al ic ous ary
ation ase in ide ine ol one ate ism ist ity ize ment ness ia
""")
FUNCTION = _words("""
the of and in to with for a or is be will on by as at from that this after are patients
was not during study were their than who all which before more its have has may each
between into these both other per up such within over any two one three also only most
""")
COMMON = _words("""
treatment disease clinical therapy cells safety efficacy trial group months dose cell stem
patient primary outcome baseline evaluate response participants years randomized chronic
week weeks severe secondary administered daily placebo adverse events risk quality life
symptoms progression function blood level levels injection effect effects improvement
cancer tumor inflammatory immune infusion oral intravenous standard care assessment
measured score scale compared control controlled significant survival overall rate
reduction increase pain acute medical history diagnosis diagnosed hospital clinic visit
procedure surgery transplantation transplant autologous allogeneic donor multiple sclerosis
optic neuritis neuromyelitis lateral amyotrophic dementia stroke epilepsy diabetes obesity
hypertension asthma arthritis lupus fibrosis carcinoma lymphoma leukemia myeloma melanoma
metastatic advanced refractory chemotherapy radiotherapy immunotherapy vaccine monoclonal
inhibitor receptor antibody protocol consent informed women men adults children pregnancy
""")
STATUSES = [
    "RECRUITING",
    "COMPLETED",
    "ACTIVE_NOT_RECRUITING",
    "NOT_YET_RECRUITING",
    "TERMINATED",
    "UNKNOWN",
    "WITHDRAWN",
]
PHASES = [
    [],
    ["PHASE1"],
    ["PHASE2"],
    ["PHASE3"],
    ["PHASE1", "PHASE2"],
    ["PHASE4"],
    ["NA"],
    ["EARLY_PHASE1"],
]


SYLLABLES = _words("""
ba be bi bo bu da de di do du fa fe fi ga ge gi ka ke ki ko la le li lo lu ma me mi mo mu na
ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za ze zi zo
""")


class Corpus:
    """Deterministic synthetic records: record i is the same for every run.

    Words: 4,000 medical-ish content words with Zipf frequencies (the 130 common clinical
    words spread over the first 400 ranks, not all at the top), 56 function words making a
    quarter of running text, and a 3% tail of 30,000 rare pseudo-words. With ~500 words per
    record that gives document frequencies like real trial text: function words in nearly
    every record, the top content words in 40-90%, rank 1,000 in ~5%, the tail in a few.
    """

    def __init__(self, seed: int = 1) -> None:
        rng = random.Random(seed)
        generated = [root + suffix for root in ROOTS for suffix in SUFFIXES]
        rng.shuffle(generated)
        content = [word for word in generated if word not in COMMON][: 4000 - len(COMMON)]
        for word in COMMON:
            content.insert(rng.randrange(400), word)
        self.vocabulary = content
        rare = sorted({"".join(rng.choices(SYLLABLES, k=3)) for _ in range(40_000)})[:30_000]
        content_weights = [1.0 / (rank + 30) for rank in range(len(content))]
        total = sum(content_weights)
        self.content_cum = list(accumulate(weight / total for weight in content_weights))
        population = content + FUNCTION + rare
        weights = [0.72 * weight / total for weight in content_weights]
        weights += [0.25 / len(FUNCTION)] * len(FUNCTION)
        weights += [0.03 / len(rare)] * len(rare)
        # A long stream of words drawn with these frequencies; a text is a slice of it.
        self.stream = rng.choices(population, cum_weights=list(accumulate(weights)), k=3_000_000)
        self.conditions = [
            " ".join(rng.choices(content[:1500], k=rng.randint(2, 3))).title() for _ in range(800)
        ]
        self.drugs = [
            rng.choice(ROOTS).capitalize() + rng.choice(["mab", "nib", "stat", "cel", "vir"])
            for _ in range(1500)
        ]
        self.sponsors = [
            " ".join(rng.choices(content[:800], k=2)).title() + " University" for _ in range(400)
        ]

    def text(self, rng: random.Random, count: int) -> str:
        start = rng.randrange(len(self.stream) - count)
        return " ".join(self.stream[start : start + count])

    def record(self, number: int) -> dict[str, Any]:
        rng = random.Random(number * 7919 + 17)
        text = self.text
        record = empty_record()
        record["id"] = record["nct_id"] = f"NCT{number:08d}"
        if rng.random() < 0.5:
            record["other_ids"] = [f"{rng.choice(ROOTS).upper()}-{rng.randrange(10**6):06d}"]
        conditions = rng.sample(self.conditions, rng.randint(1, 3))
        record["conditions"] = conditions
        record["title"] = f"{text(rng, 4).capitalize()} {conditions[0]} {text(rng, 4)}"
        record["official_title"] = f"{text(rng, 6).capitalize()} {conditions[0]} {text(rng, 6)}"
        if rng.random() < 0.3:
            record["acronym"] = "".join(rng.choices("ABCDEFGHIJKLMNOPRSTUVW", k=rng.randint(3, 7)))
        record["sponsor"] = rng.choice(self.sponsors)
        record["keywords"] = [text(rng, rng.randint(1, 2)) for _ in range(rng.randint(0, 4))]
        drugs = rng.sample(self.drugs, rng.randint(1, 3))
        record["interventions"] = [
            {"type": "DRUG", "name": drug, "description": text(rng, 10)} for drug in drugs
        ]
        record["summary"] = f"{text(rng, 30)} {conditions[-1]} {text(rng, 30)}."
        record["description"] = f"{text(rng, 70)} {conditions[0]}. {text(rng, 70)}."
        record["arms"] = [
            {
                "label": text(rng, 4),
                "type": "EXPERIMENTAL",
                "description": text(rng, 12),
                "interventions": [f"Drug: {drug}"],
            }
            for drug in drugs
        ]
        eligibility = record["eligibility"]
        for side in ("inclusion", "exclusion"):
            eligibility[side] = [
                {
                    "text": text(rng, rng.randint(5, 12)),
                    "children": [
                        {"text": text(rng, rng.randint(4, 8)), "children": []}
                        for _ in range(rng.choice([0, 0, 0, 0, 2, 3]))
                    ],
                }
                for _ in range(rng.randint(3, 7))
            ]
        eligibility["sex"] = rng.choice(["ALL", "ALL", "ALL", "FEMALE", "MALE", None])
        if rng.random() < 0.85:
            eligibility["min_age"] = {"value": rng.choice([0, 12, 18, 18, 21, 40]), "unit": "YEARS"}
        if rng.random() < 0.6:
            eligibility["max_age"] = {"value": rng.choice([17, 45, 65, 75, 80]), "unit": "YEARS"}
        record["status"] = rng.choice(STATUSES)
        record["phases"] = rng.choice(PHASES)
        record["study_type"] = rng.choice(["INTERVENTIONAL"] * 4 + ["OBSERVATIONAL"])
        if rng.random() < 0.9:
            record["enrollment"] = {"count": int(rng.lognormvariate(4, 1.2)), "type": "ACTUAL"}
        if rng.random() < 0.9:
            month = rng.randint(1, 12)
            record["dates"]["start"] = {
                "date": f"{rng.randint(1999, 2025)}-{month:02d}",
                "type": "ACTUAL",
            }
        return record

    def records(self, count: int) -> Iterator[dict[str, Any]]:
        for number in range(count):
            yield self.record(number)


def queries(corpus: Corpus, count: int, trials: int, seed: int = 5) -> list[tuple[str, str, bool]]:
    """(category, query, prefix_last) in a fixed mix."""
    rng = random.Random(seed)
    vocab = corpus.vocabulary

    def word() -> str:  # a content word: 70% uniformly, 30% by frequency
        if rng.random() < 0.7:
            return rng.choice(vocab)
        return rng.choices(vocab, cum_weights=corpus.content_cum)[0]

    function = set(FUNCTION)

    def adjacent() -> str:  # two adjacent content words of a record: usually a rare phrase
        found = [w.strip(".") for w in corpus.record(rng.randrange(trials))["description"].split()]
        pairs = [i for i in range(len(found) - 1) if not {found[i], found[i + 1]} & function]
        at = rng.choice(pairs)
        return f'"{found[at]} {found[at + 1]}"'

    makers: list[tuple[str, Callable[[], tuple[str, bool]]]] = [
        ("1 word", lambda: (word(), False)),
        ("2 words", lambda: (f"{word()} {word()}", False)),
        ("3 words", lambda: (f"{word()} {word()} {word()}", False)),
        ("prefix", lambda: (word()[: rng.randint(3, 5)] + "*", False)),
        ("typing 1 word", lambda: (word()[: rng.randint(1, 6)], True)),
        ("typing 2 words", lambda: (f"{word()} {word()[: rng.randint(1, 4)]}", True)),
        ("phrase (adjacent)", lambda: (adjacent(), False)),
        ("phrase (condition)", lambda: (f'"{rng.choice(corpus.conditions)}"', False)),
        (
            "field",
            lambda: (f"condition:{rng.choice(rng.choice(corpus.conditions).split())}", False),
        ),
        ("field", lambda: (f"intervention:{rng.choice(corpus.drugs)}", False)),
        (
            "field",
            lambda: (f"sponsor:{rng.choice(rng.choice(corpus.sponsors).split()[:2])}", False),
        ),
        ("id", lambda: (f"NCT{rng.randrange(trials):08d}", False)),
        ("id", lambda: (f"id:NCT{rng.randrange(trials):08d}", False)),
        ("word+filter", lambda: (f"{word()} phase:{rng.choice(['1', '2', '3'])}", False)),
        ("word+filter", lambda: (f"{word()} status:recruiting", False)),
        ("word+filter", lambda: (f"{word()} age:{rng.randint(5, 80)}", False)),
        ("word+filter", lambda: (f"{word()} enrollment:>{rng.choice([10, 50, 100])}", False)),
        ("word+filter", lambda: (f"{word()} year:>={rng.randint(2000, 2024)}", False)),
        ("filters only", lambda: ("phase:2 status:recruiting", False)),
        ("filters only", lambda: (f"sex:female age:{rng.randint(18, 70)}", False)),
        ("OR / NOT", lambda: (f"{word()} OR {word()}", False)),
        ("OR / NOT", lambda: (f"{word()} -{word()}", False)),
    ]
    return [(name, *make()) for name, make in (rng.choice(makers) for _ in range(count))]


def rss_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure_loaded(path: Path) -> dict[str, float]:
    """Resident memory and load time of the index in a fresh process."""
    script = (
        "import gc, os, time, json, sys\n"
        "from store.search import SearchIndex\n"
        "import orjson\n"
        "def rss():\n"
        "    return int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE')\n"
        "gc.collect(); before = rss()\n"
        f"data = open({str(path)!r}, 'rb').read()\n"
        "t = time.perf_counter(); index = SearchIndex.from_bytes(data)\n"
        "load = time.perf_counter() - t\n"
        "del data; gc.collect(); loaded = rss()\n"
        "for q in ('cell', 'stem cell', 'neur*', 'phase:2 age:30', 'enrollment:>50', ''):\n"
        "    index.search(q)\n"
        "print(json.dumps({'load': load, 'before': before, 'loaded': loaded, 'after': rss()}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return orjson.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--save", type=Path, help="write the index there (to profile queries)")
    args = parser.parse_args(argv)

    corpus = Corpus()
    sample = orjson.dumps([corpus.record(n) for n in range(200)])
    print(
        f"corpus: {args.trials:,} trials, ~{len(sample) / 200 / 1024:.1f} KB JSON each, "
        f"vocabulary {len(corpus.vocabulary):,} words"
    )

    index = SearchIndex()
    build = generate = 0.0
    batch: list[dict[str, Any]] = []
    records = corpus.records(args.trials)
    while True:
        t = time.perf_counter()
        batch = [record for _, record in zip(range(args.batch), records, strict=False)]
        generate += time.perf_counter() - t
        if not batch:
            break
        t = time.perf_counter()
        index.add(batch)
        build += time.perf_counter() - t
    gc.collect()
    print(
        f"build: {build:.1f} s for {len(index):,} trials "
        f"({build / len(index) * 1e6:.0f} µs per trial; generating them took {generate:.1f} s)"
    )
    print(f"postings: {len(index._docs):,} in {len(index._terms):,} terms")

    t = time.perf_counter()
    data = index.to_bytes()
    print(f"to_bytes: {len(data) / 2**20:.1f} MiB in {time.perf_counter() - t:.2f} s")
    if args.save:
        args.save.write_bytes(data)
    t = time.perf_counter()
    loaded = SearchIndex.from_bytes(data)
    print(f"from_bytes: {time.perf_counter() - t:.3f} s (in this process)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "index.bin"
        path.write_bytes(data)
        memory = measure_loaded(path)
    print(
        f"fresh process: from_bytes {memory['load']:.3f} s; RSS {memory['before'] / 2**20:.0f} "
        f"MiB before, {memory['loaded'] / 2**20:.0f} MiB with the index "
        f"(+{(memory['loaded'] - memory['before']) / 2**20:.0f} MiB), "
        f"{memory['after'] / 2**20:.0f} MiB after a few queries"
    )
    print(f"this process RSS (two copies of the index): {rss_bytes() / 2**20:.0f} MiB")
    del data, index
    gc.collect()

    mix = queries(corpus, args.queries, args.trials)
    for _, text, prefix_last in mix[:50]:  # warm caches (id order, sorted columns)
        loaded.search(text, prefix_last=prefix_last)
    times: dict[str, list[float]] = {}
    counts: dict[str, list[int]] = {}
    texts: dict[str, list[str]] = {}
    for name, text, prefix_last in mix:
        t = time.perf_counter()
        hits = loaded.search(text, prefix_last=prefix_last, limit=50)
        elapsed = (time.perf_counter() - t) * 1000
        times.setdefault(name, []).append(elapsed)
        counts.setdefault(name, []).append(len(hits))
        texts.setdefault(name, []).append(text)
    every = [value for values in times.values() for value in values]
    labels = [text for values in texts.values() for text in values]
    print(
        f"\nqueries (limit 50): {len(every)}  median {statistics.median(every):.2f} ms  "
        f"p95 {percentile(every, 95):.2f} ms  max {max(every):.1f} ms"
    )
    print(f"  {'category':18} {'n':>5} {'median':>8} {'p95':>8} {'max':>8}  hits(median)")
    for name, values in times.items():
        print(
            f"  {name:18} {len(values):5d} {statistics.median(values):7.2f}  "
            f"{percentile(values, 95):7.2f}  {max(values):7.1f}   "
            f"{statistics.median(counts[name]):.0f}"
        )
    full = [text for name, text, _ in mix if name in ("1 word", "2 words")][:100]
    t = time.perf_counter()
    total = sum(loaded.count(text) for text in full)
    elapsed = (time.perf_counter() - t) * 1000 / len(full)
    print(
        f"\ncount() (number of matches), 1-2 words: {elapsed:.1f} ms per query, "
        f"{total / len(full):,.0f} matches on average"
    )
    t = time.perf_counter()
    for text in full:
        loaded.search(text, limit=None)
    elapsed = (time.perf_counter() - t) * 1000 / len(full)
    print(f"search(limit=None) (every match ranked), 1-2 words: {elapsed:.1f} ms per query")
    slowest = sorted(zip(every, labels, strict=True), reverse=True)[:6]
    print("slowest: " + "; ".join(f"{text!r} {ms:.0f} ms" for ms, text in slowest))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
