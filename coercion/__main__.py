"""``python -m coercion`` runs the command line."""

import sys

from coercion.cli import main

sys.exit(main())
