"""Encounters: outpatient visits, emergency attendances and inpatient stays in ward beds."""
