#!/usr/bin/env bash
# Installs what the tests and the reproduction need beyond the .NET SDK, only when missing:
#   python3-numpy    golden vectors and .npy parity (numpy is the reference for the signal generator)
#   python3-nbformat validates every notebook against the official Jupyter schema
#   python3-torch    the PyTorch reference for parity tests and `freqlab bench`
#   chromium         headless screenshots of the HTML outputs
#   slurm-wlm munge  a real single-node Slurm for the cluster-grid tests (tests/FrequencyLab.Tests/Grid/Slurm*)
# NuGet packages are restored by `dotnet` itself from the versions pinned in Directory.Packages.props.
set -euo pipefail
packages=(python3-numpy python3-nbformat python3-torch chromium slurm-wlm munge)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The .NET tools pinned in .config/dotnet-tools.json (dotnet-repl, dotnet-interactive: the kernel VS Code runs), from NuGet.
(cd "$(dirname "$0")/.." && dotnet tool restore >/dev/null)
