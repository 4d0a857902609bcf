"""Every exception the index raises. The CLI and the bot turn them into one clear line."""


class NewsbotError(Exception):
    """Base class: a problem the user can act on; its message says what to do."""


class IndexMissing(NewsbotError):
    """No index exists where one was expected."""


class IndexIncomplete(IndexMissing):
    """No live index yet, but a build of it was started and interrupted or failed;
    ``unfinished`` is what it left (a ``building.unfinished.UnfinishedBuild``)."""

    def __init__(self, message: str, unfinished: object = None) -> None:
        super().__init__(message)
        self.unfinished = unfinished


class IndexIncompatible(NewsbotError):
    """The index was built by another embedder or an older format."""


class IndexDamaged(NewsbotError):
    """An index file is missing, truncated or unreadable."""


class IndexWriteFailed(NewsbotError):
    """A build could not write the index: the disk is full, or the directory is read-only."""


class BuildInProgress(NewsbotError):
    """Another build holds the index's build lock."""


class EmbedderUnavailable(NewsbotError):
    """The named embedding model cannot be loaded here."""


class NoSources(NewsbotError):
    """A build was asked for without any readable article source."""


class SourceMissing(NewsbotError):
    """A source named for a build does not exist, and the build would remove articles."""


class ConfigError(NewsbotError):
    """The sources file (newsbot.toml) is missing, not TOML, or has a wrong setting."""


class FetchFailed(NewsbotError):
    """A feed or page could not be fetched: unreachable, refused, too large or of a wrong type."""


class AddressRefused(FetchFailed):
    """A URL (or a redirect) leads to a scheme or an address that fetching may not reach."""


class StoreUnavailable(NewsbotError):
    """The configured index store (``NEWSBOT_STORE``) is malformed, unreachable or failing."""


class WriterUnavailable(NewsbotError):
    """The answer writer's model endpoint failed, timed out or answered something unreadable."""
