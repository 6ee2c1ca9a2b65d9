// The browser simulator's worker: runs the pupil's program in MicroPython (WebAssembly)
// in real time, while the page stays responsive. The page shares a small memory
// (SharedArrayBuffer) with the inputs the pupil touches (buttons, shake, tilt,
// sliders); sleep() waits on it with Atomics.wait. Outputs (LEDs, print, sound,
// radio, pins) go back to the page as messages. This script is served with a
// Content-Security-Policy that forbids every network request (see microbit/web.py),
// so a program cannot reach the portal or anything else.
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";
import microbitPy from "./py/microbit.py";
import musicPy from "./py/music.py";
import radioPy from "./py/radio.py";
import timePy from "./py/time.py";
import speechPy from "./py/speech.py";
import { SLOT, RADIO_BYTES, RADIO_MAX } from "./simslots.js";

const RUNNER = `
import sys
import _hw
try:
    import main
except SystemExit:
    pass
except BaseException as error:
    import io
    text = io.StringIO()
    sys.print_exception(error, text)
    _hw.error(text.getvalue())
`;

self.onmessage = async (event) => {
  const { files, sab, wasm, data, t0 } = event.data;
  const slots = new Int32Array(sab);
  const bytes = new Uint8Array(sab);
  const decoder = new TextDecoder();
  let radioSeen = Atomics.load(slots, SLOT.radioCount);
  let lastFrame = "";
  const now = () => Date.now() - t0;
  const url = URL.createObjectURL(new Blob([wasm], { type: "application/wasm" }));
  const mp = await loadMicroPython({
    url,
    stdout: (line) => postMessage({ type: "out", text: line }),
    stderr: (line) => postMessage({ type: "out", text: line }),
  });
  mp.registerJsModule("_hw", {
    sleep: (ms) => { if (ms > 0) Atomics.wait(slots, SLOT.never, 0, ms); },
    now,
    slot: (index) => Atomics.load(slots, index),
    frame: (leds) => { if (leds !== lastFrame) { lastFrame = leds; postMessage({ type: "frame", leds }); } },
    anim: (frames, delay, loop) => { lastFrame = ""; postMessage({ type: "anim", frames: frames.split(","), delay, loop }); },
    emit: (kind, text) => postMessage({ type: kind, text }),
    tone: (frequency, ms) => postMessage({ type: "tone", frequency, ms }),
    radio: () => {
      const count = Atomics.load(slots, SLOT.radioCount);
      if (count === radioSeen) return null;
      radioSeen = count;
      const length = Math.min(Atomics.load(slots, SLOT.radioLength), RADIO_MAX);
      return decoder.decode(bytes.slice(RADIO_BYTES, RADIO_BYTES + length));
    },
    error: (text) => postMessage({ type: "error", text }),
  });
  const json = JSON.stringify(JSON.stringify(data));
  mp.FS.writeFile("/_mbdata.py",
    `import json\n_d = json.loads(${json})\nIMAGES = _d["images"]\nTUNES = _d["tunes"]\n` +
    `FONT = {int(k): v for k, v in _d["font"].items()}\n`);
  const library = { "microbit.py": microbitPy, "music.py": musicPy, "radio.py": radioPy, "time.py": timePy,
    "utime.py": timePy /* MicroPython's old name for the same module */, "speech.py": speechPy };
  try { mp.FS.mkdir("/lib"); } catch (exists) { /* already there */ }
  for (const [name, text] of Object.entries(library)) mp.FS.writeFile("/lib/" + name, text);
  for (const [name, text] of Object.entries(files)) mp.FS.writeFile("/" + name, text);
  postMessage({ type: "started" });
  try {
    mp.runPython(RUNNER);
  } catch (error) {
    postMessage({ type: "error", text: String(error && error.message || error) });
  }
  postMessage({ type: "done" });
};
