package pdf

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestZZDump(t *testing.T) {
	b := render(t, Header{Title: "Программа · 中国代表团 · Қытай", Stamp: "日程第 3 版", Printed: "打印于 2024年7月3日 14:05", At: time.Now()}, func(d *Document) {
		d.Heading("2024年7月3日 星期三 · Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі → «»")
		d.Table([]Column{{Title: "时间", Width: 25}, {Title: "会议", BoldFirst: true}, {Title: "参加者"}}, []Row{{Cells: []string{"10:00–11:00", "中华人民共和国主席习近平会见哈萨克斯坦总统\n双边会见", "中国：习近平；哈萨克斯坦：卡西姆-若马尔特·托卡耶夫"}}})
	})
	os.WriteFile("/tmp/pdfpng/zh.pdf", b, 0o644)
	fmt.Println(len(b))
}
