// The pupil's editor page (teacher_portal/templates/editor.html): CodeMirror 6 with one
// tab per file, saved on the server while the pupil works; blocks (blocks.js) for
// grades 3-5; the touchable simulator (sim.js); Aflever, Hent .hex and Send til micro:bit.
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, highlightSpecialChars } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { indentOnInput, indentUnit, syntaxHighlighting, defaultHighlightStyle, bracketMatching } from "@codemirror/language";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { Simulator } from "./sim.js";

const MAIN = "main.py";
const SAVE_DELAY_MS = 800;
const DANISH = {
  "Find": "Find", "Replace": "Erstat", "next": "næste", "previous": "forrige", "all": "alle",
  "match case": "store og små bogstaver", "regexp": "regulært udtryk", "by word": "hele ord",
  "replace": "erstat", "replace all": "erstat alle", "close": "luk", "Go to line": "Gå til linje", "go": "gå",
  "current match": "nuværende fund", "on line": "på linje", "Selection deleted": "Markeringen er slettet",
  "Control character": "Kontroltegn", "Folded lines": "Foldede linjer", "Unfolded lines": "Udfoldede linjer",
  "folded code": "foldet kode", "unfold": "fold ud", "Completions": "Forslag",
  "replaced match on line $": "erstattede fundet på linje $", "replaced $ matches": "erstattede $ fund",
};

const config = JSON.parse(document.getElementById("projekt").textContent);
const project = config.project;
const page = {
  files: { ...project.files },
  blocks: project.blocks || null,
  mode: project.mode,
  active: MAIN,
  states: {},
  view: null,
  blockEditor: null,
  saveTimer: null,
  saving: Promise.resolve(),
  problems: [], // [{ file, line, severity: "fejl" | "advarsel", message }] from the checker or the simulator
};

function say(text, isError) {
  const line = document.getElementById("besked");
  line.textContent = text;
  line.className = "besked" + (isError ? " fejl" : text ? " ok" : "");
}

function post(url, body) {
  return fetch(url, {
    method: "POST", credentials: "same-origin", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrf },
  }).then((response) => response.json().catch(() => ({ ok: false, message: "Serveren svarede ikke. Prøv igen." })));
}

// ---------------------------------------------------------------- saving
function projectBody() {
  return { files: page.files, blocks: page.blocks, mode: page.mode };
}

function showSaved(text, isError) {
  const status = document.getElementById("gemt");
  status.textContent = text;
  status.classList.toggle("fejl", !!isError);
}

function saveNow() {
  clearTimeout(page.saveTimer);
  page.saveTimer = null;
  showSaved("Gemmer ...");
  page.saving = post(config.save, projectBody()).then((answer) => {
    if (answer.ok) {
      const time = new Date().toLocaleTimeString("da-DK", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen" });
      showSaved("Gemt kl. " + time);
    } else {
      showSaved("Ikke gemt: " + answer.message, true);
    }
    return answer;
  }).catch(() => { showSaved("Ikke gemt. Tjek netværket.", true); return { ok: false }; });
  return page.saving;
}

function changed() {
  showSaved("Ikke gemt endnu");
  clearTimeout(page.saveTimer);
  page.saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden" && page.saveTimer) {
    fetch(config.save, { method: "POST", keepalive: true, credentials: "same-origin", body: JSON.stringify(projectBody()),
      headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrf } });
  }
});

// ---------------------------------------------------------------- the code editor
function editorState(name, text) {
  return EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(), lintGutter(), highlightSpecialChars(), history(), drawSelection(), indentOnInput(), bracketMatching(),
      closeBrackets(), highlightActiveLine(), highlightSelectionMatches(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      python(), indentUnit.of("    "), EditorState.tabSize.of(4),
      EditorState.phrases.of(DANISH),
      keymap.of([indentWithTab, ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap]),
      EditorView.contentAttributes.of({ "aria-label": "Kode: " + name }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          page.files[name] = update.state.doc.toString();
          page.problems = page.problems.filter((p) => p.file !== name);
          changed();
        }
      }),
    ],
  });
}

function openFile(name) {
  if (page.view) page.states[page.active] = page.view.state;
  page.active = name;
  const state = page.states[name] || editorState(name, page.files[name]);
  if (page.view) page.view.setState(state);
  else page.view = new EditorView({ state, parent: document.getElementById("editor") });
  drawTabs();
  showProblems();
}

// The checker's findings and the simulator's error, marked on their lines in the editor.
function showProblems() {
  if (!page.view) return;
  const doc = page.view.state.doc;
  const marks = page.problems.filter((p) => p.file === page.active && p.line >= 1 && p.line <= doc.lines)
    .map((p) => ({ from: doc.line(p.line).from, to: doc.line(p.line).to,
      severity: p.severity === "advarsel" ? "warning" : "error", message: p.message }));
  page.view.dispatch(setDiagnostics(page.view.state, marks));
}

function setProblems(problems) {
  page.problems = problems;
  showProblems();
}

function drawTabs() {
  const bar = document.getElementById("filer");
  const tools = document.getElementById("fil-knapper");
  bar.replaceChildren();
  tools.replaceChildren();
  const names = [MAIN, ...Object.keys(page.files).filter((n) => n !== MAIN).sort()];
  for (const name of names) {
    const tab = document.createElement("button");
    tab.type = "button";
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-selected", String(name === page.active));
    tab.textContent = name;
    tab.addEventListener("click", () => openFile(name));
    bar.append(tab);
  }
  const add = document.createElement("button");
  add.type = "button";
  add.className = "ny-fil secondary";
  add.textContent = "+ Ny fil";
  add.addEventListener("click", newFile);
  tools.append(add);
  if (page.active !== MAIN) {
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "slet-fil secondary";
    remove.textContent = "Slet " + page.active;
    remove.addEventListener("click", deleteFile);
    tools.append(remove);
  }
}

function newFile() {
  let name = (window.prompt("Hvad skal den nye fil hedde? (fx hjaelp.py)") || "").trim().toLowerCase();
  if (!name) return;
  if (!name.endsWith(".py")) name += ".py";
  if (!/^[a-z_][a-z0-9_]{0,30}\.py$/.test(name)) {
    say("Filnavnet kan ikke bruges. Brug små bogstaver, tal og _ (fx hjaelp.py).", true);
    return;
  }
  if (page.files[name] !== undefined) { openFile(name); return; }
  page.files[name] = "# " + name + ": brug den i main.py med  import " + name.slice(0, -3) + "\n";
  openFile(name);
  changed();
}

function deleteFile() {
  const name = page.active;
  if (name === MAIN || !window.confirm("Vil du slette " + name + "?")) return;
  delete page.files[name];
  delete page.states[name];
  openFile(MAIN);
  changed();
}

// ---------------------------------------------------------------- blocks and Python
function setMode(mode) {
  page.mode = mode;
  const blocksArea = document.getElementById("blokke-omraade");
  const pythonArea = document.getElementById("python-omraade");
  if (!blocksArea) { pythonArea.hidden = false; return; }
  blocksArea.hidden = mode !== "blokke";
  pythonArea.hidden = mode === "blokke";
  document.getElementById("vis-blokke").setAttribute("aria-selected", String(mode === "blokke"));
  document.getElementById("vis-python").setAttribute("aria-selected", String(mode !== "blokke"));
  if (mode === "blokke" && page.blockEditor === null) {
    page.blockEditor = window.kodefagBlocks.mount(document.getElementById("blokke"), page.blocks, blocksChanged,
      config.blocklyMedia);
    blocksChanged(page.blockEditor.code(), page.blockEditor.state(), true);
  }
  if (mode === "blokke" && page.blockEditor) page.blockEditor.resize();
  if (mode !== "blokke") {
    // main.py now holds the blocks' code: start its editor from that text
    page.active = MAIN;
    page.states[MAIN] = editorState(MAIN, page.files[MAIN]);
    page.view.setState(page.states[MAIN]);
    drawTabs();
  }
}

function blocksChanged(code, state, first) {
  document.getElementById("blok-kode").textContent = code;
  page.blocks = state;
  if (page.files[MAIN] !== code) {
    page.files[MAIN] = code;
    if (!first) changed();
  }
}

function toPython() {
  if (page.mode !== "blokke") return;
  setMode("python");
  say("Nu er dit program Python-kode. Du kan skrive videre på det her.");
  changed();
}

function toBlocks() {
  if (page.mode === "blokke") return;
  if (!page.blocks) { say("Der er ingen blokke til dette program.", true); return; }
  if (!window.confirm("Blokkene viser dit blokprogram. Det, du har skrevet i Python, forsvinder. Vil du det?")) {
    document.getElementById("vis-python").focus();
    return;
  }
  setMode("blokke");
  changed();
}

// ---------------------------------------------------------------- run, hand in, hex
function currentFiles() {
  // in blocks mode main.py is the blocks' code; the code editor holds an older copy
  if (page.view && page.mode !== "blokke") page.files[page.active] = page.view.state.doc.toString();
  return { ...page.files };
}

const simulator = Simulator.available() ? new Simulator(config, {
  say,
  problem: (file, line, text) => {
    if (page.mode === "blokke") return;
    setProblems([{ file, line, severity: "fejl", message: text }]);
    if (file !== page.active && page.files[file] !== undefined) openFile(file);
  },
  running: (running) => {
    document.getElementById("koer").disabled = running;
    document.getElementById("stop").disabled = !running;
  },
}) : null;

function run() {
  if (simulator === null) {
    say("Denne browser kan ikke køre simulatoren. Brug 'Kør med tastet input' nedenfor.", true);
    return;
  }
  const files = currentFiles();
  if (page.mode === "blokke") { start(files); return; } // blocks always make valid Python
  say("Tjekker programmet ...");
  post(config.check, hexBody()).then((answer) => {
    const problems = answer.problems || [];
    setProblems(problems);
    const errors = problems.filter((p) => p.severity === "fejl");
    if (errors.length) {
      const first = errors[0];
      say(`Fejl (${first.file === MAIN ? "" : first.file + ", "}linje ${first.line}): ${first.message}`, true);
      if (first.file !== page.active && page.files[first.file] !== undefined) openFile(first.file);
      return;
    }
    start(files);
  }).catch(() => start(files));
}

function start(files) {
  say("Starter ...");
  simulator.run(files).catch(() => say("Simulatoren kunne ikke starte. Genindlæs siden.", true));
}

function showResult(html) {
  const box = document.getElementById("resultat-boks");
  box.innerHTML = html;
  box.hidden = false;
}

function waitForResult() {
  fetch(config.result, { credentials: "same-origin" }).then((r) => r.json()).then((answer) => {
    if (answer.html) showResult(answer.html);
    if (answer.state === "submitted" || answer.state === "grading") setTimeout(waitForResult, 1500);
  }).catch(() => setTimeout(waitForResult, 3000));
}

function handIn() {
  const button = document.getElementById("aflever");
  button.disabled = true;
  say("Afleverer ...");
  showResult("<h2 id=\"resultat\">Din seneste aflevering</h2><p>Afleverer ...</p>");
  clearTimeout(page.saveTimer);
  post(config.handIn, { ...projectBody(), files: currentFiles() }).then((answer) => {
    say(answer.message, !answer.ok);
    if (answer.ok) { showSaved("Gemt"); waitForResult(); }
  }).finally(() => { button.disabled = false; });
}

function hexBody() {
  const files = currentFiles();
  const modules = { ...files };
  delete modules[MAIN];
  return { code: files[MAIN], modules, lesson: config.lesson };
}

function downloadHex() {
  say("Bygger .hex-filen ...");
  post(config.hex, hexBody()).then((answer) => {
    if (!answer.ok) { say(answer.report, true); return; }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([answer.hex], { type: "application/octet-stream" }));
    link.download = answer.filename;
    link.click();
    say("Filen er hentet. Træk den over på drevet MICROBIT.");
  });
}

function sendUsb() {
  if (!window.kodefagMicrobit) { say("Send-funktionen er ikke klar. Brug Hent .hex.", true); return; }
  say("Bygger programmet ...");
  post(config.hex, hexBody()).then((answer) => {
    if (!answer.ok) { say(answer.report, true); return undefined; }
    say("Vælg din micro:bit i vinduet, der åbner ...");
    return window.kodefagMicrobit.sendToMicrobit(answer.hex, (stage, percent) => {
      say("Sender til micro:bit ... " + Math.round(percent || 0) + " %");
    }).then(() => say("Sendt! Dit program kører nu på micro:bit."));
  }).catch((error) => say("Kunne ikke sende til micro:bit (" + (error && error.message || "ukendt fejl") +
    "). Tjek kablet, eller brug Hent .hex.", true));
}

function scriptedRun() {
  const out = document.getElementById("script-resultat");
  out.textContent = "Kører ...";
  const body = { ...hexBody(), seconds: 10, inputs: document.getElementById("sim-inputs").value };
  post(config.simulate, body).then((queued) => {
    if (!queued.poll) throw new Error(queued.error || "");
    const poll = () => fetch(queued.poll, { credentials: "same-origin" }).then((r) => r.json()).then((data) =>
      (data.state === "done" || data.error) ? data : new Promise((ok) => setTimeout(ok, 400)).then(poll));
    return poll();
  }).then((data) => {
    const shown = (data.display_events || []).filter((e) => e.kind !== "frame")
      .map((e) => (e.ms / 1000).toFixed(1) + " s: " + e.value);
    out.textContent = (data.error ? data.error + "\n" : "") +
      (shown.length ? "Skærmen: " + shown.join(" | ") + "\n" : "") + "Udskrift:\n" + (data.serial || "");
  }).catch((error) => { out.textContent = error.message || "Simulatoren svarede ikke. Prøv igen."; });
}

function startOver() {
  if (!window.confirm("Vil du starte forfra? Dit program bliver slettet (det, du har afleveret, bliver gemt).")) return;
  clearTimeout(page.saveTimer);
  page.saveTimer = null;
  post(config.startOver, {}).then((answer) => {
    if (answer.ok) window.location.reload();
    else say("Det lykkedes ikke at starte forfra. Prøv igen.", true);
  });
}

// ---------------------------------------------------------------- start
document.getElementById("forfra").addEventListener("click", startOver);
document.getElementById("koer").addEventListener("click", run);
document.getElementById("stop").addEventListener("click", () => { if (simulator) { simulator.stop(); say("Stoppet."); } });
document.getElementById("aflever").addEventListener("click", handIn);
document.getElementById("hent-hex").addEventListener("click", downloadHex);
document.getElementById("koer-script").addEventListener("click", scriptedRun);
const usb = "usb" in navigator && !!navigator.usb;
document.getElementById("send-usb").hidden = !usb;
document.getElementById("send-usb").addEventListener("click", sendUsb);
document.getElementById("fallback-help").hidden = usb;
if (document.getElementById("vis-blokke")) {
  document.getElementById("vis-blokke").addEventListener("click", toBlocks);
  document.getElementById("vis-python").addEventListener("click", toPython);
  document.getElementById("til-python").addEventListener("click", toPython);
}
openFile(MAIN);
setMode(config.blocks ? page.mode : "python");
document.body.dataset.editorKlar = "ja";
