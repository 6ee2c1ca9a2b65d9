// The shared memory between the page and the simulator's worker: one Int32 per input.
export const SLOT = {
  aDown: 0, aPresses: 1, bDown: 2, bPresses: 3, x: 4, y: 5, z: 6, shakes: 7, temperature: 8, light: 9,
  pin0: 10, pin1: 11, pin2: 12, radioCount: 13, logo: 14, never: 15, shakeUntil: 17, radioLength: 18,
};
export const RADIO_BYTES = 128;
export const RADIO_MAX = 250;
export const SHARED_BYTES = RADIO_BYTES + RADIO_MAX + 6;
