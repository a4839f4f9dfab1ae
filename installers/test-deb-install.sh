#!/usr/bin/env bash
# test-deb-install.sh: installs the two .debs for real, into a fresh minimal Debian 12 made with
# debootstrap (a chroot; nothing is installed on this machine), so that the maintainer scripts run
# and apt resolves the packages' Depends from the Debian archive alone. Checks:
#   - install: the system user lanyard, /var/lib/lanyard and /etc/lanyard/server.properties with
#     their owners and modes, the unit enabled; lanyard-server as root runs as lanyard; the
#     service's user can start the server with the installed settings (/health UP);
#   - upgrade: an admin's edit of server.properties survives an upgrade, and one whose package
#     changes that file too (the new one lands in server.properties.dpkg-dist); data and the
#     enablement survive;
#   - remove keeps settings and data; purge removes settings and the unit's state, keeps the data
#     and the user (ADR 0502);
#   - the kiosk's libraries all resolve on that minimal system, and its window opens under Xvfb
#     (screenshot: installers/target/kiosk-fresh-system.png).
# systemd does not run in a chroot: starting/stopping the service by the scripts is not exercised
# here (they skip it without /run/systemd/system, as in containers).
#
# Needs root, debootstrap, Xvfb, xdotool, imagemagick on this machine and access to a Debian
# mirror (LANYARD_DEBIAN_MIRROR, default http://deb.debian.org/debian). The debootstrapped base is
# cached as a tarball in ${LANYARD_CHROOT_CACHE:-/var/cache/lanyard-test}. Takes a few minutes.
set -uo pipefail

if [ -z "${LANYARD_IN_MOUNT_NS:-}" ]; then
  # private mount namespace: every mount below disappears when the script ends, however it ends
  exec unshare --mount --propagation private env LANYARD_IN_MOUNT_NS=1 bash "$0" "$@"
fi

here=$(cd "$(dirname "$0")" && pwd)
target="$here/target"
logs="$target/test-deb-install"
mirror=${LANYARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${LANYARD_CHROOT_CACHE:-/var/cache/lanyard-test}
passed=0
failed=0
pids=()

# shellcheck source=test-lib.sh
. "$here/test-lib.sh"
die() { echo "test-deb-install: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (chroot, mounts)"
for tool in debootstrap unshare chroot dpkg-deb Xvfb xdotool import curl python3; do
  command -v "$tool" >/dev/null || die "$tool not found; apt-get install -y debootstrap util-linux xvfb xdotool imagemagick curl python3"
done
newest() { ls -t "$target"/$1 2>/dev/null | head -1; }
server_deb=$(newest 'lanyard-server_*.deb')
kiosk_deb=$(newest 'lanyard-kiosk_*.deb')
[ -n "$server_deb" ] && [ -n "$kiosk_deb" ] || die "no .debs in $target: run mvn -Pinstallers -DskipTests package first"

base="$cache/bookworm-minbase.tar"
if [ ! -f "$base" ]; then
  echo "# debootstrap bookworm (minbase) from $mirror into $base"
  mkdir -p "$cache"
  build=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$build/root" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || die "debootstrap failed, see $cache/debootstrap.log"
  tar -C "$build/root" -cf "$base.part" . && mv "$base.part" "$base"
  rm -rf "$build"
fi

work=$(mktemp -d)
c="$work/root"
# processes this script started inside the chroot (their root directory is it)
chroot_pids() { local p; for p in /proc/[0-9]*; do [ "$(readlink "$p/root" 2>/dev/null)" = "$c" ] && echo "${p#/proc/}"; done; }
cleanup() {
  local pid
  for pid in "${pids[@]}" $(chroot_pids); do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  sleep 1
  for pid in $(chroot_pids); do kill -KILL "$pid" 2>/dev/null; done
  local m
  for m in "$c/tmp/.X11-unix" "$c/dev" "$c/proc"; do
    if mountpoint -q "$m"; then umount -R "$m" || umount -R -l "$m"; fi
  done
  # never rm -rf through a bind mount of the host's /dev or /tmp/.X11-unix
  if findmnt -rn -o TARGET | grep -q "^$work/"; then
    echo "test-deb-install: mounts left under $work; not removing it" >&2
  else
    rm -rf --one-file-system "$work"
  fi
}
trap cleanup EXIT
rm -rf "$logs"
mkdir -p "$logs" "$c"
tar -C "$c" -xf "$base"
cp /etc/resolv.conf "$c/etc/resolv.conf"
# like an installed system, the chroot resolves this machine's host name (H2's AUTO_SERVER needs it)
cp /etc/hosts "$c/etc/hosts"
mount -t proc proc "$c/proc"
mount --rbind /dev "$c/dev"
mkdir -p "$c/debs"

in_root() { chroot "$c" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
apt_install() {
  in_root apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" \
    >>"$logs/apt.log" 2>&1
}

# a later version of the server package, made from this one; $2 = text appended to its conffile
next_server_version() {
  local suffix=$1 conffile_change=$2 dir="$work/repack-$1"
  dpkg-deb -R "$server_deb" "$dir"
  sed -i "s/^Version: .*/&+$suffix/" "$dir/DEBIAN/control"
  [ -z "$conffile_change" ] || echo "$conffile_change" >>"$dir/etc/lanyard/server.properties"
  dpkg-deb --root-owner-group -Zgzip --build "$dir" "$c/debs/lanyard-server-$suffix.deb" >/dev/null
  rm -rf "$dir"
}
cp "$server_deb" "$c/debs/lanyard-server.deb"
cp "$kiosk_deb" "$c/debs/lanyard-kiosk.deb"
next_server_version 1 ""
next_server_version 2 "# a setting added by a later version"

in_root apt-get update -q >>"$logs/apt.log" 2>&1 || die "apt-get update in the chroot failed, see $logs/apt.log"

# --- install ------------------------------------------------------------------------------------
if apt_install /debs/lanyard-server.deb; then ok "lanyard-server installs on a minimal Debian 12 (apt resolves its Depends)"; else not_ok "lanyard-server installs" "see $logs/apt.log"; fi
user_ok() {
  local entry uid
  entry=$(in_root getent passwd lanyard) || return 1
  uid=$(echo "$entry" | cut -d: -f3)
  echo "# $entry"
  [ "$uid" -lt 1000 ] && echo "$entry" | grep -q ':/var/lib/lanyard:/usr/sbin/nologin$'
}
check "postinst created the system user lanyard (home /var/lib/lanyard, no login)" user_ok
# owners as the chroot's /etc/passwd names them
owner_mode() { in_root stat -c '%U:%G %a' "$1" 2>/dev/null; }
check "/var/lib/lanyard is lanyard:lanyard 700" test "$(owner_mode /var/lib/lanyard)" = "lanyard:lanyard 700"
check "/etc/lanyard/server.properties is root:lanyard 640" test "$(owner_mode /etc/lanyard/server.properties)" = "root:lanyard 640"
check "the unit is enabled (multi-user.target.wants)" test -L "$c/etc/systemd/system/multi-user.target.wants/lanyard-server.service"

echo 'a-long-admin-password' | in_root lanyard-server create-user --username admin --role ADMIN >"$logs/create-user.out" 2>&1
check "lanyard-server as root runs as lanyard on the installed settings: database owned by lanyard" \
  sh -c "grep -q 'created user admin' '$logs/create-user.out' && [ \"\$(chroot '$c' stat -c %U /var/lib/lanyard/lanyard.mv.db)\" = lanyard ]"

port=$(free_port)
# what the unit's ExecStart runs, as its User= (started directly, so that $! is that process)
chroot "$c" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 runuser -u lanyard -- /opt/lanyard-server/bin/lanyard-server serve --config /etc/lanyard/server.properties --port "$port" \
  >"$logs/server.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
check "the service's command line, run as lanyard, serves /health UP over HTTPS (TLS by default)" health_up "https://127.0.0.1:$port" "$server_pid"
in_root lanyard-server-backup /root/backup.tar.gz >"$logs/backup.out" 2>&1
check "lanyard-server-backup as root while the server runs" sh -c "tar -tzf '$c/root/backup.tar.gz' | grep -q lanyard-h2-backup.zip"
# as cron runs it: PATH=/usr/bin:/bin, without /usr/sbin where runuser lives
chroot "$c" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root lanyard-server-backup /root/cron.tar.gz >"$logs/backup-cron.out" 2>&1
check "lanyard-server-backup run by cron (PATH=/usr/bin:/bin)" sh -c "tar -tzf '$c/root/cron.tar.gz' | grep -q lanyard-h2-backup.zip"
kill "$server_pid"
wait "$server_pid" 2>/dev/null
pids=()
stopped() { local i; for i in $(seq 30); do [ -z "$(chroot_pids)" ] && return 0; sleep 1; done; return 1; }
check "the server stops with its runuser parent (nothing left running in the chroot)" stopped

# --- upgrades -----------------------------------------------------------------------------------
sed -i 's/^# port=8080$/port=8081/' "$c/etc/lanyard/server.properties"
check "(the admin set port=8081)" grep -qx 'port=8081' "$c/etc/lanyard/server.properties"
if apt_install /debs/lanyard-server-1.deb; then ok "upgrade to a later version installs"; else not_ok "upgrade installs" "see $logs/apt.log"; fi
check "upgrade kept the admin's server.properties" grep -qx 'port=8081' "$c/etc/lanyard/server.properties"
check "upgrade kept the data and the enablement" \
  sh -c "[ -f '$c/var/lib/lanyard/lanyard.mv.db' ] && [ -L '$c/etc/systemd/system/multi-user.target.wants/lanyard-server.service' ]"
if apt_install /debs/lanyard-server-2.deb; then ok "upgrade to a version that changes server.properties installs without asking (confold)"; else not_ok "upgrade with a changed conffile" "see $logs/apt.log"; fi
check "that upgrade kept the admin's file and left the new one as server.properties.dpkg-dist" \
  sh -c "grep -qx 'port=8081' '$c/etc/lanyard/server.properties' && grep -q 'a setting added by a later version' '$c/etc/lanyard/server.properties.dpkg-dist'"
rm -f "$c/etc/lanyard/server.properties.dpkg-dist"

# --- remove and purge ---------------------------------------------------------------------------
in_root apt-get remove -y -q lanyard-server >>"$logs/apt.log" 2>&1
check "remove takes the program away and keeps settings and data" \
  sh -c "[ ! -e '$c/opt/lanyard-server' ] && [ ! -e '$c/usr/bin/lanyard-server' ] && [ -f '$c/etc/lanyard/server.properties' ] && [ -f '$c/var/lib/lanyard/lanyard.mv.db' ]"
in_root apt-get purge -y -q lanyard-server >>"$logs/apt.log" 2>&1
check "purge removes /etc/lanyard and the unit's enablement" \
  sh -c "[ ! -e '$c/etc/lanyard' ] && [ ! -e '$c/etc/systemd/system/multi-user.target.wants/lanyard-server.service' ]"
check "purge keeps /var/lib/lanyard and the user lanyard (ADR 0502)" \
  sh -c "[ -f '$c/var/lib/lanyard/lanyard.mv.db' ] && chroot '$c' getent passwd lanyard >/dev/null"
if apt_install /debs/lanyard-server.deb; then
  check "reinstall after purge finds the old data" sh -c "[ -f '$c/var/lib/lanyard/lanyard.mv.db' ] && grep -q '^data=/var/lib/lanyard' '$c/etc/lanyard/server.properties'"
else
  not_ok "reinstall after purge" "see $logs/apt.log"
fi

# --- the kiosk on a fresh system ----------------------------------------------------------------
if apt_install /debs/lanyard-kiosk.deb; then ok "lanyard-kiosk installs on a minimal Debian 12 (apt resolves its Depends)"; else not_ok "lanyard-kiosk installs" "see $logs/apt.log"; fi
libs_resolve() {
  local missing
  missing=$(find "$c/opt/lanyard-kiosk" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
    | xargs -0 -n1 sh -c 'chroot "$0" /usr/bin/env LD_LIBRARY_PATH=/opt/lanyard-kiosk/lib/runtime/lib:/opt/lanyard-kiosk/lib/runtime/lib/server:/opt/lanyard-kiosk/lib/app ldd "${1#$0}" 2>/dev/null' "$c" \
    | grep 'not found' | sort -u)
  [ -z "$missing" ] || { echo "$missing"; return 1; }
}
check "every native library of the kiosk resolves (ldd) with only its Depends installed" libs_resolve

display=$(for n in $(seq 90 120); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { echo "$n"; break; }; done)
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$logs/xvfb.log" 2>&1 &
pids+=("$!")
for i in $(seq 20); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.5; done
mkdir -p "$c/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$c/tmp/.X11-unix"
in_root useradd --create-home desk
chroot "$c" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 runuser -u desk -- env DISPLAY=":$display" HOME=/home/desk /usr/bin/lanyard-kiosk >"$logs/kiosk.log" 2>&1 &
kiosk_pid=$!
pids+=("$kiosk_pid")
window=
for i in $(seq 120); do
  window=$(DISPLAY=":$display" xdotool search --onlyvisible --name '^Lanyard$' 2>/dev/null | head -1)
  [ -n "$window" ] && break
  kill -0 "$kiosk_pid" 2>/dev/null || break
  sleep 1
done
if [ -n "$window" ]; then
  sleep 4
  DISPLAY=":$display" import -window root "$target/kiosk-fresh-system.png"
  ok "the installed kiosk opens its window on the fresh system after ${i}s (screenshot: installers/target/kiosk-fresh-system.png)"
else
  not_ok "the installed kiosk opens its window" "see $logs/kiosk.log"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
