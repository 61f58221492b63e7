// Command silkmap-data converts world-atlas's countries-50m.json into
// silkmap's boundary asset, and writes its prepared binary form beside it
// (the same boundaries with their levels of detail, which the browser loads
// without parsing or simplifying). `make data` runs it; see
// assets/boundaries/SOURCE.md.
//
//	silkmap-data -in countries-50m.json -out assets/boundaries/countries.topojson [-atlas assets/boundaries/countries.atlas]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/silkmap/silkmap/mapdata/atlas"
	"github.com/silkmap/silkmap/mapdata/naturalearth"
)

func main() {
	in := flag.String("in", "", "world-atlas countries topology (countries-50m.json)")
	out := flag.String("out", "", "where to write the boundary asset")
	bin := flag.String("atlas", "", "where to write its prepared binary form (optional)")
	flag.Parse()
	if *in == "" || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *out, *bin); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-data:", err)
		os.Exit(1)
	}
}

func run(in, out, bin string) error {
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	asset, err := naturalearth.Convert(src)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if err := os.WriteFile(out, asset, 0o644); err != nil {
		return err
	}
	if bin == "" {
		return nil
	}
	prepared, err := atlas.EncodeTopoJSON(asset)
	if err != nil {
		return err
	}
	return os.WriteFile(bin, prepared, 0o644)
}
