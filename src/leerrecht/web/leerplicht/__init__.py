"""The leerplicht office: municipalities and the offices serving them, routing of meldingen by
woongemeente, the office's staff, contact persons per school, and the office's own record of a
young person (jeugdige) across schools."""
