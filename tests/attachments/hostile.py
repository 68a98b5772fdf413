"""Hostile files made from LibreOffice's output (make.sh): the report cut off halfway (as a
download that broke off), and a zip bomb dressed as a Word file (a document.xml of 40 MB of
spaces, which deflate packs into about 40 KB)."""
import sys
import zipfile
from pathlib import Path

out = Path(sys.argv[1])
for name in ["verslag.docx", "verslag.pdf"]:
    data = (out / name).read_bytes()
    (out / name.replace("verslag.", "verslag-afgekapt.")).write_bytes(data[: len(data) // 2])

with zipfile.ZipFile(out / "bom.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
    bomb.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    chunk = b" " * (1 << 20)
    with bomb.open("word/document.xml", "w") as entry:
        entry.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
        for _ in range(40):
            entry.write(chunk)
        entry.write(b"</w:t></w:r></w:p></w:body></w:document>")
