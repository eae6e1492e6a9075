package pdf

import (
	"fmt"
	"testing"
)

func TestZZCover(t *testing.T) {
	m, _ := loadMetrics()
	for _, r := range "→←↔–—•·№«»“”‘’…✓×÷°₸€₽⚠" {
		fmt.Printf("%c noto=%d bold=%d droid=%d\n", r, m[regular][r], m[bold][r], m[cjk][r])
	}
}
