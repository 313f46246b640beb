"""Bedside devices: registration by the hospital's administration, and their readings."""
