package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/silkmap/silkmap/internal/detail"
	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/layout"
)

func runAt(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("at", flag.ContinueOnError)
	date := fs.String("date", "", "the day to report memberships for, YYYY-MM-DD (default: today, UTC)")
	asJSON := fs.Bool("json", false, "print JSON")
	detailFlag := fs.String("detail", layout.DetailFine, "the boundaries' scale: 10m, or 50m as the map draws them zoomed out (a folder's own boundaries are used at either)")
	content := contentFlag(fs)
	pos, err := parse(fs, args, 2, "[--date YYYY-MM-DD] [--detail 50m|10m] [--json] [--content DIR] LON LAT", stderr)
	if err != nil {
		return err
	}
	if *detailFlag != layout.DetailFine && *detailFlag != layout.DetailBase {
		fmt.Fprintf(stderr, "silkmap at: --detail %q: use 50m or 10m\n", *detailFlag)
		return errUsage
	}
	var p orb.Point
	for i, name := range []string{"longitude", "latitude"} {
		v, err := strconv.ParseFloat(pos[i], 64)
		if err != nil {
			fmt.Fprintf(stderr, "silkmap at: %s %q is not a number\n", name, pos[i])
			return errUsage
		}
		p[i] = v
	}
	if !geo.ValidLonLat(p) {
		fmt.Fprintf(stderr, "silkmap at: %g %g is not a position: longitude comes first (-180..180), then latitude (-90..90)\n", p[0], p[1])
		return errUsage
	}
	day := mapdata.Today()
	if *date != "" {
		d, err := mapdata.ParseDate(*date, true)
		if err != nil {
			fmt.Fprintf(stderr, "silkmap at: --date: %v\n", err)
			return errUsage
		}
		day = d
	}
	m, err := loadMap(*content, stderr)
	if err != nil {
		return err
	}
	a := m.Atlas
	if *detailFlag == layout.DetailFine && !m.OwnBoundaries {
		a = detail.Atlas()
	}
	r := m.AtIn(a, p, day)
	if *asJSON {
		return writeJSON(stdout, r)
	}
	printAt(stdout, m, r)
	return nil
}

func printAt(w io.Writer, m *mapdata.Map, r mapdata.AtResult) {
	fmt.Fprintf(w, "%.4f, %.4f on %s\n", r.Lon, r.Lat, r.Date)
	if r.Country == nil {
		fmt.Fprintln(w, "country: none (sea)")
	} else {
		fmt.Fprintf(w, "country: %s (%s)\n", r.Country.Name, r.Country.ISO)
		if r.Country.Unit != "" {
			fmt.Fprintf(w, "  in %s: %s\n", r.Country.Unit, r.Country.Note)
		}
	}
	if len(r.Memberships) > 0 {
		fmt.Fprintln(w, "memberships:")
		for _, s := range r.Memberships {
			fmt.Fprintf(w, "  %s: %s since %s  [%s]\n", bodyName(m, s.Body), s.Role, s.Since, s.Source)
		}
	} else if r.Country != nil {
		fmt.Fprintln(w, "memberships: none in the map's bodies")
	}
	if len(r.Sites) > 0 {
		fmt.Fprintf(w, "sites within %d km:\n", mapdata.NearbyKm)
		for _, s := range r.Sites {
			fmt.Fprintf(w, "  %6.1f km  %s  (%s)\n", s.DistanceKm, s.Name, s.ID)
		}
	}
}

func bodyName(m *mapdata.Map, id string) string {
	if b := m.Body(id); b != nil && b.ShortName != "" {
		return b.ShortName
	}
	return strings.ToUpper(id)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
