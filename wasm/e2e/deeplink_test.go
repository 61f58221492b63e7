package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// A link that opens on a phone with a selection its card would cover
// moves the map so that the selection shows above the card; setView with
// the same view later keeps it exactly.
func TestDeepLink_phoneShowsSelection(t *testing.T) {
	ctx, _ := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	const frag = "map=4/40/62&sel=site:bagram"
	ready(t, ctx, mapURL+"#"+frag)
	sel, _ := onScreen(t, ctx, "site:bagram")
	card := boxOf(t, ctx, "#info")
	controls := boxOf(t, ctx, ".controls")
	v, _ := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`silkmap.getView()`))
	if y := sel.Center()[1]; y >= card.Min[1] || y <= controls.Max[1] || sel.Center()[0] < 0 || sel.Center()[0] > 390 || v["zoom"] != 4.0 || v["sel"] != "site:bagram" {
		t.Errorf("opened on %s: Bagram at %v, the card from y %.0f, the controls to y %.0f, view %v; want Bagram between them at zoom 4", frag, sel.Center(), card.Min[1], controls.Max[1], v)
	}
	screenshot(t, ctx, "deeplink-phone.png")
	// Only on opening: setView lands exactly where it is told.
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.setView(`+fmt.Sprintf("%q", frag)+`)`)); !ok {
		t.Fatal("setView refused the fragment")
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`silkmap.getFragment()`)); got != frag {
		t.Errorf("after setView(%q) the view is %q", frag, got)
	}
}
