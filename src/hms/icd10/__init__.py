"""ICD-10-CM: the global code table, its loader and its search."""
