// A microphone for the noise-suppression test: speech-like bursts (a voiced,
// gliding harmonic tone with a syllable envelope) over steady broadband noise.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NOISY_VOICE = {
  /** One cycle: a burst, then a pause in which only the noise plays. */
  cycleSeconds: 1,
  burstSeconds: 0.4,
};

/** Deterministic noise, so every run hears the same thing. */
function noiseSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

/** 16-bit mono WAV, 48 kHz, 4 s (Chromium loops it). Returns its path. */
export function writeNoisyVoiceWav(): string {
  const rate = 48_000;
  const samples = new Int16Array(rate * 4);
  const noise = noiseSource(7);
  let phase = 0;
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate;
    const inCycle = t % NOISY_VOICE.cycleSeconds;
    const burst = inCycle < NOISY_VOICE.burstSeconds;
    let voice = 0;
    if (burst) {
      const f0 = 150 + 40 * Math.sin(2 * Math.PI * 2.5 * t);
      phase += (2 * Math.PI * f0) / rate;
      const envelope = Math.sin((Math.PI * inCycle) / NOISY_VOICE.burstSeconds) ** 0.5;
      for (let k = 1; k <= 12; k++) {
        // Rough vowel formants near 700 and 1200 Hz.
        const f = k * f0;
        const formant =
          1 + 2 * Math.exp(-(((f - 700) / 200) ** 2)) + Math.exp(-(((f - 1200) / 250) ** 2));
        voice += (Math.sin(k * phase) * formant) / k;
      }
      voice *= 0.18 * envelope;
    }
    // Steady noise at about -30 dBFS RMS (sum of 3 uniforms, roughly Gaussian).
    const hiss = (noise() + noise() + noise()) * 0.055;
    samples[i] = Math.max(-32767, Math.min(32767, Math.round((voice + hiss) * 32767)));
  }
  const data = Buffer.from(samples.buffer);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  const file = join(mkdtempSync(join(tmpdir(), 'parley-noisy-')), 'noisy-voice.wav');
  writeFileSync(file, Buffer.concat([header, data]));
  return file;
}
