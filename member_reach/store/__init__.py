"""SQLAlchemy models, database and session setup, Alembic migrations, backup."""
