"""Authentication hardening: two-factor for staff (django-otp), rate limiting of every code
entry (django-axes), session expiry and the security headers. See docs/webapplicatie.md,
"Inloggen en beveiliging"."""
