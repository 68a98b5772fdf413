#!/usr/bin/env bash
# Makes the test attachments in files/ (or in the directory given) from sources/ with LibreOffice
# (`soffice --headless --convert-to`), the producer most Dutch youth-care organisations' staff
# would meet besides Microsoft Office, plus the hostile files made from them: a truncated copy, a
# password-protected PDF and a zip bomb. The files are committed (LibreOffice's output differs in
# every run: dates, ids); extract/tests/documents.rs runs its cases on them, and, when soffice is
# installed (.ci/run installs it), on a fresh conversion too.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/files}"
mkdir -p "$out"
src="$here/sources"
# A profile of its own, so a running LibreOffice (or another test) does not get in the way.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
convert() {
  soffice -env:UserInstallation="file://$profile" --headless --convert-to "$1" --outdir "$out" "${@:2}" > /dev/null 2> >(grep -v javaldx >&2)
}
convert docx "$src/verslag.fodt" "$src/gewoon.fodt"
convert odt "$src/verslag.fodt"
convert pdf "$src/verslag.fodt" "$src/gewoon.fodt" "$src/scan.fodt"
convert xlsx "$src/lijst.fods"
convert ods "$src/lijst.fods"
convert csv "$src/lijst.fods"
convert pptx "$src/presentatie.fodp"
# The report as a PDF that opens only with a password.
cp "$src/verslag.fodt" "$profile/verslag-wachtwoord.fodt"
convert 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"geheim"}}' \
  "$profile/verslag-wachtwoord.fodt"
python3 "$here/hostile.py" "$out"
python3 "$here/mail.py" "$out"
