"""Dev-only demo newsroom: ``manage.py load_demo`` loads the content in
``demo/data/`` (articles through the project's JSONL importer). Installed by
the dev and test settings, never by production."""
