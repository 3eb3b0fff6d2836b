"""Referrals from school to the jeugdarts (M@ZL), without any diagnosis."""
