package interact

import "strconv"

// Command is something a presenter, or the desktop's map keys, ask for.
type Command int

// Commands.
const (
	None Command = iota
	Next
	Prev
	First
	Last
	Jump // to the scene number typed before Enter
	Black
	Notes
	Spotlight
	Theme
	Legend
	Earlier // the day the map shows, a step back through the timeline
	Later
)

// MapKeys are the keys of the map itself on the desktop, in a presentation
// or not: the theme, the legend, and the day through the timeline.
var MapKeys = map[string]Command{"T": Theme, "G": Legend, "BracketLeft": Earlier, "BracketRight": Later}

// PresentKeys maps keys to commands in a presentation: what clickers send
// (arrows, PageUp/PageDown, space) and the keys a speaker reaches for,
// MapKeys among them.
var PresentKeys = func() map[string]Command {
	keys := map[string]Command{
		"ArrowRight": Next, "PageDown": Next, "Space": Next,
		"ArrowLeft": Prev, "PageUp": Prev,
		"Home": First, "End": Last,
		KeyEnter: Jump, KeyNumpadEnter: Jump,
		"B": Black, "S": Notes, "L": Spotlight,
	}
	for k, c := range MapKeys {
		keys[k] = c
	}
	return keys
}()

// Show is a presentation's state: the scene shown, a scene number being
// typed, and the speaker's toggles.
type Show struct {
	Scenes                  int // how many the story has
	Index                   int // the scene shown, from 0; -1 before the first
	Black, Notes, Spotlight bool
	typed                   string
}

// NewShow is a presentation of a story of n scenes, before its first.
func NewShow(n int) *Show { return &Show{Scenes: n, Index: -1} }

// Press handles a key pressed in the presentation: a digit is typed for a
// jump, any other key is looked up in PresentKeys and done. It returns the
// command (None for a key that has none) and whether the scene changed.
func (s *Show) Press(key string) (Command, bool) {
	if len(key) == len("Digit0") && key[:5] == "Digit" && key[5] >= '0' && key[5] <= '9' {
		s.typed += key[5:]
		return None, false
	}
	c := PresentKeys[key]
	return c, s.Do(c)
}

// Do performs a command; the map's own (Theme, Legend, Earlier, Later)
// are left to the caller. It reports whether the scene changed.
func (s *Show) Do(c Command) bool {
	before := s.Index
	switch c {
	case Next:
		s.Index = min(s.Index+1, s.Scenes-1)
	case Prev:
		s.Index = max(s.Index-1, 0)
	case First:
		s.Index = 0
	case Last:
		s.Index = s.Scenes - 1
	case Jump:
		if k, err := strconv.Atoi(s.typed); err == nil && k >= 1 && k <= s.Scenes {
			s.Index = k - 1
		}
		s.typed = ""
	case Black:
		s.Black = !s.Black
	case Notes:
		s.Notes = !s.Notes
	case Spotlight:
		s.Spotlight = !s.Spotlight
	}
	return s.Index != before
}
