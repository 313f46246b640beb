"""The hospital pharmacy: formulary and stock of catalog drugs, movements, dispensing queue."""
