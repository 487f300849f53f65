"""Accounts: users, roles, sign-up/in/out, password reset, profile."""
