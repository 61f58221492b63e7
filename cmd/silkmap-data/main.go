// Command silkmap-data converts world-atlas's countries-50m.json into
// silkmap's boundary asset. `make data` runs it; see assets/boundaries/SOURCE.md.
//
//	silkmap-data -in countries-50m.json -out assets/boundaries/countries.topojson
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/silkmap/silkmap/mapdata/naturalearth"
)

func main() {
	in := flag.String("in", "", "world-atlas countries topology (countries-50m.json)")
	out := flag.String("out", "", "where to write the boundary asset")
	flag.Parse()
	if *in == "" || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-data:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	asset, err := naturalearth.Convert(src)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	return os.WriteFile(out, asset, 0o644)
}
