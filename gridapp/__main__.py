from gridapp.cli import main

raise SystemExit(main())
