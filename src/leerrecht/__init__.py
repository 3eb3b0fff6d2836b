"""leerrecht: schoolverzuim volgens de Leerplichtwet en de regionale verzuimkaarten."""

__version__ = "0.1.0"
