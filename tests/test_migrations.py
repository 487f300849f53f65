"""The models and the migrations describe the same schema (on whichever database the suite runs)."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from lms.db import Base


def test_models_match_migrations(app):
    with app.extensions["lms.engine"].connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    ignorable = [d for d in diff if not _is_fts_artifact(d)]
    assert ignorable == []


def _is_fts_artifact(diff) -> bool:
    """Full-text-search tables are created by migrations with raw SQL, outside the models."""
    item = diff[1] if isinstance(diff, tuple) and len(diff) > 1 else None
    name = getattr(item, "name", "") or ""
    return isinstance(diff, tuple) and diff[0] in ("remove_table", "remove_index") and ("fts" in name or "search" in name)
