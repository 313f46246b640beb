"""Condition-aware interaction grading: the level that fits THIS patient, and what to monitor.

Some interaction rules (the ANSM entries marked ``conditional``) depend on what a drug pair
does not show: the aspirin or methotrexate dose, the route, potassium, renal function, age,
the indication. The rule keeps its most severe level; :func:`grade_for_patient` re-grades the
warning from the doses, routes and facts of the patient at hand and says what to watch. An
adjustment applies only when the data it needs are known; otherwise the severe level stays.
Every adjustment names its source.
"""

from hms.clinical.conditions.grading import adjusted_rule_ids, grade_for_patient
from hms.clinical.conditions.patient import PatientNow

__all__ = ["PatientNow", "adjusted_rule_ids", "grade_for_patient"]
