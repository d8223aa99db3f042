#!/usr/bin/env bash
# Installs podman (daemonless container runtime, with runc) and Debian's docker-registry, which the
# image tests (tests/containers) use to run the images `sluice package` builds and to push/pull them.
# Idempotent and non-interactive; run as root (CI runs bin/setup as root on a fresh Debian 12).
set -euo pipefail

# catatonit: the pause process of the infra container `podman kube play` builds for each pod.
# apache2-utils: htpasswd, for the bcrypt login file of the registry RegistryAuthIT starts.
PACKAGES=(podman runc catatonit docker-registry uidmap fuse-overlayfs slirp4netns containernetworking-plugins apache2-utils)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  # Without recommends: podman recommends buildah and crun, which the tests do not use.
  source "$(dirname "${BASH_SOURCE[0]}")/apt-install.bash"
  apt_install 10-podman "missing ${missing[*]}" "${missing[@]}"
fi

# The Debian package starts a registry service on :5000 where systemd runs; the tests start their
# own on a free port with a temporary config, so keep the packaged one from holding the port.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now docker-registry >/dev/null 2>&1 || true
fi

# In containers and CI sandboxes there is no systemd and no cgroup delegation, journald is absent and
# the hard nofile/nproc limits are low (podman as root raises them and runc is refused): cgroupfs, file
# events and modest nofile/nproc defaults make podman run there.
# Rootless users get the same file under ~/.config; root under /etc.
if [ "$(id -u)" -eq 0 ]; then
  CONF_DIR=/etc/containers
else
  CONF_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/containers"
fi
mkdir -p "$CONF_DIR"
CONF="$CONF_DIR/containers.conf"
MARKER="# written by sluice bin/setup.d/10-podman.sh"
if [ ! -f "$CONF" ] || grep -q "$MARKER" "$CONF"; then
  cat > "$CONF" <<CONF_EOF
$MARKER
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
# Host networking: the jobs bind 127.0.0.1 and need no bridge (CNI bridges need privileges sandboxes lack).
netns = "host"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
CONF_EOF
else
  echo "10-podman: $CONF exists and was not written by sluice; leaving it as is" >&2
fi

echo "10-podman: $(podman --version), $(runc --version | head -1), registry $(command -v docker-registry)" >&2
