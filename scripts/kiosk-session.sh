#!/bin/sh
# The kiosk's whole graphical session: an X server with only the kiosk on it. No window manager, no
# desktop, no panel: nothing to minimise to, no shortcuts to other desktops, no menu with a terminal.
# Started by scripts/seoul-kiosk.service as the kiosk account (see README, "Deploying a kiosk").
#
#   kiosk-session.sh [explorer arguments...]      e.g. kiosk-session.sh --kiosk-config /etc/seoul-kiosk.toml
#
# It exits with the kiosk's own exit code, so the unit restarts it after anything but the staff exit
# (64). Settings, all optional:
#   KIOSK_EXPLORER   the program                       (default: explorer)
#   KIOSK_DISPLAY    the X display                     (default: :0)
#   KIOSK_VT         the virtual terminal X runs on    (default: vt7; the unit's TTYPath must match)
#   KIOSK_X_SERVER   Xorg, or Xvfb for the tests       (default: Xorg)
#   KIOSK_SCREEN     Xvfb's screen                     (default: 1920x1080x24)
# Xorg reads /etc/X11/xorg.conf.d/50-seoul-kiosk.conf (scripts/kiosk-xorg.conf): no VT switching
# (Ctrl+Alt+F1..F12), no Ctrl+Alt+Backspace, no screen blanking.
set -eu

explorer=${KIOSK_EXPLORER:-explorer}
display=${KIOSK_DISPLAY:-:0}
number=${display#:}
server=${KIOSK_X_SERVER:-Xorg}

case "$server" in
  *Xvfb) x_args="$display -nolisten tcp -screen 0 ${KIOSK_SCREEN:-1920x1080x24}" ;;
  *) x_args="$display ${KIOSK_VT:-vt7} -nolisten tcp -keeptty -novtswitch -s 0 -dpms" ;;
esac

x_pid=""
kiosk_pid=""
stop() {
  [ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null || true
  [ -n "$x_pid" ] && kill "$x_pid" 2>/dev/null || true
}
trap 'stop; wait; exit 143' TERM INT HUP

# shellcheck disable=SC2086  # the X arguments are words on purpose
"$server" $x_args &
x_pid=$!

# Wait (at most 15 s) for the X server's socket.
tries=0
until [ -S "/tmp/.X11-unix/X$number" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 150 ] || ! kill -0 "$x_pid" 2>/dev/null; then
    echo "kiosk-session: the X server $server did not start on $display" >&2
    stop
    exit 69
  fi
  sleep 0.1
done
export DISPLAY="$display"
export QT_QPA_PLATFORM=xcb

# Qt Virtual Keyboard makes this folder when it is missing; made here, before the first session, the
# sessions themselves write nothing.
mkdir -p "${XDG_CONFIG_HOME:-$HOME/.config}/qtvirtualkeyboard"
# No screen saver or power saving blanking the kiosk (xset is in x11-xserver-utils; optional).
if command -v xset >/dev/null 2>&1; then
  xset s off s noblank -dpms 2>/dev/null || true
fi

"$explorer" --kiosk "$@" &
kiosk_pid=$!
code=0
wait "$kiosk_pid" || code=$?
kiosk_pid=""
stop
wait "$x_pid" 2>/dev/null || true
exit "$code"
