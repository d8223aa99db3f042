# Sourced by the setup scripts (not run by bin/setup, which runs *.sh only).
# apt_install SCRIPT MISSING PACKAGE...: installs Debian packages non-interactively and without
# recommends; as any other user than root it says what is missing and fails instead.
apt_install() {
  local script="$1" missing="$2"
  shift 2
  if [ "$(id -u)" -ne 0 ]; then
    echo "$script: $missing; run bin/setup as root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
