"""Outgoing mail: SMTP when configured, otherwise the log plus an outbox admins can read."""
