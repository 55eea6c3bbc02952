"""Parties of an agreement and the roles they play."""
