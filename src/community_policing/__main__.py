"""``python -m community_policing``: see :mod:`community_policing.cli`."""

import sys

from community_policing.cli import main

sys.exit(main())
