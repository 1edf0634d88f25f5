"""Alembic migrations; gridapp.db.migrate runs them at start-up."""
