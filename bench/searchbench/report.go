package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// run is one wrk run: throughput, median and 99th percentile latency in ms, failed requests.
type run struct {
	rps, p50, p99 float64
	failed        int
}

var (
	runFile  = regexp.MustCompile(`^([SD])_([a-z]+(?:-[a-z])?)_c(\d+)_r\d+\.txt$`)
	rpsLine  = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	latLine  = regexp.MustCompile(`^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$`)
	errLines = regexp.MustCompile(`(?:Non-2xx or 3xx responses|Socket errors: connect|read|write|timeout):?\s+(\d+)`)
)

func parseRun(path string) (run, error) {
	f, err := os.Open(path)
	if err != nil {
		return run{}, err
	}
	defer f.Close()
	var r run
	var bad []error
	number := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		bad = append(bad, err)
		return v
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m := rpsLine.FindStringSubmatch(line); m != nil {
			r.rps = number(m[1])
		}
		if m := latLine.FindStringSubmatch(line); m != nil {
			v := number(m[2])
			switch m[3] {
			case "us":
				v /= 1000
			case "s":
				v *= 1000
			}
			if m[1] == "50" {
				r.p50 = v
			} else {
				r.p99 = v
			}
		}
		for _, m := range errLines.FindAllStringSubmatch(line, -1) {
			r.failed += int(number(m[1]))
		}
	}
	return r, errors.Join(append(bad, sc.Err())...)
}

// medianRun takes each figure's median over the repetitions.
func medianRun(runs []run) run {
	pick := func(f func(run) float64) float64 {
		vs := make([]float64, len(runs))
		for i, r := range runs {
			vs[i] = f(r)
		}
		slices.Sort(vs)
		return vs[len(vs)/2]
	}
	out := run{
		rps: pick(func(r run) float64 { return r.rps }),
		p50: pick(func(r run) float64 { return r.p50 }),
		p99: pick(func(r run) float64 { return r.p99 }),
	}
	for _, r := range runs {
		out.failed += r.failed
	}
	return out
}

// report prints, per data set, the table of ours against stock and the targets of the issue.
func report(dir string, w io.Writer) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	runs := map[string][]run{} // set/endpoint/conns
	for _, e := range entries {
		m := runFile.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		r, err := parseRun(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		k := m[1] + "/" + m[2] + "/" + m[3]
		runs[k] = append(runs[k], r)
	}
	get := func(set, ep, conns string) (run, bool) {
		rs, ok := runs[set+"/"+ep+"/"+conns]
		if !ok {
			return run{}, false
		}
		return medianRun(rs), true
	}
	for _, set := range []string{"S", "D"} {
		ds := dataSets[set]
		if _, ok := get(set, "ours-a", "2"); !ok {
			continue
		}
		fmt.Fprintf(w, "\n#### %s: %d restaurants, %d menu items (median of %d runs)\n\n", set, ds.restaurants,
			ds.restaurants*ds.itemsEach, len(runs[set+"/ours-a/2"]))
		fmt.Fprintln(w, "| query | conns | ours req/s | stock req/s | ours ÷ stock | ours p50 / p99 ms | stock p50 / p99 ms |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
		var failed []string
		count := func(ep, conns string, r run) {
			if r.failed > 0 {
				failed = append(failed, fmt.Sprintf("%s at %s conns: %d", ep, conns, r.failed))
			}
		}
		for _, kind := range []string{"a", "b", "c", "d"} {
			for _, conns := range []string{"2", "16"} {
				o, _ := get(set, "ours-"+kind, conns)
				s, _ := get(set, "stock-"+kind, conns)
				count("ours-"+kind, conns, o)
				count("stock-"+kind, conns, s)
				fmt.Fprintf(w, "| %s | %s | %.0f | %.0f | **%.1f×** | %.2f / %.2f | %.2f / %.2f |\n",
					title("ours-"+kind), conns, o.rps, s.rps, o.rps/s.rps, o.p50, o.p99, s.p50, s.p99)
			}
		}
		for _, conns := range []string{"2", "16"} {
			f, _ := get(set, "floor", conns)
			count("floor", conns, f)
			fmt.Fprintf(w, "| %s | %s | | %.0f | | | %.2f / %.2f |\n", title("floor"), conns, f.rps, f.p50, f.p99)
		}
		if len(failed) > 0 {
			fmt.Fprintf(w, "\nRequests that timed out (over 5 s) or failed, all rounds: %s.\n", strings.Join(failed, "; "))
		}
		for _, name := range []string{"reindex", "prepare", "startup", "upkeep"} {
			if b, err := os.ReadFile(filepath.Join(dir, set+"_"+name+".txt")); err == nil {
				fmt.Fprintf(w, "\n%s: %s", name, strings.TrimSpace(strings.ReplaceAll(string(b), "\n", "\n    ")))
				fmt.Fprintln(w)
			}
		}
		targets(w, set, get)
	}
	return nil
}

func title(ep string) string {
	for _, e := range endpoints {
		if e.name == ep {
			return e.title
		}
	}
	return ep
}

// targets checks the performance targets for set.
func targets(w io.Writer, set string, get func(set, ep, conns string) (run, bool)) {
	ratio := func(kind, conns string) float64 {
		o, _ := get(set, "ours-"+kind, conns)
		s, _ := get(set, "stock-"+kind, conns)
		return o.rps / s.rps
	}
	p := func(kind string) run { r, _ := get(set, "ours-"+kind, "2"); return r }
	geoX, qX, p99, p99q := 10.0, 15.0, 20.0, 25.0
	if set == "D" {
		geoX, qX, p99, p99q = 5, 10, 25, 50
	}
	check := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**missed**"
	}
	fmt.Fprintf(w, "\nTargets on %s:\n", set)
	for _, conns := range []string{"2", "16"} {
		fmt.Fprintf(w, "- (a) throughput ≥ %.0f× stock at %s conns: %.1f× — %s\n", geoX, conns, ratio("a", conns), check(ratio("a", conns) >= geoX))
		for _, k := range []string{"b", "c", "d"} {
			fmt.Fprintf(w, "- (%s) throughput ≥ %.0f× stock at %s conns: %.1f× — %s\n", k, qX, conns, ratio(k, conns), check(ratio(k, conns) >= qX))
		}
	}
	fmt.Fprintf(w, "- (a) p99 at 2 conns ≤ %.0f ms: %.2f ms — %s\n", p99, p("a").p99, check(p("a").p99 <= p99))
	for _, k := range []string{"b", "c", "d"} {
		fmt.Fprintf(w, "- (%s) p99 at 2 conns ≤ %.0f ms: %.2f ms — %s\n", k, p99q, p(k).p99, check(p(k).p99 <= p99q))
	}
	if set == "S" {
		for _, k := range []string{"a", "b", "c", "d"} {
			fmt.Fprintf(w, "- (%s) p50 at 2 conns ≤ 2 ms: %.2f ms — %s\n", k, p(k).p50, check(p(k).p50 <= 2))
		}
	}
	fmt.Fprintf(w, "- 1-letter p99 ≤ 2× whole-word p99 (2 conns): %.2f vs %.2f ms — %s\n", p("c").p99, p("b").p99, check(p("c").p99 <= 2*p("b").p99))
}
