"""Settings modules: ``base`` holds everything shared; ``dev``, ``test`` and
``prod`` only change what differs. Every value an operator may need to change
comes from an environment variable (see ``env.py`` and the README)."""
