"""Central contacts, officials and locations of a registry corpus study."""
from __future__ import annotations

import bisect

from .registry_draws import StudyDraws
from .registry_places import ANONYMOUS_SITES
from .registry_pools import Site
from .registry_types import Study
from .registry_vocab_people import CREDENTIALS, LAST_NAMES, PRACTICES


class LocationsSection(StudyDraws):
    """contactsLocationsModule, and the site a change adds."""

    def site(self, statuses: bool) -> Study:
        """One location. Without a status or contacts it is the facility's shared object."""
        r, p = self.rand, self.pools
        place = bisect.bisect_right(p.place_cum, r() * p.place_cum[-1])
        base: Site = p.sites[place][int(r() * r() * 8)]
        roll, contacts_roll = r(), r()
        if self.industry and roll < 0.3:
            facility = self.pick(ANONYMOUS_SITES).format(n=int(r() * 10000), S=self.sponsor)
        elif roll > 0.93:
            facility = f"{self.pick(LAST_NAMES)} {self.pick(PRACTICES)}"
        elif not statuses and contacts_roll >= 0.1:
            return base.plain
        else:
            facility = base.facility
        site: Study = {"facility": facility}
        if statuses:
            site["status"] = self.site_status()
        site["city"] = base.city
        if base.state:
            site["state"] = base.state
        if base.zip:
            site["zip"] = base.zip
        site["country"] = base.country
        if statuses and contacts_roll < 0.45:
            name = self.person()
            contact: Study = {"name": name + self.pick(CREDENTIALS), "role": "CONTACT"}
            if r() < 0.8:
                contact["phone"] = self.phone(base.calling)
            if r() < 0.75:
                contact["email"] = self.email(name)
            contacts = [contact]
            if r() < 0.5:
                contacts.append({"name": self.person() + self.pick(CREDENTIALS),
                                 "role": "PRINCIPAL_INVESTIGATOR"})
            site["contacts"] = contacts
        elif contacts_roll < 0.1:
            site["contacts"] = [{"name": self.person() + self.pick(CREDENTIALS),
                                 "role": "PRINCIPAL_INVESTIGATOR"}]
        if base.geo is not None:
            site["geoPoint"] = base.geo
        return site

    def site_status(self) -> str:
        status = self.status
        if status == "RECRUITING":
            return self.weighted(["RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING",
                                  "COMPLETED", "WITHDRAWN"], [80, 90, 95, 98, 100])
        return status

    def _contacts(self) -> Study:
        r = self.rand
        module: Study = {}
        open_ = self.status in ("RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION",
                                "AVAILABLE")
        if (open_ and r() < 0.85) or r() < 0.03:
            contacts = []
            for _ in range(self.weighted([1, 2], [45, 100])):
                name = self.person()
                contact: Study = {"name": name + self.pick(CREDENTIALS), "role": "CONTACT"}
                if r() < 0.9:
                    contact["phone"] = self.phone("1" if r() < 0.4 else self.pick(["33", "86",
                                                                                   "49", "44"]))
                if r() < 0.3:
                    contact["phoneExt"] = str(self.between(100, 99999))
                if r() < 0.92:
                    contact["email"] = self.email(name)
                contacts.append(contact)
            module["centralContacts"] = contacts
        if r() < 0.72:
            officials = []
            for _ in range(self.weighted([1, 2, 3, 4], [82, 93, 98, 100])):
                officials.append({
                    "name": (self.person() + self.pick(CREDENTIALS)) if not self.industry
                    or r() < 0.5 else f"{self.sponsor.split(' ')[0]} Study Director",
                    "affiliation": (self.sponsor if r() < 0.6
                                    else self.pick(self.pools.collaborators)),
                    "role": self.weighted(["PRINCIPAL_INVESTIGATOR", "STUDY_DIRECTOR",
                                           "STUDY_CHAIR"], [68, 90, 100]),
                })
            module["overallOfficials"] = officials
        count = self.site_count()
        if count:
            statuses = self.status in ("RECRUITING", "NOT_YET_RECRUITING",
                                       "ACTIVE_NOT_RECRUITING", "ENROLLING_BY_INVITATION",
                                       "SUSPENDED")
            site = self.site
            module["locations"] = [site(statuses) for _ in range(count)]
        return module

    def site_count(self) -> int:
        r = self.rand
        roll = r()
        big = self.industry or self.sponsor_class in ("NIH", "NETWORK")
        scale = 2.5 if big else 1.0
        if roll < 0.07:
            return 0
        if roll < 0.55 - (0.2 if big else 0):
            return 1
        if roll < 0.75 - (0.15 if big else 0):
            return self.between(2, 5)
        tail = self.rng.paretovariate(1.15)
        return min(3000, int(5 * scale * tail) + 1)
