"""A prescribed item as every check sees it (a draft item, or one of the patient's current
medication), and the amounts read from it: mg per dose and doses per day."""

from __future__ import annotations

from dataclasses import dataclass

from hms.clinical.frequency import Frequency, parse_frequency

MG_PER_MASS_UNIT = {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "microgram": 0.001, "µg": 0.001}


@dataclass(frozen=True, slots=True)
class DoseItem:
    """One item as written: the dose in its unit (mg, g, mcg, tablet...)."""

    drug_id: str
    dose: float
    unit: str
    route: str
    frequency: str
    duration_days: int | None = None
    current: bool = False  # the patient's current medication, not this prescription

    def mg(self) -> float | None:
        """The dose in mg; None for a unit with no mass (tablet, ml...)."""
        factor = MG_PER_MASS_UNIT.get(self.unit.strip().lower())
        return self.dose * factor if factor is not None else None

    def frequency_parsed(self) -> Frequency | None:
        try:
            return parse_frequency(self.frequency)
        except ValueError:
            return None

    def per_day(self) -> float | None:
        """Doses a day; None for an unreadable frequency or as needed without an interval."""
        freq = self.frequency_parsed()
        return doses_per_day(freq) if freq is not None else None


def doses_per_day(freq: Frequency) -> float | None:
    """Regular doses a day, or the ceiling of an as-needed one with an interval."""
    return freq.doses_per_day if freq.doses_per_day is not None else freq.max_doses_per_day
