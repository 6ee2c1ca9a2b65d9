// The touchable simulator on the editor page: draws the board, turns clicks, sliders
// and the shake button into the shared input memory, and shows what the program does.
// The program itself runs in simworker.js (MicroPython in a Web Worker).
import { SLOT, RADIO_BYTES, RADIO_MAX, SHARED_BYTES } from "./simslots.js";
import { danishError } from "./errors.js";

const HOLD_MS = 150;

export class Simulator {
  constructor(config, callbacks) {
    this.config = config;
    this.callbacks = callbacks; // { say(text, isError), running(bool), problem(file, line, text) }
    this.leds = [...document.querySelectorAll("#leds .led")];
    this.output = document.getElementById("udskrift");
    this.sound = document.getElementById("lyd");
    this.worker = null;
    this.timer = null;
    this.audio = null;
    this.sab = new SharedArrayBuffer(SHARED_BYTES);
    this.slots = new Int32Array(this.sab);
    this.t0 = Date.now();
    this.assets = null;
    this.bindInputs();
    this.resetInputs();
    this.draw("0".repeat(25));
  }

  static available() {
    return typeof SharedArrayBuffer !== "undefined" && self.crossOriginIsolated === true;
  }

  async load() {
    if (this.assets === null) {
      const [wasm, data] = await Promise.all([
        fetch(this.config.wasm, { credentials: "same-origin" }).then((r) => r.arrayBuffer()),
        fetch(this.config.simData, { credentials: "same-origin" }).then((r) => r.json()),
      ]);
      this.assets = { wasm, data };
    }
    return this.assets;
  }

  async run(files) {
    this.stop();
    const { wasm, data } = await this.load();
    this.output.textContent = "";
    this.sound.textContent = "";
    this.draw("0".repeat(25));
    this.t0 = Date.now();
    Atomics.store(this.slots, SLOT.shakeUntil, 0);
    this.worker = new Worker(this.config.worker, { type: "module" });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = () => this.finish("Simulatoren kunne ikke starte. Genindlæs siden.", true);
    this.worker.postMessage({ files, sab: this.sab, wasm: wasm.slice(0), data, t0: this.t0 });
    this.callbacks.running(true);
    document.getElementById("board").dataset.koerer = "ja";
  }

  stop() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    clearInterval(this.timer);
    this.tone(0, 0);
    document.getElementById("board").dataset.koerer = "nej";
    this.callbacks.running(false);
  }

  finish(text, isError) {
    this.stop();
    this.callbacks.say(text, isError);
  }

  receive(message) {
    switch (message.type) {
      case "started": this.callbacks.say("Programmet kører. Prøv knapperne på micro:bit'en."); break;
      case "frame": clearInterval(this.timer); this.draw(message.leds); break;
      case "anim": this.animate(message.frames, message.delay, message.loop); break;
      case "out": this.print(message.text + "\n"); break;
      case "radio": this.print("Radio sendt: " + message.text + "\n"); break;
      case "pin": this.print("Pin: " + message.text + "\n"); break;
      case "sound": this.sound.textContent = "Lyd: " + message.text; break;
      case "tone": this.tone(message.frequency, message.ms); break;
      case "error": {
        const error = danishError(message.text);
        this.finish(error.text, true);
        if (error.file && this.callbacks.problem) this.callbacks.problem(error.file, error.line, error.text);
        break;
      }
      case "done": if (this.worker) this.finish("Programmet er færdigt.", false); break;
      default: break;
    }
  }

  print(text) {
    this.output.textContent = (this.output.textContent + text).slice(-4000);
    this.output.scrollTop = this.output.scrollHeight;
  }

  draw(leds) {
    document.getElementById("leds").dataset.leds = leds;
    for (let i = 0; i < 25; i++) {
      const level = Number(leds[i] || 0);
      this.leds[i].style.opacity = level ? String(0.3 + level * 0.078) : "";
      this.leds[i].classList.toggle("taendt", level > 0);
    }
  }

  animate(frames, delay, loop) {
    clearInterval(this.timer);
    let index = 0;
    this.draw(frames[0]);
    this.timer = setInterval(() => {
      index += 1;
      if (index >= frames.length) {
        if (!loop) { clearInterval(this.timer); return; }
        index = 0;
      }
      this.draw(frames[index]);
    }, Math.max(20, delay));
  }

  tone(frequency, ms) {
    if (this.audio === null && frequency > 0) {
      try { this.audio = new AudioContext(); } catch (noAudio) { this.audio = false; }
    }
    if (this.oscillator) { this.oscillator.stop(); this.oscillator = null; }
    if (frequency <= 0) return;
    this.sound.textContent = "Lyd: tone " + frequency + " Hz";
    if (!this.audio) return;
    const oscillator = this.audio.createOscillator();
    const gain = this.audio.createGain();
    gain.gain.value = 0.05;
    oscillator.type = "square";
    oscillator.frequency.value = frequency;
    oscillator.connect(gain).connect(this.audio.destination);
    oscillator.start();
    if (ms > 0) oscillator.stop(this.audio.currentTime + ms / 1000);
    this.oscillator = oscillator;
  }

  resetInputs() {
    const value = (id) => Number(document.getElementById(id).value);
    Atomics.store(this.slots, SLOT.temperature, value("temperatur"));
    Atomics.store(this.slots, SLOT.light, value("lys"));
    this.tilt();
  }

  tilt() {
    const x = Number(document.getElementById("vip-x").value);
    const y = Number(document.getElementById("vip-y").value);
    Atomics.store(this.slots, SLOT.x, x);
    Atomics.store(this.slots, SLOT.y, y);
    Atomics.store(this.slots, SLOT.z, -Math.round(Math.sqrt(Math.max(0, 1024 * 1024 - x * x - y * y))));
  }

  press(down, count, isDown) {
    if (isDown) {
      Atomics.add(this.slots, count, 1);
      Atomics.store(this.slots, down, 1);
    } else {
      Atomics.store(this.slots, down, 0);
    }
  }

  bindButton(id, down, count) {
    const button = document.getElementById(id);
    let pointer = false;
    button.addEventListener("pointerdown", () => { pointer = true; this.press(down, count, true); button.classList.add("trykket"); });
    const release = () => { if (pointer) { pointer = false; this.press(down, count, false); button.classList.remove("trykket"); } };
    button.addEventListener("pointerup", release);
    button.addEventListener("pointerleave", release);
    button.addEventListener("click", (event) => {
      if (event.detail !== 0) return; // a keyboard press: hold the button briefly
      this.press(down, count, true);
      setTimeout(() => this.press(down, count, false), HOLD_MS);
    });
  }

  bindTouch(id, slot) {
    const pad = document.getElementById(id);
    pad.addEventListener("pointerdown", () => Atomics.store(this.slots, slot, 1));
    for (const name of ["pointerup", "pointerleave"]) pad.addEventListener(name, () => Atomics.store(this.slots, slot, 0));
    pad.addEventListener("click", (event) => {
      if (event.detail !== 0) return;
      Atomics.store(this.slots, slot, 1);
      setTimeout(() => Atomics.store(this.slots, slot, 0), 500);
    });
  }

  bindInputs() {
    this.bindButton("knap-a", SLOT.aDown, SLOT.aPresses);
    this.bindButton("knap-b", SLOT.bDown, SLOT.bPresses);
    this.bindTouch("pin0", SLOT.pin0);
    this.bindTouch("pin1", SLOT.pin1);
    this.bindTouch("pin2", SLOT.pin2);
    document.getElementById("ryst").addEventListener("click", () => {
      Atomics.add(this.slots, SLOT.shakes, 1);
      Atomics.store(this.slots, SLOT.shakeUntil, Date.now() - this.t0 + 600);
      const board = document.getElementById("board");
      board.classList.remove("rystes");
      void board.offsetWidth;
      board.classList.add("rystes");
    });
    for (const id of ["vip-x", "vip-y"]) document.getElementById(id).addEventListener("input", () => this.tilt());
    const slider = (id, slot, show) => {
      const input = document.getElementById(id);
      input.addEventListener("input", () => {
        Atomics.store(this.slots, slot, Number(input.value));
        document.getElementById(id + "-vis").textContent = show(input.value);
      });
    };
    slider("temperatur", SLOT.temperature, (v) => v + " °C");
    slider("lys", SLOT.light, (v) => v);
    document.getElementById("radio-send").addEventListener("click", () => {
      const field = document.getElementById("radio-tekst");
      const encoded = new TextEncoder().encode(field.value).slice(0, RADIO_MAX);
      new Uint8Array(this.sab).set(encoded, RADIO_BYTES);
      Atomics.store(this.slots, SLOT.radioLength, encoded.length);
      Atomics.add(this.slots, SLOT.radioCount, 1);
      this.print("Radio modtaget: " + field.value + "\n");
    });
  }
}
