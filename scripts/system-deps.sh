#!/usr/bin/env bash
# Install the Debian packages the program and its tests need, if any are missing.
# Qt needs the xcb and EGL libraries for a window (and to import at all), fontconfig for fonts,
# libpulse0 for QtTextToSpeech and QtMultimedia; xvfb lets the screenshots run under a real X server.
# The accessibility test (tests/ui/test_atspi_bus.py) runs the program under Xvfb on a private D-Bus
# session with the AT-SPI bus (at-spi2-core, dbus), reads it with the system Python's GObject
# bindings for libatspi (python3, python3-gi, gir1.2-atspi-2.0) and presses keys with xdotool.
# The packaged program (make dist): libspeechd2 is the speech-dispatcher client library that Qt's
# text-to-speech backend links (bundled into the package); build.spec reads binaries with binutils'
# readelf and makes a smaller ICU data library with icupkg (icu-devtools) and gcc.
set -euo pipefail

PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 libxrender1 libxi6
  libpulse0 libasound2 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6
  gettext
  xvfb xdotool dbus at-spi2-core python3 python3-gi gir1.2-atspi-2.0
  libspeechd2 binutils icu-devtools gcc
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "system-deps: not a Debian-like system; please install: ${missing[*]}" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "system-deps: missing packages and not root: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
