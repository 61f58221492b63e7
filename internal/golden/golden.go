// Package golden compares rendered images with golden PNGs for the tests
// of both renderers: a tolerance per channel, a count of differing pixels,
// and the PNG reading and writing around it.
package golden

import (
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
)

// Differ counts the pixels of a and b whose colour differs by more than
// tol in some channel; images of different sizes differ everywhere.
func Differ(a, b *image.RGBA, tol int) int {
	if a.Bounds().Size() != b.Bounds().Size() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	bad := 0
	for y := range a.Bounds().Dy() {
		for x := range a.Bounds().Dx() {
			i := a.PixOffset(a.Bounds().Min.X+x, a.Bounds().Min.Y+y)
			j := b.PixOffset(b.Bounds().Min.X+x, b.Bounds().Min.Y+y)
			for c := range 3 {
				if d := int(a.Pix[i+c]) - int(b.Pix[j+c]); d > tol || d < -tol {
					bad++
					break
				}
			}
		}
	}
	return bad
}

// Read decodes a PNG into RGBA.
func Read(path string) (*image.RGBA, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, err
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba, nil
}

// Write encodes img as PNG at path, making its folder.
func Write(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
