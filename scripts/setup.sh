#!/usr/bin/env bash
# Installs everything swta needs on a fresh machine (Debian bookworm, root): Debian's rustc 1.63 with
# the wasm32 std (Route A of TOOLCHAIN.md), Chromium for the browser test, Brian2 for the benchmark
# comparison, then npm packages (which also build the native library when cargo exists).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
[ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/wasm32-unknown-unknown ] || need+=(rustc cargo libstd-rust-dev-wasm32 lld)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  if dpkg -s rust-web-llvm >/dev/null 2>&1; then apt-get remove -y -qq rustc-web cargo-web rust-web-llvm rust-web-src; fi
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "${SWTA_WITH_BRIAN:-0}" = 1 ] && [ "$(id -u)" = 0 ] && ! /usr/bin/python3 -c 'import brian2' 2>/dev/null; then
  apt-get install -y -qq python3-brian >/dev/null
fi
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
