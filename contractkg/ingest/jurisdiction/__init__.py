"""Governing law, competent courts, supervisory authority and prevailing language."""
