"""The global drug catalog in the database (loaded from the knowledge files) and its search."""
