package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/silkmap/silkmap/internal/contentdir"
	"github.com/silkmap/silkmap/internal/studio"
)

// runHistory lists a content folder's saves, newest first: N  TIME  FILES.
func runHistory(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	pos, err := parse(fs, args, 1, "DIR", stderr)
	if err != nil {
		return err
	}
	if err := isFolder(pos[0]); err != nil {
		return err
	}
	saves, err := studio.History(pos[0])
	if err != nil {
		return err
	}
	for _, s := range saves {
		fmt.Fprintf(stdout, "%d  %s  %s\n", s.N, s.Time.Format(time.RFC3339), strings.Join(s.Files, ","))
	}
	return nil
}

// runRestore puts back the files of save N as they were before it, when
// the folder so restored passes the checks; the restore is a save of its
// own.
func runRestore(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	limits := contentdir.LimitFlags(fs)
	pos, err := parse(fs, args, 2, "DIR N", stderr)
	if err != nil {
		return err
	}
	dir := pos[0]
	n, err := strconv.Atoi(pos[1])
	if err != nil || n < 1 {
		return usageError{fmt.Errorf("%q is not a save number (see silkmap history %s)", pos[1], dir)}
	}
	lim, err := limits()
	if err != nil {
		return usageError{err}
	}
	if err := isFolder(dir); err != nil {
		return err
	}
	changes, err := studio.Undo(dir, n)
	if err != nil {
		return err
	}
	current, probs, err := contentdir.Read(dir, lim)
	if err != nil {
		return usageError{err}
	}
	for _, p := range probs {
		fmt.Fprintln(stdout, p)
	}
	if len(probs) > 0 {
		return fmt.Errorf("%s: %d problem(s) reading the folder; nothing restored", dir, len(probs))
	}
	checked, err := studio.Check(current, changes, lim)
	if err != nil {
		return err
	}
	if len(checked.Problems) > 0 {
		for _, p := range checked.Problems {
			fmt.Fprintln(stdout, p)
		}
		return fmt.Errorf("%s: restoring save %d would leave %d problem(s); nothing restored", dir, n, len(checked.Problems))
	}
	s, err := studio.Write(dir, changes, time.Now(), n)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: restored the files of save %d as they were before it (%s), recorded as save %d\n", dir, n, strings.Join(s.Files, ","), s.N)
	return nil
}

// isFolder checks that a content folder given on the command line is one:
// a usage error if not.
func isFolder(dir string) error {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return usageError{fmt.Errorf("content folder %s does not exist", dir)}
	}
	return nil
}
