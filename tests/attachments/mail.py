"""Messages with the LibreOffice-made attachments (make.sh), as a mail client writes them (Python's
email package: multipart/mixed, base64, a forwarded message as message/rfc822), for the
command-line tests (tests/cli.rs)."""
import hashlib
import sys
from email.message import EmailMessage
from pathlib import Path

out = Path(sys.argv[1])


def message(subject, to, body, attachments=(), forwarded=None):
    mail = EmailMessage()
    mail["From"] = "Lotte van Dam <l.vandam@kompasjeugd.nl>"
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = "Mon, 07 Dec 2026 10:00:00 +0100"
    mail["Message-ID"] = f"<{hashlib.sha256(subject.encode()).hexdigest()[:16]}@kompasjeugd.nl>"
    mail.set_content(body)
    for file, name, kind in attachments:
        maintype, subtype = kind.split("/")
        mail.add_attachment((out / file).read_bytes(), maintype=maintype, subtype=subtype, filename=name)
    if forwarded is not None:
        mail.add_attachment(forwarded)
    return mail


pdf = "application/pdf"
docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# An innocent name, a case file inside, to a school.
scan = message("Stukken", "administratie@obs-dewegwijzer.nl", "Hierbij de stukken.\n", [("verslag.pdf", "scan_0012.pdf", pdf)])
(out / "scan-extern.eml").write_bytes(bytes(scan))
# The same with the encryption marker in the subject.
scan_marked = message("[versleuteld] Stukken", "administratie@obs-dewegwijzer.nl", "Hierbij de stukken.\n", [("verslag.pdf", "scan_0012.pdf", pdf)])
(out / "scan-extern-versleuteld.eml").write_bytes(bytes(scan_marked))
# An ordinary document to the same school.
ordinary = message("Teamuitje", "administratie@obs-dewegwijzer.nl", "Zie bijlage.\n", [("gewoon.pdf", "uitnodiging.pdf", pdf), ("gewoon.docx", "uitnodiging.docx", docx)])
(out / "gewoon-extern.eml").write_bytes(bytes(ordinary))
# A forward: the report travels in a forwarded message's attachment; and a password-protected PDF.
inner = message("Verslag", "l.vandam@kompasjeugd.nl", "Zie bijlage.\n", [("verslag.docx", "document.docx", docx)])
forward = message("Fwd: Verslag", "info@praktijk-hetanker.nl", "Ter info.\n", [("verslag-wachtwoord.pdf", "beveiligd.pdf", pdf)], forwarded=inner)
(out / "doorgestuurd-extern.eml").write_bytes(bytes(forward))
# Forwarded mail inside forwarded mail, four deep: the innermost is past the nesting limit.
nested = message("Verslag", "l.vandam@kompasjeugd.nl", "BSN 162275869\n")
for level in range(4):
    nested = message(f"Fwd {level + 1}", "l.vandam@kompasjeugd.nl", f"Doorgestuurd, laag {level + 1}.\n", forwarded=nested)
(out / "diep-doorgestuurd.eml").write_bytes(bytes(nested))
