// A loud, speech-like WAV for Chromium's fake microphone
// (--use-file-for-fake-audio-capture): the fake device's own beep is too
// faint and brief to tell speaking from silence reliably.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A loud, speech-like microphone: 300 ms tone bursts at changing pitch with
 * 200 ms pauses (16-bit PCM WAV). The fake device's own beep is too faint and
 * brief to tell speaking from silence reliably.
 */
export function writeVoiceWav(): string {
  const rate = 48_000;
  const samples = new Int16Array(rate * 4);
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate;
    const burst = Math.floor(t / 0.5);
    const on = t % 0.5 < 0.3;
    const pitch = 220 + (burst % 5) * 70;
    samples[i] = on ? Math.round(Math.sin(2 * Math.PI * pitch * t) * 0.6 * 32767) : 0;
  }
  return writeWav(samples, rate, 'voice');
}

/** Writes 16-bit mono PCM samples as a WAV file in a fresh temp folder; returns its path. */
export function writeWav(samples: Int16Array, rate: number, name: string): string {
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
  const file = join(mkdtempSync(join(tmpdir(), `parley-${name}-`)), `${name}.wav`);
  writeFileSync(file, Buffer.concat([header, data]));
  return file;
}
