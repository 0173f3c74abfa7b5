#!/usr/bin/env bash
# Installs what the real-editor tests need, idempotently, on a fresh Debian 12 machine (run as root from anywhere):
#   1. Debian packages: chromium (driven by playwright-core), neovim (second LSP client), ripgrep (code-server's
#      search, and the rg that @vscode/ripgrep would otherwise download), libkrb5-dev + pkg-config (the kerberos addon
#      of code-server compiles against gssapi).
#   2. code-server 4.100.3 (= VS Code 1.100.3, the newest release that runs on Node 20) into
#      <repo>/.vscode-test/code-server, from the npm registry only (nothing from GitHub).
# Usage: bash scripts/e2e/install.sh [DEST]      Env: CODE_SERVER_VERSION (default 4.100.3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${1:-$ROOT/.vscode-test/code-server}"
VERSION="${CODE_SERVER_VERSION:-4.100.3}"

# --- 1. apt packages (skipped when all are installed) -------------------------------------------------------------
APT_PKGS=(chromium neovim ripgrep libkrb5-dev pkg-config)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "apt: installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "apt: ${APT_PKGS[*]} already installed"
fi

# --- 2. code-server -------------------------------------------------------------------------------------------------
mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"
CS="$DEST/node_modules/code-server"
installed_version() { node -e 'try{console.log(require(process.argv[1]).version)}catch{}' "$CS/package.json"; }
if [ -f "$CS/out/node/entry.js" ] && [ "$(installed_version)" = "$VERSION" ] && \
   [ -x "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  echo "code-server $VERSION already in $DEST"; exit 0
fi

# Work-around: @vscode/ripgrep's postinstall fetches rg from GitHub (unreachable). It first looks for its download in
# $TMPDIR/vscode-ripgrep-cache-<pkg version>/, so put Debian's rg there as that tarball.
RG_PKG_VERSION=1.15.11      # the @vscode/ripgrep version VS Code 1.100 pins
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG_VERSION"
if [ ! -s "$CACHE/$RG_ASSET" ]; then
  mkdir -p "$CACHE"
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg"
  tar czf "$CACHE/$RG_ASSET" -C "$stage" rg
  rm -rf "$stage"
fi

cd "$DEST"
[ -f package.json ] || echo '{"name":"rampart-e2e-code-server","private":true}' > package.json
# Work-arounds: the exact version (newer ones need Node 22/24); unsafe_perm (postinstall refuses root otherwise);
# yes=true (node-pty's postinstall runs `npx node-gyp` and must not stop at a prompt). kerberos/argon2 try a
# prebuilt download first, fail, then compile (needs libkrb5-dev): expected noise.
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$VERSION"
test -x "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
echo "installed code-server $(installed_version) into $DEST ($(du -sh node_modules | cut -f1))"
