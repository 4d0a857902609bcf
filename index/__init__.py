"""The news index, installed as ``newsbot.index``: the path of the data, one subpackage a step.

- ``reading``: news in (files, saved pages, feeds, URLs) becomes cleaned articles;
- ``building``: articles become paragraphs, vectors and a stored, versioned index;
- ``answering``: a question becomes cited passages or an honest "not covered".

Imports run one way, answering → building → reading → the shared types here
(``articles``, ``errors``, ``defaults``). This package never imports Telegram; the bot and
the CLI in ``newsbot.bot`` build on it.
"""
