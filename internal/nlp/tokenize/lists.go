package tokenize

// abbrevKind says when a listed abbreviation keeps its period.
type abbrevKind uint8

const (
	abbrevAlways       abbrevKind = iota // any case: "etc.", "vs."
	abbrevCapital                        // only capitalised: "Mr.", "Jan."
	abbrevBeforeNumber                   // only capitalised and before a number: "No. 5"
)

// abbreviations lists the words written with a period that keeps it.
// Multi-period forms ("U.S.", "e.g.") and single capital initials are
// recognised by shape and need no entry.
var abbreviations = []struct {
	word string
	kind abbrevKind
}{
	// titles and ranks
	{"Mr", abbrevCapital}, {"Mrs", abbrevCapital}, {"Ms", abbrevCapital}, {"Dr", abbrevCapital}, {"Drs", abbrevCapital}, {"Sts", abbrevCapital},
	{"Prof", abbrevCapital}, {"Gen", abbrevCapital}, {"Col", abbrevCapital}, {"Lt", abbrevCapital},
	{"Maj", abbrevCapital}, {"Capt", abbrevCapital}, {"Cpt", abbrevCapital}, {"Sgt", abbrevCapital},
	{"Cpl", abbrevCapital}, {"Pvt", abbrevCapital}, {"Adm", abbrevCapital}, {"Cmdr", abbrevCapital},
	{"Brig", abbrevCapital}, {"Sen", abbrevCapital}, {"Sens", abbrevCapital}, {"Rep", abbrevCapital},
	{"Reps", abbrevCapital}, {"Gov", abbrevCapital}, {"Govs", abbrevCapital}, {"Pres", abbrevCapital},
	{"Rev", abbrevCapital}, {"Hon", abbrevCapital}, {"Amb", abbrevCapital}, {"Sec", abbrevCapital},
	{"Supt", abbrevCapital}, {"Insp", abbrevCapital}, {"Det", abbrevCapital}, {"Fr", abbrevCapital},
	{"Msgr", abbrevCapital}, {"Atty", abbrevCapital}, {"Jr", abbrevCapital}, {"Sr", abbrevCapital},
	{"Spec", abbrevCapital}, {"Messrs", abbrevCapital}, {"Mme", abbrevCapital}, {"Mlle", abbrevCapital},
	// months and days
	{"Jan", abbrevCapital}, {"Feb", abbrevCapital}, {"Mar", abbrevCapital}, {"Apr", abbrevCapital},
	{"Jun", abbrevCapital}, {"Jul", abbrevCapital}, {"Aug", abbrevCapital}, {"Sep", abbrevCapital},
	{"Sept", abbrevCapital}, {"Oct", abbrevCapital}, {"Nov", abbrevCapital}, {"Dec", abbrevCapital},
	{"Mon", abbrevCapital}, {"Tue", abbrevCapital}, {"Tues", abbrevCapital}, {"Wed", abbrevCapital},
	{"Thu", abbrevCapital}, {"Thur", abbrevCapital}, {"Thurs", abbrevCapital}, {"Fri", abbrevCapital},
	{"Sat", abbrevCapital}, {"Sun", abbrevCapital},
	// organisations and places
	{"Inc", abbrevCapital}, {"Corp", abbrevCapital}, {"Ltd", abbrevCapital}, {"Co", abbrevCapital},
	{"Bros", abbrevCapital}, {"Assn", abbrevCapital}, {"Dept", abbrevCapital}, {"Univ", abbrevCapital},
	{"Govt", abbrevCapital}, {"St", abbrevCapital}, {"Ste", abbrevCapital}, {"Ft", abbrevCapital},
	{"Mt", abbrevCapital}, {"Ave", abbrevCapital}, {"Blvd", abbrevCapital}, {"Rd", abbrevCapital},
	{"Hwy", abbrevCapital}, {"Calif", abbrevCapital}, {"Ariz", abbrevCapital}, {"Ark", abbrevCapital},
	{"Colo", abbrevCapital}, {"Conn", abbrevCapital}, {"Fla", abbrevCapital}, {"Ill", abbrevCapital},
	{"Ind", abbrevCapital}, {"Kan", abbrevCapital}, {"Ky", abbrevCapital}, {"La", abbrevCapital},
	{"Md", abbrevCapital}, {"Mass", abbrevCapital}, {"Mich", abbrevCapital}, {"Minn", abbrevCapital},
	{"Miss", abbrevCapital}, {"Mo", abbrevCapital}, {"Neb", abbrevCapital}, {"Nev", abbrevCapital},
	{"Okla", abbrevCapital}, {"Ore", abbrevCapital}, {"Pa", abbrevCapital}, {"Tenn", abbrevCapital},
	{"Tex", abbrevCapital}, {"Va", abbrevCapital}, {"Vt", abbrevCapital}, {"Wash", abbrevCapital},
	{"Wis", abbrevCapital}, {"Wyo", abbrevCapital}, {"Que", abbrevCapital}, {"Ont", abbrevCapital},
	// numbers and references
	{"No", abbrevBeforeNumber}, {"Nos", abbrevBeforeNumber}, {"Art", abbrevBeforeNumber},
	{"Vol", abbrevCapital}, {"Para", abbrevCapital}, {"Fig", abbrevCapital}, {"Ch", abbrevCapital},
	// any case
	{"etc", abbrevAlways}, {"vs", abbrevAlways}, {"viz", abbrevAlways}, {"approx", abbrevAlways},
	{"est", abbrevAlways}, {"ca", abbrevAlways}, {"cf", abbrevAlways}, {"al", abbrevAlways},
	{"eg", abbrevAlways}, {"ie", abbrevAlways}, {"attn", abbrevAlways}, {"ext", abbrevAlways},
	{"tel", abbrevAlways}, {"lb", abbrevAlways}, {"lbs", abbrevAlways}, {"oz", abbrevAlways},
	{"yrs", abbrevAlways}, {"hrs", abbrevAlways}, {"mins", abbrevAlways}, {"pp", abbrevAlways},
	{"ref", abbrevAlways}, {"fax", abbrevCapital}, {"mob", abbrevCapital}, {"ph", abbrevCapital},
}

// keptPrefixes are the (lower-case) prefixes after which en_ewt keeps a
// hyphenated word whole ("e-mail", "non-profit"), plus Arabic name
// particles ("al-Assad"), which we keep whole so names match as one token.
var keptPrefixes = []string{
	"e", "non", "pre", "anti", "mid", "re", "post", "co", "pro", "multi", "ex", "sub",
	"semi", "cross", "neo", "counter", "intra", "inter", "un", "de", "mis", "bi", "tri",
	"ultra", "hyper", "over", "trans", "quasi", "pseudo", "micro", "macro", "mega", "meh",
	"al", "el", "bin", "abu", "ibn",
}

// fusedContractions maps apostrophe-less contractions that en_ewt splits
// into two words to the length of the first word: "dont" → do nt.
var fusedContractions = map[string]int{
	"dont": 2, "didnt": 3, "doesnt": 4, "cant": 2, "wont": 2, "isnt": 2, "wasnt": 3,
	"arent": 3, "werent": 4, "havent": 4, "hasnt": 3, "hadnt": 3, "couldnt": 5,
	"wouldnt": 5, "shouldnt": 6, "cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3,
	"im": 1, "ive": 1, "thats": 4, "youre": 3, "theyre": 4, "whats": 4, "theres": 5,
}
