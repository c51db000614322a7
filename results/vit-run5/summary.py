# Summarise the fine steps-to-97 % probe (results/vit-run5) against the 100-step probe of results/vit-run2.
# Run: python3 results/vit-run5/summary.py
import json, os, statistics as st
base = os.path.dirname(os.path.abspath(__file__))
run2 = os.path.join(base, '..', 'vit-run2', 'runs')
rows, steps = [], {'raw': {}, 'field': {}}
for s in (1, 2, 3):
    for v in ('raw', 'field'):
        f = os.path.join(base, f'steps-{v}-s{s}.json')
        if not os.path.exists(f):
            continue
        d = json.load(open(f)); o = json.load(open(os.path.join(run2, f'{v}-s{s}.json')))
        c = dict(map(tuple, d['curve'])); oc = dict(map(tuple, o['curve']))
        common = [k for k in c if k in oc]
        same = all(c[k] == oc[k] for k in common)
        steps[v][s] = d['stepsToTarget']
        rows.append(f"| {v} s{s} | {d['stepsToTarget']} | {o['stepsToTarget']} | {len(common)} probes {'identical' if same else 'DIFFER'} | {d['seconds']:.0f} |")
print('| Run | steps to 97 % (probe every 50) | same run, probe every 100 (vit-run2) | curve vs vit-run2 at common steps | s |')
print('|---|---|---|---|---|')
print('\n'.join(rows))
for v in ('raw', 'field'):
    a = list(steps[v].values())
    if a:
        print(v, 'mean', st.mean(a), 'sd', st.stdev(a) if len(a) > 1 else 0, a)
paired = [steps['field'][s] / steps['raw'][s] - 1 for s in steps['field'] if s in steps['raw']]
if paired:
    print('paired field/raw − 1 per seed', [f'{100*p:+.1f} %' for p in paired], 'mean of ratio of means', f"{100*(st.mean([steps['field'][s] for s in steps['field'] if s in steps['raw']])/st.mean([steps['raw'][s] for s in steps['field'] if s in steps['raw']])-1):+.1f} %")
