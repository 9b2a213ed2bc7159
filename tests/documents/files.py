"""Real files for the documents tests, made in code: good ones and hostile ones."""

import io
import struct
import zipfile
import zlib

from fpdf import FPDF
from PIL import Image


def pdf_bytes(text: str = "Ordonnance", pages: int = 1) -> bytes:
    pdf = FPDF()
    for number in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", size=14)
        pdf.cell(0, 10, f"{text} - page {number + 1}")
    return bytes(pdf.output())


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def png_bomb(side: int = 30_000) -> bytes:
    """A real PNG decompression bomb: ~100 KB that decode to `side`² pixels (900 M by
    default), every row zero."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" * (1 + side // 8)  # filter byte + 1-bit pixels
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row * 1000) for _ in range(side // 1000))
    idat += compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def zip_bomb(inflated_mb: int = 100) -> bytes:
    """A ZIP archive of a few hundred kilobytes holding `inflated_mb` MB of zeros."""
    buffer = io.BytesIO()
    block = b"\x00" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("resultats.pdf", "w", force_zip64=True) as member,
    ):
        for _ in range(inflated_mb):
            member.write(block)
    return buffer.getvalue()


EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode.\r\r\n$"
    + b"\x00" * 200
)
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML = b"<!DOCTYPE html><html><body><script>fetch('/espace/')</script></body></html>"
# Starts like a PDF, is not one: pypdf finds no structure.
FAKE_PDF = b"%PDF-1.7\n<script>alert(1)</script>\n%%EOF\n"
