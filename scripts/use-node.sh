# Puts Node.js 22 first on PATH, installing it into .tools/ when this machine's Node is older.
#   . scripts/use-node.sh              in the current shell (bash or zsh)
#   bash scripts/use-node.sh CMD ARGS  runs one command with it
# The runtime comes from the npm registry's official builds (package node-linux-<arch>), the only
# place this project takes a runtime from; npm checks the tarball's integrity as it fetches it.
bantin_node_version="22.23.3"
bantin_node_minimum="22.18.0"

bantin_use_node() {
  local root current arch dir tarball
  root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)" || return 1
  current="$(node -p 'process.versions.node' 2>/dev/null || echo 0.0.0)"
  # Already new enough: nothing to do (sort -V puts the smaller version first).
  if [ "$(printf '%s\n%s\n' "$bantin_node_minimum" "$current" | sort -V | head -n 1)" = "$bantin_node_minimum" ]; then
    return 0
  fi
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "use-node: no Node.js build for $(uname -m) on the npm registry; install Node.js $bantin_node_minimum or newer yourself" >&2; return 1 ;;
  esac
  dir="$root/.tools/node-v$bantin_node_version-linux-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    echo "use-node: this machine has Node.js $current; installing Node.js $bantin_node_version into ${dir#"$root"/}" >&2
    mkdir -p "$root/.tools" || return 1
    tarball="$(cd "$root/.tools" && npm pack --silent "node-linux-$arch@$bantin_node_version")" || return 1
    rm -rf "$dir.partial" && mkdir -p "$dir.partial" || return 1
    tar -xzf "$root/.tools/$tarball" -C "$dir.partial" --strip-components=1 || return 1
    rm -f "$root/.tools/$tarball"
    # The package's bin/ holds node only; npm and npx come from the machine's own npm, which runs
    # on whatever node is first on PATH.
    mv "$dir.partial" "$dir" || return 1
  fi
  PATH="$dir/bin:$PATH"
  export PATH
  hash -r 2>/dev/null || true
}

if [ "${BASH_SOURCE[0]:-$0}" = "$0" ]; then
  # Run as a script: use it for one command.
  set -e
  bantin_use_node
  exec "$@"
else
  bantin_use_node
fi
