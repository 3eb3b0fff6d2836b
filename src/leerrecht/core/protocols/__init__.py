"""Regional protocols (verzuimkaarten) as data: one YAML file per protocol.

The format is documented in docs/protocollen.md. Protocols add signals to the statutory rules;
they never remove or change a statutory melding (the law is the floor).
"""
