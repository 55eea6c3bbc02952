"""Deadlines and windows (breach, sub-processor notice and objection, audit) and audit terms."""
