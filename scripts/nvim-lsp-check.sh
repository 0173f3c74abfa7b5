#!/usr/bin/env bash
# Checks a language server from headless Neovim: opens FILE, runs SERVER_CMD over stdio (see
# nvim-lsp-check.lua beside this script) and prints the diagnostics, code actions and hover it got, as JSON.
#   scripts/nvim-lsp-check.sh FILE SERVER_CMD [ARG...]
#   e.g. scripts/nvim-lsp-check.sh test-fixtures/lsp/Dockerfile node out/server/src/lsp/main.js --stdio
# Environment: NVIM_LSP_ROOT, NVIM_LSP_SETTINGS, NVIM_LSP_TIMEOUT_MS, NVIM_LSP_SETTLE_MS, NVIM_LSP_MIN, NVIM_LSP_OUT
# (described in the .lua file). Exit status: the .lua file's (0 ok, 1 timeout or server exit, 2 bad setup,
# 3 too few diagnostics); 127 when nvim is not installed. On failure, Neovim's LSP log (the server's stderr) follows.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ "$#" -lt 2 ]; then echo "usage: $0 FILE SERVER_CMD [ARG...]" >&2; exit 2; fi
command -v nvim >/dev/null || { echo "nvim-lsp-check: nvim is not installed" >&2; exit 127; }
file="$1"; shift
NVIM_LSP_CMD="$(node -e 'process.stdout.write(JSON.stringify(process.argv.slice(1)))' "$@")"
export NVIM_LSP_CMD
# Neovim reads and writes nothing of the real home: config, data, state and the LSP log live in a temp dir.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache"
# A backstop in case Neovim itself hangs: the .lua file's own timeout plus a margin.
limit=$(( ${NVIM_LSP_TIMEOUT_MS:-15000} / 1000 + 30 ))
status=0
timeout -k 5 "$limit" nvim --headless --clean -n -i NONE -u "$here/nvim-lsp-check.lua" "$file" </dev/null || status=$?
if [ "$status" -ne 0 ]; then
  echo "nvim-lsp-check: exit status $status" >&2
  for log in "$XDG_STATE_HOME/nvim/lsp.log" "$XDG_CACHE_HOME/nvim/lsp.log"; do
    if [ -s "$log" ]; then tail -n 50 "$log" >&2; fi
  done
fi
exit "$status"
