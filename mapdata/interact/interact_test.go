package interact_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/fixture"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/interact"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
)

func prepared(t *testing.T) (*layout.Prepared, *story.Story) {
	t.Helper()
	m, err := mapdata.Load(assets.Boundaries, fixture.Content())
	if err != nil {
		t.Fatal(err)
	}
	s, probs := story.Load(m, fixture.Content())
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return layout.Prepare(m, geo.WebMercator), s
}

// Recorded sessions replay to the views they recorded. navigate.jsonl
// and present.jsonl were recorded with `silkmap-desktop --record` under
// Xvfb, driven by xdotool: a drag, a fling, a double-click, arrow and
// zoom keys, a click and Escape; and a presentation stepped with the
// arrows, PageDown, Space, a typed number, [ and ], End and Home, with a
// drag that takes the camera from a flight. pinch.jsonl is written by
// hand (Xvfb has no touch screen): a pinch about the centre by one zoom
// level, a two-finger pan of 100 CSS px, and a tap; its marks are worked
// out by hand (the pan: 100 px at zoom 4.2 is 360·100/(512·2^4.2) degrees;
// the tap: `silkmap at` at the new centre).
func TestReplay_sessions(t *testing.T) {
	p, s := prepared(t)
	files, _ := filepath.Glob("testdata/*.jsonl")
	if len(files) < 3 {
		t.Fatalf("%d sessions", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			h, lines, err := interact.ReadSession(f)
			if err != nil {
				t.Fatal(err)
			}
			marks := slices.IndexFunc(lines, func(l interact.Line) bool { return l.Mark != "" })
			if marks < 0 {
				t.Fatal("no marks to check")
			}
			bad, err := interact.Replay(h, lines, p, s)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range bad {
				t.Errorf("mark %s: view %s, recorded %s", m.Mark, m.Got, m.Want)
			}
		})
	}
}
