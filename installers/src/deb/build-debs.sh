#!/usr/bin/env bash
# Builds lanyard-server_VERSION_ARCH.deb and lanyard-kiosk_VERSION_ARCH.deb into $TARGET from the
# jpackage app-images in $TARGET/app-image. Called by `mvn -Pinstallers package` (installers/pom.xml),
# which passes:
#   PROJECT_VERSION  e.g. 0.1.0-SNAPSHOT (a snapshot becomes 0.1.0~snapshotYYYYMMDDHHMM)
#   BUILD_TIMESTAMP  yyyyMMddHHmm
#   TARGET, SRC      installers/target, installers/src
#   JDK_BIN          the JDK's bin/ folder (jar, jdeps)
#   SERVER_MODULES, KIOSK_MODULES  the modules jlink put into each runtime
# Needs dpkg-deb (dpkg) and dpkg-shlibdeps (dpkg-dev). No root and no fakeroot: the packages'
# files are owned by root through dpkg-deb --root-owner-group.
set -euo pipefail

: "${PROJECT_VERSION:?}" "${BUILD_TIMESTAMP:?}" "${TARGET:?}" "${SRC:?}" "${JDK_BIN:?}" "${SERVER_MODULES:?}" "${KIOSK_MODULES:?}"
maintainer=${DEB_MAINTAINER:-"Lanyard maintainers <maintainers@lanyard.invalid>"}

fail() { echo "build-debs: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || fail "$1 not found: install the Debian package $2"; }
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need dpkg-architecture dpkg-dev

arch=$(dpkg-architecture -qDEB_HOST_ARCH)
upstream=${PROJECT_VERSION%-SNAPSHOT}
if [ "$upstream" != "$PROJECT_VERSION" ]; then
  # "~" sorts before the release: 0.1.0~snapshot202611251512 < 0.1.0, and later builds sort higher
  deb_version="${upstream}~snapshot${BUILD_TIMESTAMP}"
else
  deb_version=$upstream
fi
work="$TARGET/deb"
rm -rf "$work"
mkdir -p "$work"

# Fails when jdeps finds that a jar needs a JDK module its jlink'ed runtime lacks. The shaded jars
# carry dependencies' META-INF/versions/*/module-info.class, which make jdeps treat them as broken
# modules: jdeps reads a copy without them.
check_modules() {
  local name=$1 jar=$2 configured=$3 tmp needed missing=()
  tmp="$work/jdeps-$name"
  mkdir -p "$tmp/x"
  (cd "$tmp/x" && "${JDK_BIN}jar" xf "$jar" && find . -name module-info.class -delete \
     && "${JDK_BIN}jar" --create --file ../app.jar --manifest META-INF/MANIFEST.MF -C . .)
  needed=$("${JDK_BIN}jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$tmp/app.jar")
  rm -rf "$tmp"
  local module
  for module in ${needed//,/ }; do
    case ",$configured," in *",$module,"*) ;; *) missing+=("$module") ;; esac
  done
  [ ${#missing[@]} -eq 0 ] || fail "$name needs JDK modules missing from installers.$name.modules in installers/pom.xml: ${missing[*]} (jdeps: $needed)"
  echo "build-debs: $name jar needs $needed; the runtime has them"
}

is_elf() { [ "$(od -An -tx1 -N4 "$1" | tr -d ' \n')" = 7f454c46 ]; }

# The Debian packages the ELF files under opt/ link against (dpkg-shlibdeps, as debhelper would
# run it). Libraries inside the package are ours; a library found nowhere fails the build.
shlib_depends() {
  local stage=$1 dir=$2 files=() f dirs=() out
  while IFS= read -r -d '' f; do
    if is_elf "$f"; then files+=("-e$f"); fi
  done < <(find "$stage/opt" -type f -print0)
  while IFS= read -r -d '' f; do dirs+=("-l$f"); done < <(find "$stage/opt" -name '*.so' -printf '%h\0' | sort -zu)
  mkdir -p "$dir/debian"
  : > "$dir/debian/control"
  out=$(cd "$dir" && dpkg-shlibdeps -O --warnings=0 --ignore-missing-info "${dirs[@]}" "${files[@]}" 2>"$dir/shlibdeps.log") \
    || { cat "$dir/shlibdeps.log" >&2; fail "dpkg-shlibdeps failed for $stage (a library the app needs is not installed on this build machine?)"; }
  rm -rf "$dir/debian"
  echo "${out#shlibs:Depends=}"
}

# Owner root (dpkg-deb), no group/other write bits, executables stay executable.
normalise_modes() { chmod -R u+rw,go-w,go+rX "$1"; }

write_control() {
  local stage=$1 package=$2 depends=$3 section=$4 summary=$5 description=$6
  local size
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  cat > "$stage/DEBIAN/control" <<EOF
Package: $package
Version: $deb_version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Section: $section
Priority: optional
Description: $summary
$description
EOF
  (cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
}

build_deb() {
  local stage=$1 package=$2 out
  out="$TARGET/${package}_${deb_version}_${arch}.deb"
  chmod 0644 "$stage"/DEBIAN/control "$stage"/DEBIAN/md5sums
  [ ! -f "$stage/DEBIAN/conffiles" ] || chmod 0644 "$stage/DEBIAN/conffiles"
  # gzip, not xz: the runtime and the jars inside are compressed already (xz: 5% smaller, 10x slower)
  dpkg-deb --root-owner-group -Zgzip --build "$stage" "$out" >/dev/null
  echo "build-debs: $(basename "$out") ($(du -h "$out" | cut -f1))"
}

copy_doc() {
  local stage=$1 package=$2
  install -d "$stage/usr/share/doc/$package"
  install -m 0644 "$SRC/deb/copyright" "$stage/usr/share/doc/$package/copyright"
  install -m 0644 "$SRC/../README.md" "$stage/usr/share/doc/$package/README.md"
}

[ -f "$TARGET/app-image/lanyard-kiosk/lib/app/libglass.so" ] \
  || fail "JavaFX's natives are missing beside the kiosk jar in $TARGET/app-image/lanyard-kiosk/lib/app (see unpack-javafx-natives in installers/pom.xml)"
check_modules server "$TARGET/input/server/lanyard-server.jar" "$SERVER_MODULES"
check_modules kiosk "$TARGET/input/kiosk/lanyard-kiosk.jar" "$KIOSK_MODULES"
# lanyard-server rehearse runs on the server's runtime (ADR 0503)
check_modules rehearsal "$TARGET/input/rehearsal/lanyard-rehearsal.jar" "$SERVER_MODULES"

# --- lanyard-server: /opt/lanyard-server, /usr/bin/lanyard-server(-backup|-restore), systemd unit, /etc/lanyard ---
stage="$work/lanyard-server"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/lib/systemd/system" "$stage/etc/lanyard"
cp -a "$TARGET/app-image/lanyard-server" "$stage/opt/lanyard-server"
install -D -m 0644 "$TARGET/input/rehearsal/lanyard-rehearsal.jar" "$stage/opt/lanyard-server/lib/rehearsal/lanyard-rehearsal.jar"
install -m 0755 "$SRC/deb/server/lanyard-server" "$SRC/deb/server/lanyard-server-backup" "$SRC/deb/server/lanyard-server-restore" "$stage/usr/bin/"
install -m 0644 "$SRC/deb/server/lanyard-server.service" "$stage/lib/systemd/system/lanyard-server.service"
install -m 0644 "$SRC/deb/server/server.properties" "$stage/etc/lanyard/server.properties"
copy_doc "$stage" lanyard-server
normalise_modes "$stage"
install -m 0755 "$SRC/deb/server/postinst" "$SRC/deb/server/prerm" "$SRC/deb/server/postrm" "$stage/DEBIAN/"
echo /etc/lanyard/server.properties > "$stage/DEBIAN/conffiles"
write_control "$stage" lanyard-server "adduser, $(shlib_depends "$stage" "$work/shlibs-server")" net \
  "Lanyard sync server for offline-first event check-in" \
" The server every Lanyard check-in kiosk syncs with: events, attendee lists,
 check-ins from every door, pairing of kiosks, CSV import and export.
 .
 Runs as the systemd service lanyard-server under its own user lanyard, with
 its settings in /etc/lanyard/server.properties and its H2 database in
 /var/lib/lanyard. The lanyard-server command runs the host commands
 (create-user, create-event, import, pair-device, export, ...) and
 lanyard-server rehearse, a rehearsal of the venue's worst minute.
 Includes its own Java runtime."
build_deb "$stage" lanyard-server

# --- lanyard-kiosk: /opt/lanyard-kiosk, /usr/bin/lanyard-kiosk, desktop entry and icons ---
stage="$work/lanyard-kiosk"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications"
cp -a "$TARGET/app-image/lanyard-kiosk" "$stage/opt/lanyard-kiosk"
ln -s ../../opt/lanyard-kiosk/bin/lanyard-kiosk "$stage/usr/bin/lanyard-kiosk"
install -m 0644 "$SRC/deb/kiosk/lanyard-kiosk.desktop" "$stage/usr/share/applications/lanyard-kiosk.desktop"
for size in 48 128 256; do
  install -D -m 0644 "$SRC/icons/lanyard-$size.png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/lanyard-kiosk.png"
done
copy_doc "$stage" lanyard-kiosk
normalise_modes "$stage"
write_control "$stage" lanyard-kiosk "$(shlib_depends "$stage" "$work/shlibs-kiosk")" misc \
  "Lanyard check-in kiosk for event doors" \
" The desk application of Lanyard: scan a ticket's QR code or search a name,
 admit the attendee and print the badge on a Brother QL or Dymo LabelWriter
 label printer. Keeps its own encrypted copy of the guest list and keeps
 checking people in while the network is down; syncs with a Lanyard server.
 .
 Includes its own Java runtime and JavaFX."
build_deb "$stage" lanyard-kiosk
