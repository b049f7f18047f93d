/**
 * A folder's name, a hyphen and a word for a folder (de, nl, sv, da, no, en: "den Downloads-Ordner", "de Downloads-map"):
 * the head is the folder said — unless a folder of the whole compound's name exists beside it (then they are two).
 */
export const FolderWords = "ordner|verzeichnis|map|mappe|mappen|mappa|mappan|folder";
export const FolderCompound = new RegExp(`^([^\\s/.-][^\\s/.]*?)-(?:${FolderWords})$`, "iu");
