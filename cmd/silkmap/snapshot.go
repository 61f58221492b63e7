package main

import (
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"strings"

	"github.com/silkmap/silkmap/assets/fonts"
	"github.com/silkmap/silkmap/internal/contentdir"
	"github.com/silkmap/silkmap/internal/detail"
	"github.com/silkmap/silkmap/mapdata/geo"
	"github.com/silkmap/silkmap/mapdata/i18n"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
	"github.com/silkmap/silkmap/mapdata/style"
	"github.com/silkmap/silkmap/mapdata/view"
	"github.com/silkmap/silkmap/render/raster"
)

func runSnapshot(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("snapshot", flag.ContinueOnError)
	frag := fs.String("view", "", "the view, as a URL fragment: map=ZOOM/LAT/LON&layers=…&sel=…&date=… (default: the default view)")
	size := fs.String("size", "1200x630", "map size in CSS pixels, WIDTHxHEIGHT")
	scale := fs.Float64("scale", 1, "pixel ratio: 2 gives an image twice as wide and high of the same place, as on a HiDPI screen")
	out := fs.String("o", "", "output PNG file ('-' for standard output)")
	lang := fs.String("lang", "en", "the language of the names, legend and attribution: "+strings.Join(i18n.Langs(), ", "))
	theme := fs.String("theme", style.Light.Name, "the theme: light, dark or projector")
	content := contentFlag(fs)
	if _, err := parse(fs, args, 0, "--view FRAGMENT [--size WxH] [--scale N] [--theme T] -o FILE", stderr); err != nil {
		return err
	}
	w, h, err := raster.ParseSize(*size)
	if err != nil {
		fmt.Fprintln(stderr, "silkmap snapshot:", err)
		return errUsage
	}
	th := style.ThemeNamed(*theme)
	var bad string
	switch {
	case *out == "":
		bad = "-o FILE is needed"
	case th == nil:
		bad = fmt.Sprintf("--theme %q: use light, dark or projector", view.Clip(*theme))
	case *scale < 0.5 || *scale > 4:
		bad = fmt.Sprintf("--scale %g: use 0.5 to 4", *scale)
	case float64(w)**scale > raster.MaxSide || float64(h)**scale > raster.MaxSide:
		bad = fmt.Sprintf("--size %s at --scale %g is over %d pixels a side", *size, *scale, raster.MaxSide)
	}
	if bad != "" {
		fmt.Fprintln(stderr, "silkmap snapshot:", bad)
		fs.Usage()
		return errUsage
	}
	lim, err := contentdir.LimitsFromEnv()
	if err != nil {
		return usageError{err}
	}
	fsys, m, st, err := load(*content, lim, stderr)
	if err != nil {
		return err
	}
	if _, err := story.Translate(m, st, fsys, *lang); err != nil {
		fmt.Fprintln(stderr, "silkmap snapshot: --lang:", err)
		return errUsage
	}
	r, err := raster.NewFor(fontSet(*lang))
	if err != nil {
		return err
	}
	img, warnings := r.Snapshot(detail.Add(layout.Prepare(m, geo.WebMercator)), *frag, w, h, *scale, th)
	for _, w := range warnings {
		fmt.Fprintln(stderr, "silkmap snapshot: view:", w)
	}
	dst := stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		dst = f
	}
	if err := png.Encode(dst, img); err != nil {
		return err
	}
	if f, ok := dst.(*os.File); ok && f != os.Stdout {
		return f.Close()
	}
	return nil
}

// fontSet is the regular and bold font lang's map is drawn with.
func fontSet(lang string) layout.FontSet {
	r, b := fonts.For(lang)
	return layout.FontSet{Regular: r, Bold: b}
}
