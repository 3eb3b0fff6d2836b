from leerrecht.cli import main

raise SystemExit(main())
