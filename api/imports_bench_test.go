package api

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// BenchmarkImport1000 imports 1,000-row CSV files through the whole server
// on SQLite (parse, per-row checks, one transaction with an audit entry per
// row written, the answer with every row): 1,000 new delegations; the same
// 1,000 each with a new hotel; that file as a dry run; and again, when every
// row is unchanged; and 1,000 new members of ten delegations.
func BenchmarkImport1000(b *testing.B) {
	p := newPlanning(&testing.T{}, "")
	im := importing{p, &testing.T{}}
	file := func(header string, row func(j int) string) []byte {
		var sb strings.Builder
		sb.WriteString(header + "\r\n")
		for j := range 1000 {
			sb.WriteString(row(j) + "\r\n")
		}
		return []byte(sb.String())
	}
	run := func(b *testing.B, query string, file func(i int) []byte) {
		b.Helper()
		var total time.Duration
		for i := 0; i < b.N; i++ {
			f := file(i)
			start := time.Now()
			rec := im.send(strings.Split(query, "?")[0], strings.TrimPrefix(query, strings.Split(query, "?")[0]), csvType, f)
			total += time.Since(start)
			if rec.Code != 200 {
				b.Fatalf("%d %s", rec.Code, rec.Body.String()[:min(rec.Body.Len(), 500)])
			}
		}
		b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/import")
	}
	const header = "code,name,kind,precedence,languages,arrival_at,hotel"
	b.Run("create", func(b *testing.B) {
		run(b, "delegations", func(i int) []byte {
			return file(header, func(j int) string {
				return fmt.Sprintf("C%04d%04d,Delegation %d-%d,member,%d,ru; en,2024-07-03 09:30,Hotel", i, j, i, j, j)
			})
		})
	})
	var n int
	update := func(int) []byte {
		n++
		return file(header, func(j int) string {
			return fmt.Sprintf("C%04d%04d,Delegation %d-%d,member,%d,ru; en,2024-07-03 09:30,Hotel %d", 0, j, 0, j, j, n)
		})
	}
	b.Run("update", func(b *testing.B) { run(b, "delegations", update) })
	b.Run("dry_run", func(b *testing.B) { run(b, "delegations?dry_run=1", update) })
	b.Run("unchanged", func(b *testing.B) {
		same := update(0)
		im.send("delegations", "", csvType, same)
		run(b, "delegations", func(int) []byte { return same })
	})
	b.Run("members_create", func(b *testing.B) {
		run(b, "members", func(i int) []byte {
			return file("delegation_code,full_name,position,accreditation", func(j int) string {
				return fmt.Sprintf("C%04d%04d,Member %d-%d,Adviser,approved", 0, j%10, i, j)
			})
		})
	})
}
