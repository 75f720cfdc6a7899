"""``python -m nkresearch``: the same as the ``nkresearch`` command."""

import sys

from .cli import main

sys.exit(main())
