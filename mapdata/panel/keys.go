package panel

import "github.com/silkmap/silkmap/mapdata"

// Key is a row of the help's list of shortcuts: the keys (or gesture) and
// what they do, in the map's language.
type Key struct {
	Keys string `json:"keys"`
	Does string `json:"does"`
}

// Where says whose help a list of keys is for.
type Where int

const (
	// OnPage is the browser's page (its help dialog, opened by ?).
	OnPage Where = iota
	// OnDesktop is the desktop app (its help, opened by F1).
	OnDesktop
	// Presenting is the desktop app playing a story (--present).
	Presenting
)

// Keys lists every keyboard shortcut (and the pointer's gestures) of the
// map where it runs: what the page's help dialog and the desktop's help
// show.
func Keys(w mapdata.Words, where Where) []Key {
	var keys []Key
	add := func(k, does string) { keys = append(keys, Key{k, does}) }
	if where == Presenting {
		add(w.T("Right arrow, PageDown, Space"), w.T("Next scene"))
		add(w.T("Left arrow, PageUp"), w.T("Previous scene"))
		add(w.T("Home, End"), w.T("First or last scene"))
		add(w.T("A number, then Enter"), w.T("Go to that scene"))
		add("B", w.T("Black screen"))
		add("S", w.T("Speaker notes"))
		add("L", w.T("Spotlight on the pointer"))
	} else {
		add(w.T("Drag, arrow keys"), w.T("Move the map"))
		add(w.T("Wheel, + and -"), w.T("Zoom in and out"))
		add(w.T("Double-click"), w.T("Zoom in (with Shift, out)"))
		add(w.T("Click"), w.T("Select what is there"))
		add("Esc", w.T("Clear the selection"))
	}
	if where == OnPage {
		add("Enter", w.T("Select what is at the centre of the map"))
		add("/", w.T("Search"))
		add("Tab", w.T("Move between the controls and the map"))
		add(w.T("PageDown, PageUp"), w.T("Next or previous scene of the tour"))
		add("?", w.T("This help (Esc closes it)"))
		return keys
	}
	add("T", w.T("Theme: light, dark, projector"))
	add("G", w.T("Show or hide the legend"))
	add(w.T("[ and ]"), w.T("A step back or on through the timeline"))
	add("F11", w.T("Fullscreen"))
	add("F1", w.T("This help (F1 or Esc closes it)"))
	return keys
}
