"""Continuing education: CE ledger, certificates and verification, licenses and renewal requirements."""
