"""Courses from Markdown: loading, validation, sync, rendering, catalog, progress, search."""
