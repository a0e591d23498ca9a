"""One error tree; every message is safe to show a recruiter (ids and file names, never résumé text)."""


class AssistantError(Exception):
    """Base of every error the product raises on purpose."""


class TransientError(AssistantError):
    """Worth retrying: a service (Redis, Chroma, the database, a model endpoint) is unreachable for now."""


class StoreUnavailable(TransientError):
    pass


class DatabaseUnavailable(TransientError):
    pass


class ResumeRejected(AssistantError):
    """Permanent: this file can never be ingested as it is; the message says why and what to do."""


class UnsupportedFileType(ResumeRejected):
    pass


class FileTooLarge(ResumeRejected):
    pass


class EmptyResume(ResumeRejected):
    pass


class UnreadableResume(ResumeRejected):
    """Corrupt, encrypted or image-only files."""


class ConfigError(AssistantError):
    pass


class NotFound(AssistantError):
    pass
