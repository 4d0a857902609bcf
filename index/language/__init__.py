"""Word data shipped with newsbot: English words with their Indonesian translations
(``en-id.tsv``; source and licence in README.md)."""
