"""Reading news: files, folders, saved pages, feeds and URLs become cleaned ``Article`` records.

The first step of the pipeline. ``read_sources`` reads local sources; ``plan_sources`` adds
feeds and fetched pages as the sources file (``newsbot.toml``) describes. Pure functions
used by both: ``cleaning`` (what is the article), ``bylines`` (byline, outlet, date and
dateline lines become metadata), ``pagination`` (pagination text, next pages), ``dates``
and ``pagedates`` (dates in the outlet's own offset), ``encodings``. Nothing here knows
about vectors or questions.
"""
