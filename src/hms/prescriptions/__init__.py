"""Prescribing: safety checks, prescriptions with overrides, dispensing, live events."""
