// Command silkmap-gen writes a content folder larger than the shipped one,
// for measuring how the map scales with its content (make bench uses the
// same generator): the default content plus random sites in the region,
// spread over its countries, and random rail corridors on land.
//
//	silkmap-gen [-sites N] [-corridors M] [-seed S] DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/silkmap/silkmap/internal/gencontent"
)

func main() {
	var opt gencontent.Options
	flag.IntVar(&opt.Sites, "sites", 300, "random sites to add")
	flag.IntVar(&opt.Corridors, "corridors", 0, "random corridors to add")
	flag.Uint64Var(&opt.Seed, "seed", 1, "the same seed gives the same folder")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: silkmap-gen [-sites N] [-corridors M] [-seed S] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := gencontent.Write(flag.Arg(0), opt); err != nil {
		fmt.Fprintln(os.Stderr, "silkmap-gen:", err)
		os.Exit(1)
	}
}
