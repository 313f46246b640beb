"""What each prescribing entry point declares to the pipeline (permission, audit action)."""

from __future__ import annotations

from hms.pipeline import Operation, PatientOf, Permission

P = Permission
_THIS = PatientOf("prescriptions", "prescription_id")

CHECK = Operation(P.CREATE_PRESCRIPTIONS, audit="prescription.check", patient="body.patient_id")
CREATE = Operation(
    P.CREATE_PRESCRIPTIONS, audit="prescription.create", writes=True, patient="body.patient_id"
)
ACTIVATE = Operation(
    P.CREATE_PRESCRIPTIONS, audit="prescription.activate", writes=True, patient=_THIS
)
CANCEL = Operation(P.CREATE_PRESCRIPTIONS, audit="prescription.cancel", writes=True, patient=_THIS)
STOP = Operation(P.CREATE_PRESCRIPTIONS, audit="prescription.stop", writes=True, patient=_THIS)
DISPENSE = Operation(P.DISPENSE, audit="prescription.dispense", writes=True, patient=_THIS)
SEARCH = Operation(P.VIEW_PRESCRIPTIONS, audit="prescription.search")
READ = Operation(P.VIEW_PRESCRIPTIONS, audit="prescription.read", patient=_THIS)
QUEUE = Operation(P.DISPENSE, audit="pharmacy.queue")
DISPENSES = Operation(P.VIEW_PRESCRIPTIONS, audit="prescription.dispenses.read")
