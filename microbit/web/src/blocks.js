// Blocks for grades 3-5 (Blockly, Danish): micro:bit blocks that become MicroPython.
// The generated program is the pupil's main.py: it runs in the same simulator, builds
// into the same .hex and is graded by the same engine as a typed program.
// window.kodefagBlocks.mount(element, savedState, onChange) -> { code(), state(), resize() }
import * as Blockly from "blockly/core";
import "blockly/blocks";
import * as Danish from "blockly/msg/da";
import { pythonGenerator, Order } from "blockly/python";

Blockly.setLocale(Danish);

const SCREEN = 200, INPUT = 330, SOUND = 20, RADIO = 280, PINS = 40, LOOPS = 120;
const IMAGES = [["hjerte", "HEART"], ["lille hjerte", "HEART_SMALL"], ["glad", "HAPPY"], ["smil", "SMILE"],
  ["trist", "SAD"], ["overrasket", "SURPRISED"], ["sur", "ANGRY"], ["sover", "ASLEEP"], ["ja", "YES"],
  ["nej", "NO"], ["and", "DUCK"], ["hus", "HOUSE"], ["sommerfugl", "BUTTERFLY"], ["giraf", "GIRAFFE"],
  ["kanin", "RABBIT"], ["ko", "COW"], ["sværd", "SWORD"], ["paraply", "UMBRELLA"], ["slange", "SNAKE"],
  ["pil op", "ARROW_N"], ["pil ned", "ARROW_S"], ["pil højre", "ARROW_E"], ["pil venstre", "ARROW_W"]];
const GESTURES = [["rystet", "shake"], ["vippet op", "up"], ["vippet ned", "down"], ["vippet til venstre", "left"],
  ["vippet til højre", "right"], ["med skærmen opad", "face up"], ["med skærmen nedad", "face down"]];
const TUNES = [["ba-ding", "BA_DING"], ["fødselsdag", "BIRTHDAY"], ["power up", "POWER_UP"],
  ["power down", "POWER_DOWN"], ["jump up", "JUMP_UP"], ["entertainer", "ENTERTAINER"], ["nyan", "NYAN"]];
const BUTTONS = [["A", "a"], ["B", "b"]];
const PIN_NAMES = [["0", "pin0"], ["1", "pin1"], ["2", "pin2"]];

Blockly.common.defineBlocksWithJsonArray([
  { type: "mb_forever", message0: "gentag for evigt %1 %2", args0: [{ type: "input_dummy" }, { type: "input_statement", name: "DO" }],
    previousStatement: null, colour: LOOPS, tooltip: "Gør blokkene indeni igen og igen, så længe micro:bit'en er tændt." },
  { type: "mb_sleep", message0: "vent %1 millisekunder", args0: [{ type: "input_value", name: "MS", check: "Number" }],
    previousStatement: null, nextStatement: null, colour: LOOPS, inputsInline: true, tooltip: "1000 millisekunder er 1 sekund." },
  { type: "mb_scroll", message0: "rul %1", args0: [{ type: "input_value", name: "TEXT" }],
    previousStatement: null, nextStatement: null, colour: SCREEN, tooltip: "Teksten ruller hen over skærmen." },
  { type: "mb_show", message0: "vis %1", args0: [{ type: "input_value", name: "VALUE" }],
    previousStatement: null, nextStatement: null, colour: SCREEN, tooltip: "Viser et tal eller et bogstav." },
  { type: "mb_show_image", message0: "vis billede %1", args0: [{ type: "field_dropdown", name: "IMAGE", options: IMAGES }],
    previousStatement: null, nextStatement: null, colour: SCREEN, tooltip: "Viser et af micro:bit'ens billeder." },
  { type: "mb_clear", message0: "sluk skærmen", previousStatement: null, nextStatement: null, colour: SCREEN },
  { type: "mb_set_pixel", message0: "tænd lys x %1 y %2 styrke %3",
    args0: [{ type: "input_value", name: "X", check: "Number" }, { type: "input_value", name: "Y", check: "Number" },
      { type: "input_value", name: "LEVEL", check: "Number" }],
    inputsInline: true, previousStatement: null, nextStatement: null, colour: SCREEN,
    tooltip: "x og y går fra 0 til 4. Styrke 0 er slukket, 9 er stærkest." },
  { type: "mb_button", message0: "knap %1 er trykket", args0: [{ type: "field_dropdown", name: "BUTTON", options: BUTTONS }],
    output: "Boolean", colour: INPUT, tooltip: "Sand, hvis knappen er blevet trykket, siden du sidst spurgte." },
  { type: "mb_button_held", message0: "knap %1 holdes nede", args0: [{ type: "field_dropdown", name: "BUTTON", options: BUTTONS }],
    output: "Boolean", colour: INPUT },
  { type: "mb_gesture", message0: "micro:bit er %1", args0: [{ type: "field_dropdown", name: "GESTURE", options: GESTURES }],
    output: "Boolean", colour: INPUT, tooltip: "Sand, hvis micro:bit'en er blevet rystet eller vippet sådan." },
  { type: "mb_temperature", message0: "temperatur (°C)", output: "Number", colour: INPUT },
  { type: "mb_light", message0: "lysstyrke", output: "Number", colour: INPUT, tooltip: "Fra 0 (mørkt) til 255 (lyst)." },
  { type: "mb_pin_touched", message0: "pin %1 røres", args0: [{ type: "field_dropdown", name: "PIN", options: PIN_NAMES }],
    output: "Boolean", colour: PINS },
  { type: "mb_pin_write", message0: "sæt pin %1 til %2", args0: [{ type: "field_dropdown", name: "PIN", options: PIN_NAMES },
    { type: "field_dropdown", name: "VALUE", options: [["tændt (1)", "1"], ["slukket (0)", "0"]] }],
    previousStatement: null, nextStatement: null, colour: PINS },
  { type: "mb_play", message0: "spil melodien %1", args0: [{ type: "field_dropdown", name: "TUNE", options: TUNES }],
    previousStatement: null, nextStatement: null, colour: SOUND },
  { type: "mb_pitch", message0: "spil tone %1 Hz i %2 ms", args0: [{ type: "input_value", name: "FREQ", check: "Number" },
    { type: "input_value", name: "MS", check: "Number" }], inputsInline: true, previousStatement: null, nextStatement: null, colour: SOUND },
  { type: "mb_radio_on", message0: "tænd radioen", previousStatement: null, nextStatement: null, colour: RADIO },
  { type: "mb_radio_send", message0: "send over radio %1", args0: [{ type: "input_value", name: "TEXT" }],
    previousStatement: null, nextStatement: null, colour: RADIO },
  { type: "mb_radio_receive", message0: "modtaget radiobesked", output: null, colour: RADIO,
    tooltip: "Den nyeste besked, eller ingenting (None), hvis der ikke er kommet en." },
]);

const gen = pythonGenerator;
gen.INDENT = "    "; // as in the lessons and the Python editor
const value = (block, name, fallback) => gen.valueToCode(block, name, Order.NONE) || fallback;
const needs = (module) => { gen.definitions_["import_" + module] = "import " + module; };

gen.forBlock.mb_forever = (block) => "while True:\n" + (gen.statementToCode(block, "DO") || gen.INDENT + "pass\n");
gen.forBlock.mb_sleep = (block) => `sleep(${value(block, "MS", "1000")})\n`;
gen.forBlock.mb_scroll = (block) => `display.scroll(${value(block, "TEXT", "''")})\n`;
gen.forBlock.mb_show = (block) => `display.show(${value(block, "VALUE", "''")})\n`;
gen.forBlock.mb_show_image = (block) => `display.show(Image.${block.getFieldValue("IMAGE")})\n`;
gen.forBlock.mb_clear = () => "display.clear()\n";
gen.forBlock.mb_set_pixel = (block) =>
  `display.set_pixel(${value(block, "X", "0")}, ${value(block, "Y", "0")}, ${value(block, "LEVEL", "9")})\n`;
gen.forBlock.mb_button = (block) => [`button_${block.getFieldValue("BUTTON")}.was_pressed()`, Order.FUNCTION_CALL];
gen.forBlock.mb_button_held = (block) => [`button_${block.getFieldValue("BUTTON")}.is_pressed()`, Order.FUNCTION_CALL];
gen.forBlock.mb_gesture = (block) => [`accelerometer.was_gesture('${block.getFieldValue("GESTURE")}')`, Order.FUNCTION_CALL];
gen.forBlock.mb_temperature = () => ["temperature()", Order.FUNCTION_CALL];
gen.forBlock.mb_light = () => ["display.read_light_level()", Order.FUNCTION_CALL];
gen.forBlock.mb_pin_touched = (block) => [`${block.getFieldValue("PIN")}.is_touched()`, Order.FUNCTION_CALL];
gen.forBlock.mb_pin_write = (block) => `${block.getFieldValue("PIN")}.write_digital(${block.getFieldValue("VALUE")})\n`;
gen.forBlock.mb_play = (block) => { needs("music"); return `music.play(music.${block.getFieldValue("TUNE")})\n`; };
gen.forBlock.mb_pitch = (block) => { needs("music"); return `music.pitch(${value(block, "FREQ", "440")}, ${value(block, "MS", "500")})\n`; };
gen.forBlock.mb_radio_on = () => { needs("radio"); return "radio.on()\n"; };
gen.forBlock.mb_radio_send = (block) => { needs("radio"); return `radio.send(str(${value(block, "TEXT", "''")}))\n`; };
gen.forBlock.mb_radio_receive = () => { needs("radio"); return ["radio.receive()", Order.FUNCTION_CALL]; };

const category = (name, colour, blocks) => ({ kind: "category", name, colour: String(colour),
  contents: blocks.map((b) => (typeof b === "string" ? { kind: "block", type: b } : b)) });
const number = (n) => ({ shadow: { type: "math_number", fields: { NUM: n } } });
const TOOLBOX = { kind: "categoryToolbox", contents: [
  category("Skærm", SCREEN, [
    { kind: "block", type: "mb_scroll", inputs: { TEXT: { shadow: { type: "text", fields: { TEXT: "Hej" } } } } },
    { kind: "block", type: "mb_show", inputs: { VALUE: number(7) } },
    "mb_show_image", "mb_clear",
    { kind: "block", type: "mb_set_pixel", inputs: { X: number(2), Y: number(2), LEVEL: number(9) } }]),
  category("Knapper og sensorer", INPUT, ["mb_button", "mb_button_held", "mb_gesture", "mb_temperature", "mb_light"]),
  category("Lyd", SOUND, ["mb_play", { kind: "block", type: "mb_pitch", inputs: { FREQ: number(440), MS: number(500) } }]),
  category("Radio", RADIO, ["mb_radio_on",
    { kind: "block", type: "mb_radio_send", inputs: { TEXT: { shadow: { type: "text", fields: { TEXT: "hej" } } } } },
    "mb_radio_receive"]),
  category("Pins", PINS, ["mb_pin_touched", "mb_pin_write"]),
  category("Løkker", LOOPS, ["mb_forever", { kind: "block", type: "mb_sleep", inputs: { MS: number(1000) } },
    { kind: "block", type: "controls_repeat_ext", inputs: { TIMES: number(3) } }, "controls_whileUntil"]),
  category("Hvis", 210, ["controls_if", { kind: "block", type: "controls_if", extraState: { hasElse: true } },
    "logic_compare", "logic_operation", "logic_negate", "logic_boolean"]),
  category("Tal og tekst", 230, ["math_number", "math_arithmetic",
    { kind: "block", type: "math_random_int", inputs: { FROM: number(1), TO: number(6) } }, "text", "text_join"]),
  { kind: "category", name: "Variabler", colour: "330", custom: "VARIABLE" },
] };

function generate(workspace) {
  const body = gen.workspaceToCode(workspace).trim();
  const lines = body ? body.split("\n") : [];
  const imports = lines.filter((l) => /^import |^from /.test(l));
  const rest = lines.filter((l) => !/^import |^from /.test(l));
  return ["from microbit import *", ...imports, "", ...rest].join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
}

function mount(element, saved, onChange, media) {
  const workspace = Blockly.inject(element, {
    toolbox: TOOLBOX, trashcan: true, media, sounds: false, renderer: "zelos", zoom: { controls: true, startScale: 0.9 },
    move: { scrollbars: true, drag: true, wheel: true },
  });
  if (saved) Blockly.serialization.workspaces.load(saved, workspace);
  else workspace.newBlock("mb_forever").initSvg();
  workspace.render();
  const state = () => Blockly.serialization.workspaces.save(workspace);
  workspace.addChangeListener((event) => {
    if (event.isUiEvent) return;
    onChange(generate(workspace), state(), false);
  });
  window.kodefagBlocks.workspace = workspace;
  return { code: () => generate(workspace), state, resize: () => Blockly.svgResize(workspace) };
}

window.kodefagBlocks = { mount, generate: (state) => {
  const headless = new Blockly.Workspace();
  Blockly.serialization.workspaces.load(state, headless);
  const code = generate(headless);
  headless.dispose();
  return code;
} };
