"""The pure rules: what a file really is, and the name it may be downloaded under."""

import pytest

from ens.documents.content import ContentRefused, detect_content_type, safe_filename

from . import files

LIMITS = {"max_bytes": 5 * 1024 * 1024, "max_pixels": 50_000_000}


def detect(data: bytes) -> str:
    return detect_content_type(data, **LIMITS)


def test_a_real_pdf_is_a_pdf():
    assert detect(files.pdf_bytes()) == "application/pdf"


def test_a_real_png_is_a_png():
    assert detect(files.image_bytes("PNG")) == "image/png"


def test_a_real_jpeg_is_a_jpeg():
    assert detect(files.image_bytes("JPEG")) == "image/jpeg"


@pytest.mark.parametrize(
    "data",
    [files.EXECUTABLE, files.SVG, files.HTML, files.zip_bomb(5)],
    ids=["executable", "svg", "html", "zip"],
)
def test_other_formats_are_refused_whatever_their_name(data):
    with pytest.raises(ContentRefused, match="ni un PDF, ni une image JPEG ou PNG"):
        detect(data)


def test_a_file_that_only_starts_like_a_pdf_is_refused():
    with pytest.raises(ContentRefused, match="n'en est pas un lisible"):
        detect(files.FAKE_PDF)


def test_a_truncated_png_is_refused():
    with pytest.raises(ContentRefused, match="illisible ou endommagée"):
        detect(files.image_bytes("PNG")[:60])


def test_a_png_decompression_bomb_is_refused_before_decoding():
    with pytest.raises(ContentRefused, match="30000 × 30000 pixels"):
        detect(files.png_bomb())


def test_an_empty_file_is_refused():
    with pytest.raises(ContentRefused, match="vide"):
        detect(b"")


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(ContentRefused, match="taille maximale de 5 Mo"):
        detect(b"%PDF-" + b"0" * (5 * 1024 * 1024))


def test_a_path_is_reduced_to_its_last_part():
    assert safe_filename("../../etc/passwd.pdf", "application/pdf") == "passwd.pdf"
    assert safe_filename("C:\\Users\\x\\ordo.pdf", "application/pdf") == "ordo.pdf"


def test_a_long_name_is_cut_to_100_characters_keeping_the_extension():
    name = safe_filename("a" * 300 + ".pdf", "application/pdf")

    assert len(name) == 100
    assert name.endswith(".pdf")


def test_the_extension_follows_the_content_not_the_name():
    assert safe_filename("photo.pdf", "image/png") == "photo.png"


def test_unsafe_characters_are_replaced_and_accents_kept():
    assert safe_filename('résultat "bilan";\r\n.pdf', "application/pdf") == "résultat_bilan.pdf"


def test_a_name_with_nothing_left_becomes_document():
    assert safe_filename("../.pdf", "application/pdf") == "document.pdf"
