"""The content hash that tells an unchanged file from a changed one."""

import hashlib

# Bump when the importer reads the same file differently, so re-imports rewrite everything.
IMPORTER_FORMAT_VERSION = "1"


def source_hash(*, raw: bytes, source_path: str, image: bytes | None) -> str:
    """sha256 of everything the imported exercise depends on.

    The path counts because the language and category may come from its folders; the
    image's bytes count because the stored picture comes from them.
    """
    digest = hashlib.sha256()
    for part in (IMPORTER_FORMAT_VERSION.encode(), source_path.encode(), raw, image or b""):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()
