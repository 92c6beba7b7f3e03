"""Unpacks the aars Maven fetched, ready for aapt; prints the packages that need an R class.

    python3 unpack_aars.py AARS_DIR OUT_DIR

Each aar goes to OUT_DIR/<name>/. aapt (v1, Debian's) does not know aapt2's short form of an
id, `<id name="x"/>`, so those lines are rewritten as `<item type="id" name="x"/>`, which both
read the same. The packages printed (joined by ':', for aapt --extra-packages) are those of
the libraries that have resources: the ids their code refers to are only given when the app
is built, from the one resource table of the app and all its libraries.
"""

import pathlib
import re
import shutil
import sys
import zipfile

SHORT_ID = re.compile(r'<id name="([^"]*)"\s*/>')

aars, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
shutil.rmtree(out, ignore_errors=True)
packages = []
for aar in sorted(aars.glob("*.aar")):
    target = out / aar.stem
    with zipfile.ZipFile(aar) as z:
        z.extractall(target)
    for values in target.glob("res/values*/*.xml"):
        text = values.read_text(encoding="utf-8")
        fixed = SHORT_ID.sub(r'<item type="id" name="\1"/>', text)
        if fixed != text:
            values.write_text(fixed, encoding="utf-8")
    r_txt = target / "R.txt"
    if not r_txt.is_file() or r_txt.stat().st_size == 0:
        continue
    manifest = (target / "AndroidManifest.xml").read_text(encoding="utf-8")
    match = re.search(r'package="([^"]+)"', manifest)
    if match and match.group(1) not in packages:
        packages.append(match.group(1))
print(":".join(packages), end="")
