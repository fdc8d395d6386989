#!/usr/bin/env bash
# Rebuilds the report viewer's vendored graph libraries from reports/viewer/package-lock.json:
#   npm ci (verifies every tarball against the lock's sha512 integrity), then copies sigma's and
#   graphology's minified UMD builds into reports/src/main/resources/.../viewer/vendor/ and records
#   their sha256 with the package versions in vendor.sha256. The Maven build needs no npm: it ships
#   the committed copies, and VendorChecksumTest fails when they differ from vendor.sha256 or the lock.
# Usage: scripts/build-viewer.sh          (then commit the vendor folder if git shows a change)
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=reports/viewer
out=reports/src/main/resources/io/p2ptestbed/reports/viewer/vendor
(cd "$pkg" && npm ci --no-audit --no-fund --loglevel=error)
mkdir -p "$out"
version() { node -p "require('./$pkg/node_modules/$1/package.json').version"; }
cp "$pkg/node_modules/sigma/dist/sigma.min.js" "$out/sigma.min.js"
cp "$pkg/node_modules/graphology/dist/graphology.umd.min.js" "$out/graphology.umd.min.js"
cp "$pkg/node_modules/sigma/LICENSE.txt" "$out/sigma.LICENSE.txt"
cp "$pkg/node_modules/graphology/LICENSE.txt" "$out/graphology.LICENSE.txt"
{
  echo "# sha256  file  npm-package@version (from $pkg/package-lock.json; rebuild: scripts/build-viewer.sh)"
  echo "$(sha256sum "$out/sigma.min.js" | cut -d' ' -f1)  sigma.min.js  sigma@$(version sigma)"
  echo "$(sha256sum "$out/graphology.umd.min.js" | cut -d' ' -f1)  graphology.umd.min.js  graphology@$(version graphology)"
} > "$out/vendor.sha256"
cat "$out/vendor.sha256"
