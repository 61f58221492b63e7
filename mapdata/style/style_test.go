package style

import "testing"

// The hover tint laid over plain land gives each theme's LandHover.
func TestHoverTint(t *testing.T) {
	for _, th := range Themes {
		tint := th.HoverTint()
		if tint.A == 0 || tint.A == 255 {
			t.Errorf("%s: tint alpha %d, want translucent", th.Name, tint.A)
		}
		over := func(src, dst uint8) int { return int(src) + int(dst)*(255-int(tint.A))/255 }
		for i, ch := range [][3]uint8{{tint.R, th.Land.R, th.LandHover.R}, {tint.G, th.Land.G, th.LandHover.G}, {tint.B, th.Land.B, th.LandHover.B}} {
			if ch[0] > tint.A {
				t.Errorf("%s: channel %d is %d, above alpha %d (not premultiplied)", th.Name, i, ch[0], tint.A)
			}
			if got := over(ch[0], ch[1]); got < int(ch[2])-2 || got > int(ch[2])+2 {
				t.Errorf("%s: channel %d over land = %d, want %d (LandHover)", th.Name, i, got, ch[2])
			}
		}
	}
}
