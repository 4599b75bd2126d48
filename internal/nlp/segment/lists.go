package segment

// titles are abbreviations (lower case, without the period) that precede a
// name or number and so never end a sentence.
var titles = []string{
	"mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "cpl",
	"pvt", "adm", "cmdr", "brig", "sen", "sens", "rep", "reps", "gov", "govs", "pres", "rev",
	"hon", "amb", "sec", "supt", "insp", "det", "fr", "msgr", "atty", "st", "ste", "ft", "mt",
	"no", "nos", "art", "vol", "fig", "ch", "messrs", "mme", "mlle", "spec", "vs", "cf", "viz",
	"e.g", "i.e", "ca", "approx",
}

// starters are words (lower case) that commonly begin a sentence; after an
// abbreviation such as "U.S." or "Inc." a capitalised starter signals that a
// new sentence began.
var starters = []string{
	"the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i",
	"you", "his", "her", "its", "their", "our", "my", "your", "there", "here", "but", "and",
	"or", "so", "yet", "however", "in", "on", "at", "for", "from", "with", "by", "as", "after",
	"before", "when", "while", "if", "although", "though", "because", "since", "meanwhile",
	"also", "then", "now", "today", "yesterday", "still", "thus", "moreover", "mr.", "mrs.",
	"ms.", "dr.", "what", "who", "why", "how", "where", "which", "one", "some", "many", "most",
	"all", "both", "no", "not", "nor", "more", "other", "such", "each", "every", "officials",
	"last", "earlier", "later", "under", "during", "according", "asked", "please", "thanks",
	"thank", "is", "are", "was", "were", "do", "does", "did", "can", "will", "would", "should",
	"could", "let", "i'm", "it's", "let's",
}
