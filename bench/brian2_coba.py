"""Brian2 C++ standalone on the same COBA / COBAHH networks as `swta bench coba` (for the ratio).

Usage: /usr/bin/python3 bench/brian2_coba.py [coba|cobahh] DURATION_S [f64|f32]
Prints one JSON line: {"engine": "brian2", "wall_s": simulation wall, "build_s": codegen+compile, ...}.
"""
import json, os, sys, tempfile, time, warnings
warnings.filterwarnings("ignore")
from brian2 import *  # noqa: E402,F401

model = sys.argv[1] if len(sys.argv) > 1 else "coba"
duration = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
precision = sys.argv[3] if len(sys.argv) > 3 else "f64"
workdir = os.path.join(tempfile.gettempdir(), f"swta-brian2-{model}-{precision}")
set_device("cpp_standalone", directory=workdir, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0
if precision == "f32":
    prefs.core.default_float_dtype = float32
defaultclock.dt = 0.1 * ms
t_start = time.time()

if model == "coba":
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El, Ee, Ei, I = -50 * mV, -60 * mV, -60 * mV, 0 * mV, -80 * mV, 20 * mV
    eqs = """dv/dt = (ge*(Ee-v) + gi*(Ei-v) - (v-El) + I) / taum : volt (unless refractory)
             dge/dt = -ge/taue : 1
             dgi/dt = -gi/taui : 1"""
    P = NeuronGroup(4000, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms, method="euler")
    P.v = "Vr + rand() * (Vt - Vr)"
    Ce = Synapses(P[:3200], P, on_pre="ge += 0.4", delay=0.1 * ms)
    Ci = Synapses(P[3200:], P, on_pre="gi += 5.1", delay=0.1 * ms)
else:
    area = 20000 * umetre ** 2
    Cm = (1 * ufarad * cm ** -2) * area
    gl = (5e-5 * siemens * cm ** -2) * area
    El, EK, ENa = -60 * mV, -90 * mV, 50 * mV
    g_na = (100 * msiemens * cm ** -2) * area
    g_kd = (30 * msiemens * cm ** -2) * area
    VT = -63 * mV
    taue, taui, Ee, Ei = 5 * ms, 10 * ms, 0 * mV, -80 * mV
    eqs = Equations("""
    dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-g_na*(m*m*m)*h*(v-ENa)-g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
    dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
    dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5*mV)))/ms*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens""")
    P = NeuronGroup(4000, model=eqs, threshold="v>-20*mV", refractory=3 * ms, method="exponential_euler")
    P.v = "El + (randn() * 5 - 5)*mV"
    P.ge = "(randn() * 1.5 + 4) * 10.*nS"
    P.gi = "(randn() * 12 + 20) * 10.*nS"
    Ce = Synapses(P[:3200], P, on_pre="ge += 6*nS")
    Ci = Synapses(P[3200:], P, on_pre="gi += 67*nS")
Ce.connect(p=0.02)
Ci.connect(p=0.02)
sm = SpikeMonitor(P)
run(duration * second)
device.build(directory=workdir, compile=True, run=True, debug=False)
total = time.time() - t_start
sim = float(device._last_run_time)
print(json.dumps({"engine": "brian2", "mode": "cpp_standalone", "version": __import__("brian2").__version__, "model": model,
                  "precision": precision, "neurons": 4000, "synapses": int(len(Ce) + len(Ci)), "simulated_s": duration,
                  "wall_s": sim, "build_s": total - sim, "spikes": int(sm.num_spikes),
                  "mean_rate_hz": sm.num_spikes / 4000 / duration}))
