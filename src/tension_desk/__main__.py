import sys

from tension_desk.cli import main

sys.exit(main())
