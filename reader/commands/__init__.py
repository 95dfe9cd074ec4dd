"""Plain sub-commands of ``reader``: one module each, each with ``register(subparsers, common)``."""
