"""``python -m reader`` works the same as the ``reader`` console script."""

import sys

from reader.cli import main

sys.exit(main())
