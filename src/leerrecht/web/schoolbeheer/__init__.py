"""Tenant-scoped screens for the school beheerder: groups, pupils, staff and roles, calendar, protocol."""
