#!/usr/bin/env bash
# Run by `mvn verify` without the profile installers: the package tests were not run. Says so,
# with what they need, and whether this machine has it.
missing=()
for tool in jlink jpackage dpkg-deb dpkg-shlibdeps curl openssl python3 xvfb-run xauth xdotool import identify desktop-file-validate iconv systemd-analyze; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
echo "SKIPPED package tests (installers/test-debs.sh): they run with LANYARD_CI=1 (as .ci/run does) or with mvn -Pinstallers verify."
if [ ${#missing[@]} -gt 0 ]; then
  echo "  This machine lacks: ${missing[*]} (Debian: apt-get install dpkg-dev fakeroot curl openssl python3 xvfb xauth xdotool imagemagick desktop-file-utils systemd libgtk-3-0)."
else
  echo "  This machine has every tool they need."
fi
