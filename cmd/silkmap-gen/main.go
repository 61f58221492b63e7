// Command silkmap-gen writes a content folder larger than the shipped one,
// for measuring how the map scales with its content (make bench uses the
// same generator): the default content plus random sites in the region,
// spread over its countries, and random rail corridors on land; with
// -detail 10m the folder brings the 1:10m boundaries as its own, drawn at
// every zoom.
//
//	silkmap-gen [-sites N] [-corridors M] [-seed S] [-detail 50m|10m] DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/gencontent"
)

const usage = "usage: silkmap-gen [-sites N] [-corridors M] [-seed S] [-detail 50m|10m] DIR"

func main() {
	var opt gencontent.Options
	flag.IntVar(&opt.Sites, "sites", 300, "random sites to add")
	flag.IntVar(&opt.Corridors, "corridors", 0, "random corridors to add")
	flag.Uint64Var(&opt.Seed, "seed", 1, "the same seed gives the same folder")
	detail := flag.String("detail", "50m", "the folder's boundaries: 50m (the default ones) or 10m (the 1:10m ones, written as its own boundaries.topojson)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, usage)
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	switch *detail {
	case "50m":
	case "10m":
		opt.Boundaries = assets.Detail
	default:
		fmt.Fprintf(os.Stderr, "silkmap-gen: -detail %q: want 50m or 10m\n", *detail)
		os.Exit(2)
	}
	if err := gencontent.Write(flag.Arg(0), opt); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-gen:", err)
		os.Exit(1)
	}
}
