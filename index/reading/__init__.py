"""Reading news: files, folders, saved pages, feeds and URLs become cleaned ``Article`` records.

The first step of the pipeline. ``read_sources`` reads local sources; ``plan_sources`` adds
feeds and fetched pages as the sources file (``newsbot.toml``) describes; cleaning and date
parsing are pure functions used by both. Nothing here knows about vectors or questions.
"""
