#!/usr/bin/env bash
# ml-pipeline draws its ROC and confusion-matrix PNGs with JFreeChart in a headless JVM; Java's
# text rendering needs fontconfig and at least one font, which a minimal Debian lacks.
set -euo pipefail
if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "60-ml-fonts: fontconfig and fonts-dejavu-core are missing; run bin/setup as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends fontconfig fonts-dejavu-core >/dev/null
