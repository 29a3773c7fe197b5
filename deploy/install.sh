#!/usr/bin/env bash
# Installs marsad as a systemd service. Run after building, as root:
#
#   swift build -c release --static-swift-stdlib
#   sudo deploy/install.sh
#   sudo systemctl enable --now marsad.socket marsad.service
#
# Variables: DESTDIR (stage into a folder, e.g. for a package; nothing is started),
# PREFIX (default /usr/local), BINDIR (where the built marsadd and marsadctl are; default
# the release build folder), UNITDIR (default /etc/systemd/system).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/usr/local}
UNITDIR=${UNITDIR:-/etc/systemd/system}
BINDIR=${BINDIR:-$(cd "$repo" && swift build -c release --show-bin-path 2>/dev/null || echo "$repo/.build/release")}

for program in marsadd marsadctl; do
    [ -x "$BINDIR/$program" ] || { echo "install: $BINDIR/$program is missing; build first: swift build -c release --static-swift-stdlib" >&2; exit 1; }
done

bindir="$PREFIX/bin"
docdir="$PREFIX/share/doc/marsad"
install -d "$DESTDIR$bindir" "$DESTDIR$UNITDIR" "$DESTDIR/etc/sysusers.d" "$DESTDIR/etc/tmpfiles.d" \
    "$DESTDIR/etc/marsad" "$DESTDIR$docdir"
install -m 0755 "$BINDIR/marsadd" "$BINDIR/marsadctl" "$DESTDIR$bindir/"
for unit in marsad.service marsad.socket; do
    sed -e "s|@BINDIR@|$bindir|g" -e "s|@DOCDIR@|$docdir|g" "$repo/deploy/$unit" > "$DESTDIR$UNITDIR/$unit"
    chmod 0644 "$DESTDIR$UNITDIR/$unit"
done
install -m 0644 "$repo/deploy/sysusers.d/marsad.conf" "$DESTDIR/etc/sysusers.d/marsad.conf"
install -m 0644 "$repo/deploy/tmpfiles.d/marsad.conf" "$DESTDIR/etc/tmpfiles.d/marsad.conf"
install -m 0644 "$repo/README.md" "$repo/docs/OPERATIONS.md" "$repo/docs/PROTOCOL.md" "$DESTDIR$docdir/"
# Never overwrite a configuration the admin may have edited.
if [ -e "$DESTDIR/etc/marsad/marsad.toml" ]; then
    install -m 0644 "$repo/config/marsad.toml" "$DESTDIR/etc/marsad/marsad.toml.new"
    echo "install: kept /etc/marsad/marsad.toml; the shipped one is marsad.toml.new" >&2
else
    install -m 0644 "$repo/config/marsad.toml" "$DESTDIR/etc/marsad/marsad.toml"
fi

if [ -z "$DESTDIR" ]; then
    systemd-sysusers /etc/sysusers.d/marsad.conf
    systemd-tmpfiles --create /etc/tmpfiles.d/marsad.conf
    if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
    cat >&2 <<NEXT
install: done. Next:
  systemctl enable --now marsad.socket marsad.service
  usermod -aG marsad USER        # who may drop files into /var/lib/marsad/inbox
  marsadctl status
  journalctl -u marsad
NEXT
fi
