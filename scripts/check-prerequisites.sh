#!/usr/bin/env bash
# Checks what building and testing Gureum needs (README.md, "Prerequisites") and says what is missing.
#   scripts/check-prerequisites.sh            # what `mvn -B verify` needs
#   scripts/check-prerequisites.sh --smoke    # also what docker/smoke.sh needs (a container engine)
#   INSTALL_MISSING=1 scripts/check-prerequisites.sh   # as root on Debian: installs Chromium when missing
# Exit status 0 when everything required is there; 1 otherwise, after naming each missing piece.
set -uo pipefail

missing=0
ok()   { printf '  ok       %-10s %s\n' "$1" "$2"; }
miss() { printf '  MISSING  %-10s %s\n' "$1" "$2"; missing=$((missing + 1)); }
warn() { printf '  note     %-10s %s\n' "$1" "$2"; }

# ver_ge 3.8.7 3.8 -> true when the first version is at least the second (numeric, dot by dot).
ver_ge() {
  local IFS=.; local -a a=($1) b=($2); local i
  for ((i = 0; i < ${#b[@]}; i++)); do
    local x=${a[i]:-0} y=${b[i]:-0}
    x=${x//[!0-9]/}; y=${y//[!0-9]/}
    ((10#${x:-0} > 10#${y:-0})) && return 0
    ((10#${x:-0} < 10#${y:-0})) && return 1
  done
  return 0
}

# need NAME MIN VERSION-OR-EMPTY HOW-TO-INSTALL
need() {
  local name=$1 min=$2 have=$3 how=$4
  if [ -z "$have" ]; then
    miss "$name" "not found; need $min or newer ($how)"
  elif ver_ge "$have" "$min"; then
    ok "$name" "$have"
  else
    miss "$name" "$have is too old; need $min or newer ($how)"
  fi
}

echo "Building and testing (mvn -B verify):"
jv=""; command -v javac >/dev/null && jv=$(javac -version 2>&1 | grep -oE '[0-9]+(\.[0-9]+)*' | head -1)
if [ -z "$jv" ] && command -v java >/dev/null; then
  miss "JDK" "java is there but javac is not: install a JDK 17 or newer, not a JRE"
else
  need "JDK" 17 "$jv" "e.g. apt-get install openjdk-17-jdk-headless, or Temurin 17+"
fi
mv=""; command -v mvn >/dev/null && mv=$(mvn -v 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | grep -oE 'Apache Maven [0-9.]+' | grep -oE '[0-9.]+$')
need "Maven" 3.8 "$mv" "https://maven.apache.org/download.cgi"

# The end-to-end tests run the real AWS CLI (docker, service-*/..CliIT) and expect version 1's output.
av=""; command -v aws >/dev/null && av=$(aws --version 2>&1 | grep -oE 'aws-cli/[0-9.]+' | cut -d/ -f2)
case $av in
  "") miss "AWS CLI" "not found; need version 1 (pip install awscli)";;
  1.*) ok "AWS CLI" "$av";;
  *) miss "AWS CLI" "$av is version 2; the tests expect version 1 (pip install awscli, first on PATH)";;
esac
# Lambda's tests run python3.x and nodejs*.x functions as local processes.
pv=""; command -v python3 >/dev/null && pv=$(python3 -c 'import platform; print(platform.python_version())' 2>/dev/null)
need "python3" 3.9 "$pv" "apt-get install python3"
nv=""; command -v node >/dev/null && nv=$(node --version 2>/dev/null | tr -d v)
need "Node.js" 18 "$nv" "apt-get install nodejs, or https://nodejs.org"
# The web console's tests (docker/.../ConsoleBrowserIT) load its pages in headless Chromium.
cv=""
for c in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$c" ] && [ -x "$c" ]; then cv=$("$c" --version 2>/dev/null | grep -oE '[0-9]+(\.[0-9]+)+' | head -1); break; fi
done
if [ -z "$cv" ] && [ "${INSTALL_MISSING:-}" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "  installing Chromium from Debian (INSTALL_MISSING=1) ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null 2>&1; }
  [ -x /usr/bin/chromium ] && cv=$(/usr/bin/chromium --version 2>/dev/null | grep -oE '[0-9]+(\.[0-9]+)+' | head -1)
fi
need "Chromium" 100 "$cv" "apt-get install chromium, or set CHROMIUM to a Chrome/Chromium binary"

if [ "${1:-}" = --smoke ]; then
  echo "Image smoke test (docker/smoke.sh):"
  if [ -n "${SMOKE_HELPER:-}" ]; then
    if [ -f "$SMOKE_HELPER" ]; then ok "helper" "SMOKE_HELPER=$SMOKE_HELPER"; else miss "helper" "SMOKE_HELPER=$SMOKE_HELPER does not exist"; fi
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    ok "Docker" "$(docker version --format '{{.Server.Version}}' 2>/dev/null) (daemon running)"
  elif command -v podman >/dev/null; then
    ok "podman" "$(podman --version | grep -oE '[0-9.]+$')"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    warn "podman" "no Docker daemon and no podman: docker/smoke.sh installs podman from Debian as root"
  else
    miss "engine" "neither a running Docker daemon nor podman (or set SMOKE_HELPER, see README.md)"
  fi
fi

if [ $missing -gt 0 ]; then
  echo "$missing prerequisite(s) missing: see README.md, \"Prerequisites\"."
  exit 1
fi
echo "All prerequisites found."
