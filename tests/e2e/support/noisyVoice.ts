// A microphone for the noise-suppression test: speech-like bursts (a voiced,
// gliding harmonic tone with a syllable envelope) over steady broadband noise.
import { writeWav } from './voice';

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
  return writeWav(samples, rate, 'noisy-voice');
}
