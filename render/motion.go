package render

import "time"

// motion watches how fast frames come while the camera moves. Where they
// come slowly, moving frames show the cache unfiltered: its copy onto the
// screen, filtered, is then a large share of each frame. That is the case
// on software GL: in headless Chromium's SwiftShader on 2 cores, the
// benchmark's pan went from about 19 to 30 fps and its p95 frame from
// 117 to 67–83 ms (docs/performance.md, eighteenth pass). A moving
// frame shows the cache at half resolution, so unfiltered it is a little
// blocky; a still one is always filtered, and a GPU that keeps up keeps
// the filter. Frame times rather than the renderer's name decide: a slow
// GPU is treated like software GL, and a fast CPU running software GL
// keeps the filter.
type motion struct {
	last time.Time // the last moving frame (zero after a still one)
	avg  float64   // moving frames' interval, ms, a moving average
	slow bool      // moving frames show the cache unfiltered
}

const (
	slowFrame = 25.0  // ms: moving frames slower than this on average go unfiltered
	fastFrame = 18.0  // ms: and faster than this filtered again
	stallGap  = 250.0 // ms: a gap past this is a stall, not the frame rate
	motionAvg = 0.25  // weight of a new interval in the average
)

// frame notes a frame at now, moving or not.
func (m *motion) frame(now time.Time, moving bool) {
	if !moving {
		m.last = time.Time{}
		return
	}
	if !m.last.IsZero() {
		if dt := float64(now.Sub(m.last)) / float64(time.Millisecond); dt <= stallGap {
			if m.avg == 0 {
				m.avg = dt
			} else {
				m.avg += motionAvg * (dt - m.avg)
			}
			switch {
			case m.avg > slowFrame:
				m.slow = true
			case m.avg < fastFrame:
				m.slow = false
			}
		}
	}
	m.last = now
}
