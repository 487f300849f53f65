"""Alembic environment: the engine comes from the app (lms.migrate passes it in)."""
from __future__ import annotations

from alembic import context

import lms.models  # noqa: F401  (every table registered on Base.metadata)
from lms.db import Base

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
