// The paper's experiments by name (API and `swta experiment <name>`). Each returns plain data: every
// number a figure shows, `metrics` for the acceptance checks, and `svgs` (file name → SVG).
import type { ExperimentOptions } from './common.js';
import { fiExperiment } from './fi.js';
import { baselineExperiment } from './baseline.js';
import { gainExperiment } from './gain.js';
import { amplificationExperiment } from './amplification.js';
import { restorationExperiment } from './restoration.js';
import { hysteresisExperiment } from './hysteresis.js';
import { ablationExperiment } from './ablation.js';
import { workingMemoryExperiment } from '../gain/wmexperiment.js';

export interface ExperimentResult { name: string; regime: string; seed: number; metrics: Record<string, unknown>; svgs: Record<string, string>; [k: string]: unknown }

export const EXPERIMENTS: Record<string, { summary: string; run: (o: ExperimentOptions) => Promise<ExperimentResult> }> = {
  fi: { summary: 'f–I curves of PYR, PV, SST, VIP, LAMP5 (rate, rheobase, latency, adaptation)', run: fiExperiment },
  baseline: { summary: 'background rates of the undriven module (target 1–3 Hz)', run: baselineExperiment },
  gain: { summary: 'PYR group I–O curve: intact, isolated PYR, VIP context on, LAMP5 driven (soft regime)', run: gainExperiment },
  amplification: { summary: 'two groups, strong vs weak input: output vs input ratio (soft regime)', run: amplificationExperiment },
  restoration: { summary: 'noisy / partly deleted bump over 6 groups: correlation before and after (soft regime)', run: restorationExperiment },
  hysteresis: { summary: 'history-selected states, ramp loop, persistence after a pulse (hard regime vs soft)', run: hysteresisExperiment },
  ablation: { summary: 'silence PV, SST, VIP, LAMP5 in turn: threshold, competition, context gating, gain', run: ablationExperiment },
  'working-memory': { summary: 'coupled modules as a two-state machine: hold ≥ 2 s, AND-gated switching, noise bursts (--substrate bio|truenorth)', run: workingMemoryExperiment },
};
