package api

import (
	"bufio"
	"fmt"
	"net"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkStreamFanout opens N real SSE connections to one server, books a
// meeting, and measures how long until every subscriber has its event, and
// the memory each subscriber costs (server and client sides together, both
// in this process: an upper bound for the server's share).
func BenchmarkStreamFanout(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprintf("subscribers=%d", n), func(b *testing.B) {
			p := newPlanning(&testing.T{}, "")
			srv := httptest.NewServer(p.s.Echo)
			defer srv.Close()
			defer p.s.CloseStreams()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			got := make(chan struct{}, n)
			var conns []net.Conn
			var ready sync.WaitGroup
			for range n {
				c, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
				if err != nil {
					b.Fatal(err)
				}
				conns = append(conns, c)
				fmt.Fprintf(c, "GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n", p.organiser)
				ready.Add(1)
				go func() {
					r := bufio.NewReader(c)
					connected := false
					for {
						line, err := r.ReadString('\n')
						if err != nil {
							if !connected {
								ready.Done()
							}
							return
						}
						if !connected && strings.HasPrefix(line, ": connected") {
							connected = true
							ready.Done()
						}
						if strings.HasPrefix(line, "event: meeting.created") {
							got <- struct{}{}
						}
					}
				}()
			}
			ready.Wait()
			runtime.GC()
			runtime.ReadMemStats(&after)
			perSub := float64(after.HeapInuse+after.StackInuse-before.HeapInuse-before.StackInuse) / float64(n) / 1024
			var worst time.Duration
			for i := 0; i < b.N; i++ {
				start := time.Now()
				rec := p.call("POST", "/api/v1/meetings", p.organiser, p.meeting(fmt.Sprintf("Fan-out %d", i), p.hall.ID,
					at(8, 0).Add(time.Duration(i)*30*time.Minute), at(8, 5).Add(time.Duration(i)*30*time.Minute)))
				if rec.Code != 201 {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
				for range n {
					select {
					case <-got:
					case <-time.After(10 * time.Second):
						b.Fatal("an event did not reach every subscriber within 10 s")
					}
				}
				worst = max(worst, time.Since(start))
			}
			b.ReportMetric(float64(worst.Milliseconds()), "ms-to-all")
			b.ReportMetric(perSub, "KiB/subscriber")
			b.ReportMetric(float64(p.s.hub.subscribers()), "subscribers")
			for _, c := range conns {
				c.Close()
			}
		})
	}
}
