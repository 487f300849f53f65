"""Shared web layer: base templates, static assets, security headers, error pages."""
