package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Ties and disputed areas on the readers' page: a group of layers of their
// own, a tie's panel, a country's Ties, a disputed area's status in the
// tooltip line of the panel, and all of it in Russian with ?lang=ru.
func TestTies_onThePage(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL+"#map=4/42/58&layers=ots,ties:alliance,ties:trade")
	panel := func(id string) string {
		t.Helper()
		if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select("`+id+`")`)); !ok {
			t.Fatalf("select(%s) = false", id)
		}
		text, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const i = document.getElementById("info"); return i.hidden || !i.innerText.includes(silkmapShell.getInfo().name) ? null : i.innerText; })()`, chromedp.WithPollingTimeout(5*time.Second)))
		if err != nil {
			t.Fatalf("%s: no panel: %v", id, err)
		}
		return text
	}
	group, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`silkmapShell.getLayers().filter((l) => l.group === "Ties").map((l) => l.id + (l.on ? "+" : "-"))`))
	if len(group) != 12 || !strings.Contains(strings.Join(group, " "), "ties:alliance+") || !strings.Contains(strings.Join(group, " "), "ties:recognition-") {
		t.Errorf("the Ties group: %v", group)
	}
	if text := panel("tie:shusha-declaration"); !strings.Contains(text, "Shusha Declaration") || !strings.Contains(text, "Alliance: Türkiye, Azerbaijan, since 2021-06-15") {
		t.Errorf("a tie's panel:\n%s", text)
	}
	if text := panel("tie:china-kazakhstan-trade"); !strings.Contains(text, "39.8 bn USD") || !strings.Contains(text, "36.5 bn USD") {
		t.Errorf("a trade tie's panel lacks its figures:\n%s", text)
	}
	if text := panel("AZE"); !strings.Contains(text, "Ties") || !strings.Contains(text, "Shusha Declaration") {
		t.Errorf("Azerbaijan's panel lacks its ties:\n%s", text)
	}
	if text := panel("disputed:crimea"); !strings.Contains(text, "administered by Russia since 2014") || !strings.Contains(text, "claimed by Ukraine") {
		t.Errorf("Crimea's panel:\n%s", text)
	}
	screenshot(t, ctx, "ties.png")
	legend, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("legend-list").innerText`))
	if !strings.Contains(legend, "Tie: alliance") || !strings.Contains(legend, "Tie: trade") {
		t.Errorf("the legend lacks the ties on screen:\n%s", legend)
	}
	ready(t, ctx, mapURL+"?lang=ru#map=4/42/58&layers=ots,ties:alliance")
	if text := panel("tie:shusha-declaration"); !strings.Contains(text, "Шушинская декларация") || !strings.Contains(text, "Союз: Турция, Азербайджан, с 15.06.2021") {
		t.Errorf("a tie's panel in Russian:\n%s", text)
	}
	if text := panel("disputed:crimea"); !strings.Contains(text, "под управлением: Россия") {
		t.Errorf("Crimea's panel in Russian:\n%s", text)
	}
	screenshot(t, ctx, "ties-ru.png")
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
