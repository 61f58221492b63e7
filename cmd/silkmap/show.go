package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/panel"
)

func runShow(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	content := contentFlag(fs)
	pos, err := parse(fs, args, 1, "[--json] [--content DIR] ID", stderr)
	if err != nil {
		return err
	}
	m, err := loadMap(*content, stderr)
	if err != nil {
		return err
	}
	e, ok := m.Show(pos[0])
	if !ok {
		msg := fmt.Sprintf("unknown id %q: ids are ISO alpha-3 codes (KAZ), bodies (ots, csto, cac), or site:…, corridor:…, article:…, tie:…, disputed:… slugs", pos[0])
		if s := suggest(m, pos[0]); s != "" {
			msg += "; did you mean " + s + "?"
		}
		return errors.New(msg)
	}
	if *asJSON {
		return writeJSON(stdout, e)
	}
	printEntity(stdout, m, e)
	return nil
}

// suggest names up to three ids whose names or ids match what was typed
// ("kaz", "bagram", "site:aktau"), or "".
func suggest(m *mapdata.Map, typed string) string {
	q := strings.NewReplacer(":", " ", "-", " ", "_", " ").Replace(typed)
	var ids []string
	hits := panel.Search(m, q, 3)
	if len(hits) > 0 && panel.Exact(hits[0], q) {
		hits = hits[:1] // "kaz" is KAZ, not the ties named after it
	}
	for _, r := range hits {
		ids = append(ids, r.ID+" ("+r.Name+")")
	}
	if len(ids) == 0 {
		// "site:aktau" holds the word "site", which no site's name does.
		if _, rest, ok := strings.Cut(typed, ":"); ok && rest != "" {
			return suggest(m, rest)
		}
	}
	return strings.Join(ids, ", ")
}

func printEntity(w io.Writer, m *mapdata.Map, e mapdata.Entity) {
	fmt.Fprintf(w, "%s — %s %s\n", e.Name, e.Kind, e.ID)
	if e.Author != "" {
		fmt.Fprintf(w, "by %s, %s, %s\n", e.Author, e.Publication, e.Date)
	}
	if e.Location != nil {
		fmt.Fprintf(w, "at %.4f, %.4f (lon, lat)\n", e.Location[0], e.Location[1])
	}
	if e.Description != "" {
		fmt.Fprintf(w, "\n%s\n", e.Description)
	}
	if len(e.Crosses) > 0 {
		fmt.Fprintf(w, "\ncrosses: %s\n", strings.Join(e.Crosses, ", "))
	}
	section := func(title string, n int, line func(i int) string) {
		if n == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s:\n", title)
		for i := range n {
			fmt.Fprintf(w, "  %s\n", line(i))
		}
	}
	section("memberships", len(e.Memberships), func(i int) string {
		s := e.Memberships[i]
		until := "today"
		if s.Until != nil {
			until = string(*s.Until)
		}
		who := bodyName(m, s.Body)
		if e.Kind == mapdata.KindBody {
			who = countryName(m, s.Country)
		}
		return fmt.Sprintf("%s: %s, %s – %s", who, s.Role, s.Since, until)
	})
	section("lines", len(e.Parts), func(i int) string {
		p := e.Parts[i]
		return fmt.Sprintf("%s (%s, %s, %s)", p.Name, p.Role, p.Mode, p.Status)
	})
	section("events", len(e.Events), func(i int) string {
		ev := e.Events[i]
		return fmt.Sprintf("%s  %s", ev.Date, ev.Name)
	})
	section("articles", len(e.Articles), func(i int) string {
		a := e.Articles[i]
		return fmt.Sprintf("%s\n    %s", a.Title, a.URL)
	})
	section("sources", len(e.Sources), func(i int) string { return e.Sources[i] })
	section("linked", len(e.Linked), func(i int) string { return e.Linked[i] })
}

// countryName names a country by its code.
func countryName(m *mapdata.Map, id string) string {
	if c, ok := m.Atlas.Country(id); ok {
		return c.Name
	}
	return id
}
