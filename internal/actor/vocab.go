package actor

// vocab maps unit keys to word IDs with open addressing on a 64-bit FNV-1a
// hash: the matcher looks up every unit of a text, and this table is
// cheaper than a Go map for short byte keys. It is built once by Load and
// read-only afterwards.
type vocab struct {
	slots []vslot
	keys  []string // by ID
	mask  uint64
}

type vslot struct {
	hash uint64
	id   int32 // ID+1; 0 is empty
}

func fnv(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// lookup returns the ID of key, or -1.
func (v *vocab) lookup(key []byte) int32 {
	if len(v.slots) == 0 {
		return -1
	}
	h := fnv(key)
	for i := h & v.mask; ; i = (i + 1) & v.mask {
		s := v.slots[i]
		if s.id == 0 {
			return -1
		}
		if s.hash == h && v.keys[s.id-1] == string(key) {
			return s.id - 1
		}
	}
}

// build fills the table from the keys, which are in ID order.
func (v *vocab) build(keys []string) {
	n := uint64(1024)
	for n < uint64(len(keys))*2 {
		n <<= 1
	}
	v.slots = make([]vslot, n)
	v.mask = n - 1
	v.keys = keys
	for id, k := range keys {
		h := fnv([]byte(k))
		i := h & v.mask
		for v.slots[i].id != 0 {
			i = (i + 1) & v.mask
		}
		v.slots[i] = vslot{hash: h, id: int32(id) + 1}
	}
}
