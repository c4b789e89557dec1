"""Finding the file an ``image`` path names, without ever leaving the import folder."""

from dataclasses import dataclass
from pathlib import Path

from exercises.fileformat.discovery import real_root
from exercises.fileformat.errors import ImportFileError
from exercises.fileformat.records import ImageFile
from exercises.media.images import MAX_IMAGE_BYTES, ImageRejected, PreparedImage, prepare_image


def is_remote(source: str) -> bool:
    return source.startswith(("http://", "https://", "//"))


def relative_image_path(source: str) -> str:
    """``source`` as a path below a search base: forward slashes, no leading ``/`` (as in Hugo)."""
    return source.replace("\\", "/").lstrip("/")


def _search_bases(file_path: Path, root: Path, media_dir: Path | None) -> list[Path]:
    """``--media-dir`` alone when given; else the file's folder and each parent up to the root.
    ``file_path`` is the real path of the file (``SourceFile.real_path``: links followed)."""
    if media_dir is not None:
        return [real_root(media_dir)]
    root = real_root(root)
    folder = file_path.parent
    bases = [folder]
    while folder != root and root in folder.parents:
        folder = folder.parent
        bases.append(folder)
    return bases


def find_image(source: str, *, file_path: Path, root: Path, media_dir: Path | None) -> Path | None:
    """The image file ``source`` names, or None when there is none (``file_path``: the real
    path of the file naming it).

    A leading ``/`` is relative to the search base, as in Hugo. A path that leads out of the
    import folder (or the media folder) from the file's own base is an error, found before
    anything is read; from the further bases such a path is simply not looked up.
    """
    relative = relative_image_path(source)
    if not relative:
        return None
    bases = _search_bases(file_path, root, media_dir)
    boundary = bases[0] if media_dir is not None else real_root(root)
    for index, base in enumerate(bases):
        candidate = (base / relative).resolve()
        if not candidate.is_relative_to(boundary):
            if index == 0:
                raise ImportFileError(
                    f"image path {source!r} leads outside the import folder", "image"
                )
            continue
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class ImageProblem:
    message: str


def load_image(path: Path) -> ImageFile | ImageProblem:
    """The image file's bytes, unless it is too big to be worth reading.

    Decoding is left to ``stored_picture``, which runs only for files that are written, so
    re-importing unchanged files never decodes a picture.
    """
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return ImageProblem(f"image {path.name} is over the limit of {MAX_IMAGE_BYTES} bytes")
        return ImageFile(path=path, content=path.read_bytes())
    except OSError as error:
        return ImageProblem(f"image {path.name} cannot be read: {error.strerror or error}")


def stored_picture(image: ImageFile) -> PreparedImage | ImageProblem:
    """What to store for ``image``: the same checks as an admin upload (``prepare_image``).

    Format allowlist, byte and pixel limits read from the header before decoding (so a
    decompression bomb costs nothing), and downscaled to the stored maximum.
    """
    try:
        return prepare_image(image.content)
    except ImageRejected as error:
        return ImageProblem(f"image {image.path.name} is refused: {str(error).rstrip('.')}")
