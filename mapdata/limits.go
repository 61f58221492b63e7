package mapdata

// Limits bound what loading a content folder may cost, so that hostile or
// careless content is refused before it can exhaust the machine. They are
// the operator's (flags and SILKMAP_* variables of `silkmap check` and
// `silkmap serve`), never read from the content folder itself: content must
// not raise its own limits.
type Limits struct {
	// FileBytes and FolderBytes bound the bytes read from one file and
	// from all the folder's files together, counted as they are read.
	FileBytes, FolderBytes int64
	// Values bounds the JSON values (objects, arrays, strings, numbers,
	// literals) in the folder's files together, counted before any is
	// parsed: what a file costs once parsed grows with them (a position
	// is three values).
	Values int64
	// Work bounds what a load derives from the content, counted in steps:
	// each sample of a corridor line against the boundaries (one per
	// 5 km) and each point checked against them.
	Work int64
}

// DefaultLimits fit content many times the size of the default content
// (66 kB, 30 sites) and an editor's own 1:10m boundaries (3.7 MB, about
// 1.6 million values), and keep one load's memory under a few hundred MB.
var DefaultLimits = Limits{
	FileBytes:   16 << 20,
	FolderBytes: 64 << 20,
	Values:      4_000_000,
	Work:        4_000_000,
}
