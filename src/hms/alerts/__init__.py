"""Clinical alerts (NEWS2 deterioration, critical lab results) for the nurse station."""
