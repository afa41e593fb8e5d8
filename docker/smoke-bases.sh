#!/usr/bin/env bash
# Sourced by docker/smoke.sh on the podman path. Sets PM, the podman command line, and makes every
# image a FROM line of docker/Dockerfile names exist locally: pulled when a registry answers,
# otherwise built from Debian (debootstrap), so the smoke test runs on machines with no registry.
#   maven:* / *jdk*  -> Debian bookworm + openjdk-17-jdk-headless + maven (3.8, what the build needs)
#   anything else   -> Debian bookworm + openjdk-17-jre-headless
# Both carry this machine's extra CA certificates (an egress proxy may re-sign TLS, and the build
# stage downloads from Maven Central). Built bases are cached in podman's storage.
#
# Settings: SMOKE_CACHE (working files, /var/cache/gureum-smoke), DEBIAN_MIRROR (the first of this
# machine's apt sources), DEBIAN_SUITE (bookworm).

cache=${SMOKE_CACHE:-/var/cache/gureum-smoke}
suite=${DEBIAN_SUITE:-bookworm}
mirror=${DEBIAN_MIRROR:-$(grep -hs -E '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
  | grep -v security | head -1 | sed -E 's/^URIs: *//; s/^deb (\[[^]]*\] )?//; s/ .*//' || true)}
mirror=${mirror:-http://deb.debian.org/debian}
mkdir -p "$cache"

apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "$* missing: install it (or use Docker, or set SMOKE_HELPER)"
  log "installing $* from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >"$cache/apt.log" 2>&1 \
    || { tail -20 "$cache/apt.log"; die "apt-get install $* failed"; }
}
need=()
for tool in podman curl; do command -v "$tool" >/dev/null || need+=("$tool"); done
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"

PM=(podman)
if [ "$(id -u)" = 0 ] && [ -z "${CONTAINERS_CONF:-}" ]; then
  # Containers get podman's default rlimits (nofile 1048576), which a sandbox without CAP_SYS_RESOURCE
  # refuses at start ("error setting rlimits"), and Debian 12's crun rejects hybrid cgroup layouts:
  # use runc, cgroupfs and the limits this process may set. CONTAINERS_CONF set by the caller wins.
  command -v runc >/dev/null || apt_install runc
  hn=$(ulimit -Hn); [ "$hn" = unlimited ] && hn=1048576
  hu=$(ulimit -Hu); { [ "$hu" = unlimited ] || [ "$hu" -gt 32768 ]; } && hu=32768
  cat >"$cache/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$hn:$hn", "nproc=$hu:$hu"]
log_driver = "k8s-file"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  export CONTAINERS_CONF="$cache/containers.conf"
  podman info >/dev/null 2>"$cache/info.err" || { cat "$cache/info.err"; die "podman does not run here"; }
fi

# docker-style full name: eclipse-temurin:17-jre -> docker.io/library/eclipse-temurin:17-jre
full_name() {
  local r=$1 first=${1%%/*}
  if [ "$first" = "$r" ]; then r="docker.io/library/$r"
  elif [[ "$first" != *.* && "$first" != *:* && "$first" != localhost ]]; then r="docker.io/$r"; fi
  [[ "${r##*/}" == *:* ]] || r="$r:latest"
  echo "$r"
}

# The Debian root file system both bases start from, imported once.
debian_base() {
  local raw="localhost/gureum-smoke/debian:$suite"
  if ! "${PM[@]}" image exists "$raw"; then
    command -v debootstrap >/dev/null || apt_install debootstrap
    local root="$cache/rootfs.$$"
    log "no registry: building a Debian $suite base with debootstrap (a few minutes, once)"
    debootstrap --variant=minbase --include=ca-certificates,openjdk-17-jre-headless "$suite" "$root" "$mirror" \
      >"$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log"; rm -rf "$root"; die "debootstrap failed"; }
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar --numeric-owner -C "$root" -cf "$cache/debian-$suite.tar" . || die "packing the root file system failed"
    "${PM[@]}" import -q \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' --change 'ENV LANG=C.UTF-8' \
      --change 'LABEL gureum-smoke.base=debian' --change 'CMD ["/bin/bash"]' "$cache/debian-$suite.tar" "$raw" \
      >/dev/null || { rm -rf "$root"; die "podman import failed"; }
    rm -rf "$root" "$cache/debian-$suite.tar"
  fi
  echo "$raw"
}

# flavour jre|jdk -> the local image standing in for such a FROM image
local_base() {
  local flavour=$1 tag="localhost/gureum-smoke/$1:$suite" ctx="$cache/ctx-$1" raw
  "${PM[@]}" image exists "$tag" && { echo "$tag"; return; }
  raw=$(debian_base)
  mkdir -p "$ctx"; rm -f "$ctx"/*.crt
  cp /usr/local/share/ca-certificates/*.crt "$ctx"/ 2>/dev/null || true
  {
    echo "FROM $raw"
    echo "COPY . /usr/local/share/ca-certificates/"
    echo "RUN rm -f /usr/local/share/ca-certificates/Dockerfile && update-ca-certificates >/dev/null 2>&1"
    if [ "$flavour" = jdk ]; then
      echo "RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null && rm -rf /var/lib/apt/lists/*"
    fi
    echo "LABEL gureum-smoke.base=$flavour"
  } >"$ctx/Dockerfile"
  log "building the local $flavour base $tag"
  "${PM[@]}" build --pull=never --network=host -q -t "$tag" "$ctx" >"$cache/base-$flavour.log" 2>&1 \
    || { tail -20 "$cache/base-$flavour.log"; die "building the $flavour base failed"; }
  echo "$tag"
}

stages=" "
while read -r _ from rest; do
  alias=$(awk '{ if (tolower($1) == "as") print $2 }' <<<"$rest")
  if [[ "$stages" != *" $from "* ]]; then
    name=$(full_name "$from")
    if "${PM[@]}" image exists "$name"; then
      :
    elif timeout 120 "${PM[@]}" pull -q "$name" >/dev/null 2>&1; then
      log "pulled $name"
    else
      case ${from,,} in *jre*) flavour=jre;; *maven*|*jdk*) flavour=jdk;; *) flavour=jre;; esac
      base=$(local_base "$flavour")
      "${PM[@]}" tag "$base" "$name" || die "tagging $base as $name failed"
      log "FROM $from: no registry answered, using $base"
    fi
  fi
  if [ -n "$alias" ]; then stages+="$alias "; fi
done < <(grep -iE '^[[:space:]]*FROM[[:space:]]' docker/Dockerfile | sed -E 's/--platform=[^ ]+ //')
