"""Writes the worst inputs within binhdang's default limits into a folder
(RELIABILITY.md, "The worst inputs within the default limits"):
    python3 tests/bench/worst_inputs.py /tmp/worst
then tests/bench/worst_run.sh /tmp/worst measures them with the release CLI."""
import datetime
import json
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/worst"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
os.makedirs(OUT, exist_ok=True)
base = json.load(open(os.path.join(ROOT, 'examples/lai-chau-2024/reports/2024-6m-105.json')))
# 1. nulls: as many nulls as max_nodes allows (200,000 values in all)
r = dict(base); r['activities'] = [None] * 199_900
open(OUT + '/nulls.json','w').write(json.dumps(r))
# 2. 10,000 values (max_values), each wrong twice: unknown indicator and a bad sum
r = dict(base); r['values'] = [{"indicator": f"x{i}", "female": 1, "male": 1, "total": 3} for i in range(10_000)]
open(OUT + '/values.json','w').write(json.dumps(r))
# 3. a plan whose units form one chain, as long as max_nodes allows (5 values per unit)
def plan(units):
    return {"number": "P", "issuer": "u0", "place": "X", "date": "2024-01-01", "year": 2024, "title": "T",
        "legal_bases": [], "purposes": [], "content_areas": [], "funding_sources": [{"id": "ns", "name": "NS"}], "roles": [],
        "reporting": {"units": [u["id"] for u in units], "schedule": [
            {"id": "6m", "kind": "six_month", "period": {"from": "2024-01-01", "to": "2024-06-30"}, "due": "2024-07-10"},
            {"id": "y", "kind": "annual", "period": {"from": "2024-01-01", "to": "2024-12-31"}, "due": "2025-01-15"}]},
        "recipients": [], "signer": {"name": "S", "titles": []}, "units": units}
n = 33_000
chain = [{"id": f"u{i}", "name": "U", "kind": "commune", "parent": f"u{i-1}"} if i else {"id": "u0", "name": "U", "kind": "province"} for i in range(n)]
open(OUT + '/chain-plan.json','w').write(json.dumps(plan(chain)))
loop = [{"id": f"u{i}", "name": "U", "kind": "commune", "parent": f"u{(i+1)%n}"} for i in range(n)]
open(OUT + '/loop-plan.json','w').write(json.dumps(plan(loop)))
# 4. a wide plan (one province, 25,000 communes) and one report per commune with a small victims count
n = 25_000
wide = [{"id": "u0", "name": "U", "kind": "province"}] + [{"id": f"c{i}", "name": "C", "kind": "commune", "parent": "u0"} for i in range(n)]
open(OUT + '/wide-plan.json','w').write(json.dumps(plan(wide)))
os.makedirs(OUT + '/wide-reports', exist_ok=True)
for i in range(n):
    rep = {"plan": "P", "unit": f"c{i}", "kind": "six_month", "period": {"from": "2024-01-01", "to": "2024-06-30"}, "submitted": "2024-07-01",
           "values": [{"indicator": "victims_supported", "female": i % 4, "male": (i // 4) % 3, "total": i % 4 + (i // 4) % 3}],
           "funding": [{"source": "ns", "spent": 1000}]}
    open(f'{OUT}/wide-reports/{i:06}.json','w').write(json.dumps(rep))
# 5. one unit's many reports with distinct periods (the old quadratic case): 50,000
os.makedirs(OUT + '/one-unit', exist_ok=True)
d0 = datetime.date(1900,1,1)
for i in range(50_000):
    d = (d0 + datetime.timedelta(days=i)).isoformat()
    rep = {"plan": "P", "unit": "c0", "kind": "six_month", "period": {"from": d, "to": d}, "submitted": d, "values": [{"indicator": "training_classes", "total": i}]}
    open(f'{OUT}/one-unit/{i:06}.json','w').write(json.dumps(rep))
for f in os.listdir(OUT):
    p = OUT + '/' + f
    if os.path.isfile(p): print(f, os.path.getsize(p))
