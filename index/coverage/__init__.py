"""Coverage: stories (articles from several outlets about one event), syndicated copies, and
the time windows, outlet restrictions and coverage questions read from a question.

Pure functions over articles' metadata and vectors: the build (``building``) groups articles
into stories with :mod:`.stories`, and answering applies :mod:`.when`, :mod:`.outlets` and
:mod:`.questions` to a question. Nothing here imports the rest of the pipeline.
"""
