"""Core services: each public method is one use case in one transaction, takes the acting user and returns
an Outcome saying what changed."""
