"""Schorsing and verwijdering of a pupil: the directeur's decisions with their legal checks and notifications."""
