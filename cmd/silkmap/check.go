package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/silkmap/silkmap/assets"
)

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	pos, err := parse(fs, args, -1, "[DIR]", stderr)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		fs.Usage()
		return errUsage
	}
	dir := ""
	if len(pos) == 1 {
		dir = pos[0]
	}
	m, err := loadMap(dir, stdout)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: ok: %d countries, %d articles, %d bodies, %d corridors, %d sites\n",
		assets.FolderName(dir), len(m.Atlas.Countries), len(m.Articles), len(m.Bodies), len(m.Corridors), len(m.Sites))
	return nil
}
