"""Learner readiness as pure logic: spaced-repetition scheduling (FSRS), domain mastery and readiness
estimates, and accessible server-side SVG charts. No Flask and no database access: plain functions on
plain data, so views and jobs can call them with whatever they loaded.
"""
