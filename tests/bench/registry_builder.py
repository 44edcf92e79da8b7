"""One registry corpus study: its sections, drawn in order from the study's random stream."""
from __future__ import annotations

from .registry_build_derived import DerivedSection
from .registry_build_design import DesignSection
from .registry_build_eligibility import EligibilitySection
from .registry_build_locations import LocationsSection
from .registry_build_results import ResultsSection
from .registry_build_status import StatusSection
from .registry_types import Study

RESULTS_SHARE = 0.133  # 79,594 of 597,913 real studies have results


class StudyBuilder(StatusSection, DesignSection, EligibilitySection, LocationsSection,
                   DerivedSection, ResultsSection):
    """Draws one study from its own random stream."""

    def study(self, nct: str) -> Study:
        r, p = self.rand, self.pools
        self.nct = nct
        self.has_results = r() < RESULTS_SHARE
        roll = r()
        if self.has_results:
            self.kind = "OBSERVATIONAL" if roll < 0.04 else "INTERVENTIONAL"
        else:
            self.kind = ("INTERVENTIONAL" if roll < 0.75 else
                         "OBSERVATIONAL" if roll < 0.998 else "EXPANDED_ACCESS")
        self.sponsor_class = self.weighted(p.sponsor_classes, p.sponsor_class_cum)
        names = p.sponsors[self.sponsor_class]
        self.sponsor = self.weighted(names, p.sponsor_cums[self.sponsor_class])
        self.industry = self.sponsor_class == "INDUSTRY"
        count = self.weighted([1, 2, 3, 4, 5, 6, 8, 12], [40, 62, 76, 85, 90, 94, 98, 100])
        conditions: list[str] = []
        while len(conditions) < count:
            pick = self.weighted(p.conditions, p.condition_cum)
            if pick not in conditions:
                conditions.append(pick)
        self.conditions = conditions
        self.topic = [c.lower() for c in conditions]
        self.interventions = self._interventions()
        names_t = [i["name"] for i in self.interventions] or [self.pick(p.drugs)]
        self.topic += names_t
        self._dates()
        protocol: Study = {
            "identificationModule": self._identification(names_t),
            "statusModule": self._status(),
            "sponsorCollaboratorsModule": self._sponsors(),
        }
        if self.start_year >= 2017 or r() < 0.93:
            protocol["oversightModule"] = self._oversight()
        protocol["descriptionModule"] = self._description(names_t)
        protocol["conditionsModule"] = self._conditions_module()
        protocol["designModule"] = self._design()
        arms = self._arms(names_t)
        if arms:
            protocol["armsInterventionsModule"] = arms
        if self.kind != "EXPANDED_ACCESS":
            protocol["outcomesModule"] = self._outcomes(names_t)
        protocol["eligibilityModule"] = self._eligibility(names_t)
        contacts = self._contacts()
        if contacts:
            protocol["contactsLocationsModule"] = contacts
        references = self._references()
        if references:
            protocol["referencesModule"] = references
        if r() < (0.75 if self.start_year >= 2016 else 0.2):
            protocol["ipdSharingStatementModule"] = self._ipd()
        out: Study = {"protocolSection": protocol}
        if self.has_results:
            out["resultsSection"] = self._results()
            if r() < 0.35:
                out["documentSection"] = self._documents()
        out["derivedSection"] = self._derived()
        out["hasResults"] = self.has_results
        return out

