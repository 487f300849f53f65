"""Alembic environment: the engine comes from the app (lms.migrate passes it in)."""
from __future__ import annotations

from alembic import context

import lms.models  # noqa: F401  (every table registered on Base.metadata)
from lms.db import Base

engine = context.config.attributes["engine"]
# Full-text-search objects are made by raw SQL in migrations and have no model: autogenerate leaves them alone.
RAW_SQL_OBJECTS = ("module_fts", "ix_modules_search")


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (reflected and name is not None and name.startswith(RAW_SQL_OBJECTS))


with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True,
                      include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()
