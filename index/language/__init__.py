"""Word data shipped with newsbot: English and Malay words with their Indonesian
translations (``en-id.tsv``, ``ms-id.tsv``; sources and licences in README.md)."""
