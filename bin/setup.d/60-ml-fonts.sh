#!/usr/bin/env bash
# ml-pipeline draws its ROC and confusion-matrix PNGs with JFreeChart in a headless JVM; Java's
# text rendering needs fontconfig and at least one font, which a minimal Debian lacks.
set -euo pipefail
if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; then
  exit 0
fi
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.bash"
apt_install 60-ml-fonts "fontconfig and fonts-dejavu-core are missing" fontconfig fonts-dejavu-core
