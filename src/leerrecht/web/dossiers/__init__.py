"""Cases (dossiers) of the leerplicht office following the Methodische Aanpak Schoolverzuim (MAS)."""
