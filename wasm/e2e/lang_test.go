package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ?lang=ru: the page's own text, <html lang>, the panel (words, country
// names, the content's names, dates) in Russian; the English description
// marked lang="en"; the chooser switches to Turkish and is remembered.
func TestLang_russianPageAndChooser(t *testing.T) {
	ctx, consoleErrors := browser(t)
	ready(t, ctx, mapURL+"?lang=ru")
	page, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.documentElement.lang, document.querySelector(".share").textContent, document.querySelector("#date-today").textContent, document.querySelector("#search-input").placeholder]`))
	if strings.Join(page, "|") != "ru|Поделиться|Сегодня|Страна, объект, организация, статья…" {
		t.Errorf("page = %q", page)
	}
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`silkmap.select("KAZ")`)); !ok {
		t.Fatal("select(KAZ) = false")
	}
	text, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const i = document.getElementById("info"); return i.hidden ? null : i.innerText; })()`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Страна", "Казахстан", "Членство", "ОТГ: член", "с 03.10.2009", "[источник]"} {
		if !strings.Contains(text, want) {
			t.Errorf("panel lacks %q:\n%s", want, text)
		}
	}
	marked, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#info [lang="en"]').length`))
	if marked == 0 {
		t.Error("no English text in the Russian panel is marked lang=en")
	}
	screenshot(t, ctx, "lang-ru.png")
	// The chooser: Turkish, remembered for a visit without ?lang=.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("select.lang"); s.value = "tr"; s.dispatchEvent(new Event("change")); })()`)); err != nil {
		t.Fatal(err)
	}
	eventually(t, func() (bool, string) { // the page reloads: the evaluation may fail meanwhile
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`location.search.includes("lang=tr") && document.documentElement.lang === "tr"`))
		return err == nil && ok, "the chooser did not switch to Turkish"
	})
	ready(t, ctx, mapURL)
	got, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.documentElement.lang, document.querySelector(".share").textContent, silkmapShell.getTooltip("KAZ").name]`))
	if strings.Join(got, "|") != "tr|Paylaş|Kazakistan" {
		t.Errorf("the remembered choice gives %q", got)
	}
	screenshot(t, ctx, "lang-tr.png")
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// English readers load none of the other languages' files.
func TestLang_englishLoadsNoOtherLanguage(t *testing.T) {
	ctx, _ := browser(t)
	ready(t, ctx, mapURL+"?lang=en")
	names, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /lang-|noto-sans|content\/[a-z]{2}\.json/.test(n))`))
	if len(names) > 0 {
		t.Errorf("an English page fetched %q", names)
	}
}
