# 5-seed summary of the steps-to-97 % probe (docs/vit.md §5.8.1, declared before the seed-4/5 runs).
# Seeds 1-3: results/vit-run5/steps-*-s{1,2,3}.json (stopped at the first 50-step probe >= 97 %) and the
# complete 100-step curves of results/vit-run2/runs; seeds 4-5: full 6-epoch runs with a 50-step probe.
# Run: python3 results/vit-run5/summary5.py
import json, os, statistics as st
base = os.path.dirname(os.path.abspath(__file__))
run2 = os.path.join(base, '..', 'vit-run2', 'runs')
T = 0.97

def first(curve):
    return next((s for s, a in curve if a >= T), None)

def sustained(curve):
    # first probe step from which every later probe stays >= 97 %
    out = None
    for s, a in reversed(curve):
        if a >= T:
            out = s
        else:
            break
    return out

rows, prim, sus100, sus50 = [], {'raw': {}, 'field': {}}, {'raw': {}, 'field': {}}, {'raw': {}, 'field': {}}
for s in range(1, 11):  # seeds 6-10: the §5.9 extension (results/vit-run5/run-s6-10.sh)
    for v in ('raw', 'field'):
        f = os.path.join(base, f'steps-{v}-s{s}.json')
        if not os.path.exists(f):
            continue
        d = json.load(open(f))
        c = [tuple(p) for p in d['curve']]
        assert d['stepsToTarget'] == first(c), (v, s)
        prim[v][s] = d['stepsToTarget']
        if s <= 3:
            full = [tuple(p) for p in json.load(open(os.path.join(run2, f'{v}-s{s}.json')))['curve']]
            sus100[v][s] = sustained(full)
            s50 = None
        else:
            sus100[v][s] = sustained([p for p in c if p[0] % 100 == 0 or p[0] == c[-1][0]])
            s50 = sus50[v][s] = sustained(c)
        rows.append(f"| {v} s{s} | {d['stepsToTarget']} | {sus100[v][s]} | {s50 if s50 is not None else '—'} | {d['steps']} | {d['seconds']:.0f} |")
print('| Run | first 50-step probe >= 97 % | sustained, 100-step grid | sustained, 50-step grid | steps run | s |')
print('|---|---|---|---|---|---|')
print('\n'.join(rows))

def report(name, m):
    seeds = sorted(set(m['raw']) & set(m['field']))
    if not seeds:
        return
    r, f = [m['raw'][s] for s in seeds], [m['field'][s] for s in seeds]
    if None in r or None in f:
        print(name, 'not reached in some run', r, f)
        return
    d = [b - a for a, b in zip(r, f)]
    print(f"{name}: seeds {seeds}; raw {st.mean(r):.0f} ± {st.stdev(r) if len(r) > 1 else 0:.0f}, field {st.mean(f):.0f} ± {st.stdev(f) if len(f) > 1 else 0:.0f}; "
          f"mean(field)/mean(raw) − 1 = {100 * (st.mean(f) / st.mean(r) - 1):+.1f} %; paired field − raw {st.mean(d):+.0f} ± {st.stdev(d) if len(d) > 1 else 0:.0f} steps; "
          f"per seed {[f'{100 * (b / a - 1):+.1f} %' for a, b in zip(r, f)]}")

report('primary (first 50-step probe)', prim)
report('primary, seeds 1-5 only', {v: {s: x for s, x in prim[v].items() if s <= 5} for v in prim})
report('primary, seeds 6-10 only', {v: {s: x for s, x in prim[v].items() if s >= 6} for v in prim})
report('primary, seeds 1-3 only', {v: {s: x for s, x in prim[v].items() if s <= 3} for v in prim})
report('sustained, 100-step grid', sus100)
report('sustained, 50-step grid (seeds 4-10)', sus50)
