package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/silkmap/silkmap/assets"
	"github.com/silkmap/silkmap/internal/contentdir"
)

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	strict := fs.Bool("strict", false, "treat warnings as problems: exit 1 when there are any")
	limits := contentdir.LimitFlags(fs)
	pos, err := parse(fs, args, -1, "[--strict] [--max-file-bytes N] [--max-folder-bytes N] [--max-values N] [--max-work N] [DIR]", stderr)
	if err != nil {
		return err
	}
	lim, err := limits()
	if err != nil {
		return usageError{err}
	}
	if len(pos) > 1 {
		fs.Usage()
		return errUsage
	}
	dir := ""
	if len(pos) == 1 {
		dir = pos[0]
	}
	_, m, _, err := load(dir, lim, stdout)
	if err != nil {
		return err
	}
	for _, w := range m.Warnings {
		fmt.Fprintln(stdout, w)
	}
	name := assets.FolderName(dir)
	fmt.Fprintf(stdout, "%s: %d countries, %d articles, %d bodies, %d corridors, %d sites\n",
		name, len(m.Atlas.Countries), len(m.Articles), len(m.Bodies), len(m.Corridors), len(m.Sites))
	warnings := fmt.Sprintf("%d warnings", len(m.Warnings))
	if len(m.Warnings) == 1 {
		warnings = "1 warning"
	}
	if *strict && len(m.Warnings) > 0 {
		return errors.New(name + ": " + warnings + ", refused by --strict")
	}
	fmt.Fprintf(stdout, "%s: ok, %s\n", name, warnings)
	return nil
}
