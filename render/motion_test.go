package render

import (
	"testing"
	"time"
)

// frames feeds m n moving frames dt apart from *now.
func frames(m *motion, now *time.Time, n int, dt time.Duration) {
	for range n {
		*now = now.Add(dt)
		m.frame(*now, true)
	}
}

func TestMotion(t *testing.T) {
	var m motion
	now := time.Unix(0, 0)
	frames(&m, &now, 30, 16*time.Millisecond)
	if m.slow {
		t.Fatalf("60 fps: unfiltered (average %.1f ms)", m.avg)
	}
	frames(&m, &now, 30, 50*time.Millisecond)
	if !m.slow {
		t.Fatalf("20 fps: still filtered (average %.1f ms)", m.avg)
	}
	// Unfiltered, the frames come faster, but not so fast that the
	// filter could come back without slowing them again.
	frames(&m, &now, 30, 21*time.Millisecond)
	if !m.slow {
		t.Fatalf("48 fps once unfiltered: filtered again (average %.1f ms)", m.avg)
	}
	frames(&m, &now, 30, 16*time.Millisecond)
	if m.slow {
		t.Fatalf("60 fps: still unfiltered (average %.1f ms)", m.avg)
	}

	// A still frame ends the measure: the pause before the next move is
	// not a frame time, nor is a stall within a move.
	m.frame(now, false)
	now = now.Add(5 * time.Second)
	m.frame(now, true)
	frames(&m, &now, 1, time.Second)
	if m.slow {
		t.Fatalf("a pause or a stall made the frames slow (average %.1f ms)", m.avg)
	}
	frames(&m, &now, 3, 16*time.Millisecond)
	if m.slow || m.avg > fastFrame {
		t.Fatalf("60 fps after a pause: average %.1f ms, unfiltered %v", m.avg, m.slow)
	}
}
