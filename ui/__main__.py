from ui.app import main

raise SystemExit(main())
