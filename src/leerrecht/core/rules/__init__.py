"""The statutory rules. The law is the floor for every region: protocols add, never remove."""
