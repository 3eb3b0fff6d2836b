"""Audit log of pupil data: who read or changed what, when, and for which purpose. Append only."""
