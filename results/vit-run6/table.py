# Markdown tables from results/vit-run6/ood.json (docs/vit.md §5.8): accuracy mean ± s.d. per variant and the
# paired differences against raw. Run: python3 results/vit-run6/table.py
import json, os
t = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ood.json')))
vs = t['variants']
f = lambda s: f"{s['mean']:.2f} ± {s['sd']:.2f}"
d = lambda s: f"{s['mean']:+.2f} ± {s['sd']:.2f}"
print('| Set | ' + ' | '.join(vs) + ' | ' + ' | '.join(f'{v} − raw' for v in vs if v != 'raw') + ' |')
print('|---' * (2 * len(vs)) + '|')
for s in t['sets']:
    print(f'| {s} | ' + ' | '.join(f(t['accuracy'][v][s]) for v in vs) + ' | ' + ' | '.join(d(t['deltaVsRaw'][v][s]) for v in vs if v != 'raw') + ' |')
print('| steps to 97 % | ' + ' | '.join(f"{t['stepsToTarget'][v]['mean']:.0f} ± {t['stepsToTarget'][v]['sd']:.0f}" for v in vs) + ' |' * (len(vs) - 1))
print('n per variant:', {v: t['accuracy'][v]['clean']['n'] for v in vs}, 'seeds', t['seeds'])
