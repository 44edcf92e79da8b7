"""References, data sharing and derived (MeSH browse) sections of a registry corpus study."""
from __future__ import annotations

from functools import lru_cache

from .registry_draws import StudyDraws
from .registry_ids import DATA_DATE
from .registry_mesh import merge_blocks
from .registry_pools import shared_pools
from .registry_types import Study
from .registry_vocab_people import EMAIL_DOMAINS
from .registry_vocab_text import IPD_DESCRIPTIONS


@lru_cache(maxsize=65536)
def condition_browse(conditions: tuple[str, ...]) -> Study:
    """The conditionBrowseModule of the conditions (shared between studies: do not change it)."""
    blocks = shared_pools().condition_blocks
    return merge_blocks([blocks[c] for c in conditions])


@lru_cache(maxsize=65536)
def intervention_browse(drugs: tuple[str, ...]) -> Study | None:
    """The interventionBrowseModule of the drugs (shared, as above), or None if none is known."""
    known = shared_pools().drug_blocks
    blocks = [block for block in (known.get(drug) for drug in drugs) if block]
    return merge_blocks(blocks, "All Drugs and Chemicals") if blocks else None


class DerivedSection(StudyDraws):
    """referencesModule, ipdSharingStatementModule, derivedSection."""

    def _references(self) -> Study:
        r = self.rand
        module: Study = {}
        if r() < 0.42:
            refs = []
            citations, topic = self.pools.citations, self.topic
            for _ in range(self.heavy(2.5, 0.9, 1, 120)):
                head, tail = citations[int(r() * len(citations))]
                citation = (f"{head} {topic[int(r() * len(topic))]} {tail}" if r() < 0.5
                            else f"{head} {tail}")
                ref_type = self.weighted(["BACKGROUND", "RESULT", "DERIVED"], [60, 80, 100])
                if r() < 0.9:
                    refs.append({"pmid": str(1_000_000 + int(r() * 40_000_000)),
                                 "type": ref_type, "citation": citation})
                else:
                    refs.append({"type": ref_type, "citation": citation})
            module["references"] = refs
        if r() < 0.09:
            module["seeAlsoLinks"] = [{"label": self.paragraph(1, 1)[:120],
                                       "url": f"https://www.{self.pick(EMAIL_DOMAINS)}/"
                                              f"{self.pick(self.pools.words)}"}]
        if r() < 0.03:
            module["availIpds"] = [{"id": self.nct, "type": self.pick(
                ["Clinical Study Report", "Study Protocol", "Statistical Analysis Plan",
                 "Individual Participant Data Set"]), "url": "https://www.clinicalstudydata.example"}]
        return module

    def _ipd(self) -> Study:
        sharing = self.weighted(["NO", "YES", "UNDECIDED"], [55, 80, 100])
        module: Study = {"ipdSharing": sharing}
        if self.rand() < 0.6:
            module["description"] = self.pick(IPD_DESCRIPTIONS)
        if sharing == "YES":
            module["infoTypes"] = ["STUDY_PROTOCOL", "SAP", "ICF", "CSR", "ANALYTIC_CODE"][
                : self.between(1, 5)]
            module["timeFrame"] = self.pick(["Beginning 6 months after publication.",
                                             "Within 12 months of study completion.",
                                             "After the primary publication, for 5 years."])
            module["accessCriteria"] = self.paragraph(1, 2)
            if self.rand() < 0.5:
                module["url"] = f"https://www.{self.pick(EMAIL_DOMAINS)}/data-sharing"
        return module

    def _derived(self) -> Study:
        r = self.rand
        module: Study = {"miscInfoModule": {"versionHolder": DATA_DATE.isoformat()}}
        if r() < 0.2:
            module["miscInfoModule"]["modelPredictions"] = {
                "bmiLimits": {"minBmi": self.pick([0.0, 18.5, 25.0]),
                              "maxBmi": self.pick([30.0, 35.0, 40.0, 101.0])}}
        if r() < 0.9:
            module["conditionBrowseModule"] = condition_browse(tuple(self.conditions))
        drugs = tuple(i["name"].split(" ")[0] for i in self.interventions if i["type"] == "DRUG")
        browse = intervention_browse(drugs) if drugs else None
        if browse:
            module["interventionBrowseModule"] = browse
        return module
