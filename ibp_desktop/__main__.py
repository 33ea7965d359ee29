import sys

from ibp_desktop.cli import main

sys.exit(main())
