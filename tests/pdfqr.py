"""Read the QR codes of a PDF the way a camera would see the printed page."""
import pypdfium2
import zxingcpp


def qr_texts(pdf: bytes, scale: float = 1.5) -> list[list[str]]:
    """The QR codes of every page, in reading order (rows top to bottom, then left to right)."""
    pages = []
    for page in pypdfium2.PdfDocument(pdf):
        found = zxingcpp.read_barcodes(page.render(scale=scale).to_pil(), formats=zxingcpp.BarcodeFormat.QRCode)
        pages.append([r.text for r in sorted(found, key=lambda r: (round(r.position.top_left.y / 50),
                                                                     r.position.top_left.x))])
    return pages
