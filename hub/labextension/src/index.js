// kodefag for pupils, inside JupyterLab: "Mine aktiviteter" and the notebook buttons
// Tjek, Aflever, Start forfra (and Spil for games). Every text is Danish and written for
// a 10-12-year-old. The work happens in the pupil server's /kodefag/ handlers
// (kodefag.hub.pupil_server); this file only shows and clicks.
import { ILayoutRestorer } from '@jupyterlab/application';
import { Dialog, MainAreaWidget, ToolbarButton, showDialog } from '@jupyterlab/apputils';
import { URLExt } from '@jupyterlab/coreutils';
import { ILauncher } from '@jupyterlab/launcher';
import { NotebookActions } from '@jupyterlab/notebook';
import { ServerConnection } from '@jupyterlab/services';
import { Widget } from '@lumino/widgets';

const PANEL_ID = 'kodefag-mine-aktiviteter';
const OPEN_COMMAND = 'kodefag:mine-aktiviteter';
const FALLBACK_ERROR = 'Der skete en fejl. Prøv igen om lidt, eller sig det til din lærer.';

/** Call the pupil server's kodefag API; a refusal becomes an Error with a Danish message. */
async function api(path, body) {
  const settings = ServerConnection.makeSettings();
  const init = body === undefined ? { method: 'GET' } : { method: 'POST', body: JSON.stringify(body) };
  let response;
  try {
    response = await ServerConnection.makeRequest(URLExt.join(settings.baseUrl, 'kodefag', path), init, settings);
  } catch (error) {
    throw new Error('Kunne ikke få forbindelse til din Jupyter. Prøv igen om lidt.');
  }
  let data = {};
  try {
    data = await response.json();
  } catch (error) {
    data = {};
  }
  if (!response.ok) {
    throw new Error(data.fejl || FALLBACK_ERROR);
  }
  return data;
}

/** A small DOM helper: el('p', {class: 'x'}, 'text', child, ...). */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === 'onclick') {
      node.addEventListener('click', value);
    } else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function points(score, max) {
  const show = value => String(Math.round(value * 10) / 10).replace('.', ',');
  return `${show(score)} af ${show(max)} point`;
}

/** Per-exercise lines: a mark, the exercise's name, and what is right or wrong. */
function exerciseList(exercises, label) {
  const list = el('ul', { class: 'kodefag-opgaver', 'aria-label': label });
  for (const exercise of exercises) {
    const graded = exercise.score !== null && exercise.score !== undefined;
    // passed null: an answer the teacher reads (Tjek), or points the teacher still has to give
    const waiting = exercise.passed === null || (!exercise.passed && !graded && exercise.max_score);
    const mark = waiting ? '…' : exercise.passed ? '✔' : '✘';
    const score = graded ? ` (${points(exercise.score, exercise.max_score)})` : '';
    const fallback = waiting ? 'Din lærer retter den.' : exercise.passed ? 'Rigtigt!'
      : graded && exercise.score > 0 ? 'Noget af det er rigtigt.' : 'Ikke rigtigt endnu. Tryk Tjek for at se hvorfor.';
    list.append(el('li', { class: waiting ? 'kodefag-venter' : exercise.passed ? 'kodefag-rigtigt' : 'kodefag-forkert' },
      el('span', { 'aria-hidden': 'true' }, mark + ' '),
      el('strong', {}, exercise.name + score + ':'), ' ',
      exercise.message || fallback));
  }
  return list;
}

/** The "Mine aktiviteter" page: every released activity, one click to open it. */
class ActivitiesPanel extends Widget {
  constructor(app) {
    super();
    this.app = app;
    this.id = PANEL_ID;
    this.title.label = 'Mine aktiviteter';
    this.title.closable = true;
    this.addClass('kodefag-aktiviteter');
    this.node.setAttribute('lang', 'da');
    this.node.append(
      el('h1', {}, 'Mine aktiviteter'),
      el('p', { class: 'kodefag-hjaelp' }, 'Klik på en aktivitet for at åbne den.'),
      (this.statusLine = el('p', { role: 'status', class: 'kodefag-status' })),
      (this.list = el('ul', { class: 'kodefag-liste' })),
      el('button', { class: 'jp-mod-styled kodefag-opdater', onclick: () => this.refresh() }, 'Opdater listen')
    );
  }

  onAfterShow() {
    this.refresh();
  }

  onAfterAttach() {
    this.refresh();
  }

  async refresh() {
    this.statusLine.textContent = 'Henter dine aktiviteter ...';
    try {
      const data = await api('aktiviteter');
      this.render(data.aktiviteter || []);
      this.statusLine.textContent = '';
    } catch (error) {
      this.statusLine.textContent = error.message;
    }
  }

  render(activities) {
    this.list.replaceChildren();
    if (!activities.length) {
      this.list.append(el('li', {}, 'Du har ingen aktiviteter endnu. Din lærer frigiver dem, når I skal i gang.'));
      return;
    }
    for (const activity of activities) {
      this.list.append(this.card(activity));
    }
  }

  card(activity) {
    const problem = el('div', { class: 'kodefag-problem', role: 'alert' });
    const item = el('li', { class: 'kodefag-kort', 'data-activity': activity.activity_id },
      el('h2', {},
        el('button', {
          class: 'kodefag-aabn', onclick: () => this.open(activity, problem),
          'aria-describedby': `kodefag-om-${activity.id}`
        }, activity.title)),
      el('p', { id: `kodefag-om-${activity.id}`, class: 'kodefag-om' },
        el('span', { class: 'kodefag-art' }, activity.kind_label), ' · ',
        el('span', { class: `kodefag-tilstand kodefag-tilstand-${activity.status}` }, activity.status_label),
        activity.score !== null && activity.score !== undefined ? ` · ${points(activity.score, activity.max_score)}` : '',
        activity.deadline_text ? ` · Afleveres senest ${activity.deadline_text}` : ''),
      activity.handed_in_text
        ? el('p', { class: 'kodefag-afleveret' }, `Afleveret ${activity.handed_in_text}`,
          activity.late ? el('strong', { class: 'kodefag-for-sent' }, ' (for sent)') : '')
        : null,
      activity.exercises && activity.exercises.length
        ? exerciseList(activity.exercises, `Point for hver opgave i ${activity.title}`) : null,
      activity.teacher_comment
        ? el('p', { class: 'kodefag-kommentar' }, el('strong', {}, 'Din lærer skriver: '), activity.teacher_comment)
        : null,
      activity.feedback_url
        ? el('p', {}, el('a', { class: 'kodefag-tilbagemelding', href: activity.feedback_url, target: '_blank', rel: 'noopener' },
          'Se tilbagemelding', el('span', { class: 'kodefag-skjult' }, ` på ${activity.title} (åbner en ny fane)`)))
        : null,
      problem);
    return item;
  }

  async open(activity, problem) {
    problem.replaceChildren();
    this.statusLine.textContent = `Åbner ${activity.title} ...`;
    try {
      const result = await api('aabn', { id: activity.id });
      if (result.problem) {
        problem.append(el('p', {}, result.problem),
          el('button', { class: 'jp-mod-styled', onclick: () => this.startOver(activity, problem) }, 'Start forfra'));
        this.statusLine.textContent = '';
        return;
      }
      await openResult(this.app, result);
      this.statusLine.textContent = '';
    } catch (error) {
      this.statusLine.textContent = '';
      problem.append(el('p', {}, error.message));
    }
  }

  async startOver(activity, problem) {
    try {
      const result = await api('forfra', { id: activity.id });
      problem.replaceChildren();
      await openResult(this.app, result);
      await tell('Start forfra', el('p', {}, result.besked));
    } catch (error) {
      problem.replaceChildren(el('p', {}, error.message));
    }
  }
}

/** Open what the server says: a page in a new tab, or files (and a folder) in JupyterLab. */
async function openResult(app, result) {
  if (result.url) {
    window.open(result.url, '_blank', 'noopener');
    return;
  }
  if (result.mappe) {
    try {
      await app.commands.execute('filebrowser:go-to-path', { path: '/' + result.mappe });
    } catch (error) {
      // the file browser is a help, not a must
    }
  }
  for (const path of result.aabn || []) {
    await app.commands.execute('docmanager:open', { path });
  }
}

function messageBody(lines) {
  return new Widget({ node: el('div', { class: 'kodefag-besked', lang: 'da' }, ...lines) });
}

async function tell(title, ...lines) {
  await showDialog({ title, body: messageBody(lines), buttons: [Dialog.okButton({ label: 'OK' })] });
}

/**
 * A toolbar button that does something once (never a toggle). JupyterLab's ToolbarButton flips a
 * "pressed" state on every click and writes aria-pressed onto its <jp-button>, which is no toggle
 * button: screen readers would say "pressed" after Tjek, and axe-core reports the attribute.
 */
class ActionButton extends ToolbarButton {
  get pressed() {
    return undefined;
  }

  set pressed(value) {
    // an action has no pressed state
  }
}

/** The game's picture (an ipywidgets Image, which has no alt text of its own) gets one when it appears. */
function describeGame(panel) {
  const observer = new MutationObserver(() => {
    for (const picture of panel.node.querySelectorAll('img.kodefag-spil:not([alt])')) {
      picture.alt = 'Dit spil. Hold musen over spillet, og brug piletasterne.';
    }
  });
  observer.observe(panel.node, { childList: true, subtree: true });
  panel.disposed.connect(() => observer.disconnect());
}

/** JupyterLab drops a run asked for before the notebook has its kernel: the cell stays "[ ]" and the
 * cursor moves on, so a pupil's first Shift+Enter right after opening did nothing. Until the kernel
 * is there the notebook takes no clicks or keys, and says so. */
const KERNEL_WAIT_MS = 120000;

/** How many notebooks are waiting for their kernel (waitForKernel). */
let startingNotebooks = 0;

function waitForKernel(panel) {
  const notebook = panel.content.node;
  notebook.inert = true;
  notebook.setAttribute('aria-busy', 'true');
  // the note stands in for JupyterLab's kernel name, which says "No Kernel" in English until then
  // (in the notebook's toolbar and in the status bar: style/index.css)
  panel.addClass('kodefag-venter');
  startingNotebooks += 1;
  document.body.classList.add('kodefag-python-starter');
  const note = new Widget({ node: el('span', { class: 'kodefag-starter', role: 'status' }, 'Python starter ...') });
  panel.toolbar.addItem('kodefag-starter', note);
  // never for ever: a kernel that does not come leaves the notebook usable (Lab shows its own message)
  const patience = new Promise(resolve => setTimeout(resolve, KERNEL_WAIT_MS));
  Promise.race([panel.sessionContext.ready, patience]).catch(() => undefined).then(() => {
    notebook.inert = false;
    notebook.removeAttribute('aria-busy');
    panel.removeClass('kodefag-venter');
    startingNotebooks -= 1;
    if (!startingNotebooks) {
      document.body.classList.remove('kodefag-python-starter');
    }
    note.dispose();
  });
}

/** Tjek, Aflever, Start forfra (and Spil) in the toolbar of an activity's notebook. */
class ActivityButtons {
  constructor(app) {
    this.app = app;
  }

  createNew(panel, context) {
    const items = [];
    waitForKernel(panel);
    // JupyterLab names the toolbar before its translations load ("main area toolbar")
    panel.toolbar.node.setAttribute('aria-label', 'Notesbogens knapper');
    context.ready.then(async () => {
      let info;
      try {
        info = await api('aktivitet?' + new URLSearchParams({ path: context.path }));
      } catch (error) {
        return; // not an activity: an ordinary notebook keeps its ordinary toolbar
      }
      const handedIn = el('span', { class: 'kodefag-afleveret-tid', role: 'status' },
        info.handed_in_text ? `Afleveret kl. ${info.handed_in_text.split(' kl. ').pop()}` + (info.late ? ' (for sent)' : '') : '');
      const buttons = [];
      if (info.kind === 'pgzero') {
        describeGame(panel);
        buttons.push(['kodefag-spil', 'Spil', 'Start spillet (klik på spillet, så virker piletasterne)',
          () => this.play(panel)]);
      }
      buttons.push(
        ['kodefag-tjek', 'Tjek', 'Se hvad der er rigtigt, og hvad der mangler', () => this.check(panel, context)],
        ['kodefag-aflever', 'Aflever', 'Aflever til din lærer', () => this.handIn(panel, context, info, handedIn)],
        ['kodefag-forfra', 'Start forfra', 'Få en ny kopi. Den gamle bliver gemt', () => this.startOver(panel, context)]);
      let index = 10;
      for (const [name, label, tooltip, onClick] of buttons) {
        const button = new ActionButton({ className: name, label, tooltip, onClick });
        panel.toolbar.insertItem(index++, name, button);
        items.push(button);
      }
      const status = new Widget({ node: handedIn });
      panel.toolbar.insertItem(index, 'kodefag-afleveret', status);
      items.push(status);
    });
    return { dispose: () => items.forEach(item => item.dispose()), isDisposed: false };
  }

  async play(panel) {
    // a click before the kernel has started would run nothing: wait for it, then run the game's cells
    await panel.sessionContext.ready;
    await NotebookActions.runAll(panel.content, panel.sessionContext);
  }

  async check(panel, context) {
    try {
      await context.save();
      const result = await api('tjek', { path: context.path });
      await tell('Tjek', el('p', { class: 'kodefag-resultat' }, result.opsummering),
        exerciseList(result.opgaver || [], 'Resultat for hver opgave'));
    } catch (error) {
      await tell('Tjek', el('p', {}, error.message));
    }
  }

  async handIn(panel, context, info, handedIn) {
    const answer = await showDialog({
      title: 'Aflever',
      body: messageBody([el('p', {}, `Vil du aflevere ${info.title} nu?`),
        el('p', {}, 'Du kan godt aflevere igen senere. Din lærer ser den nyeste.')]),
      buttons: [Dialog.cancelButton({ label: 'Fortryd' }), Dialog.okButton({ label: 'Aflever' })]
    });
    if (!answer.button.accept) {
      return;
    }
    try {
      await context.save();
      const result = await api('aflever', { path: context.path });
      handedIn.textContent = 'Afleveret ' + result.kort;
      await tell('Afleveret', el('p', {}, result.besked));
    } catch (error) {
      await tell('Aflever', el('p', {}, error.message));
    }
  }

  async startOver(panel, context) {
    const answer = await showDialog({
      title: 'Start forfra',
      body: messageBody([el('p', {}, 'Vil du starte forfra med en ny kopi?'),
        el('p', {}, 'Din gamle udgave bliver gemt som en kopi, så du ikke mister noget.')]),
      buttons: [Dialog.cancelButton({ label: 'Fortryd' }), Dialog.okButton({ label: 'Start forfra' })]
    });
    if (!answer.button.accept) {
      return;
    }
    try {
      if (context.model.dirty) {
        await context.save();
      }
    } catch (error) {
      // a notebook that cannot be saved is still moved aside as it is on disk
    }
    const path = context.path;
    panel.close();
    try {
      const result = await api('forfra', { path });
      await openResult(this.app, result);
      await tell('Start forfra', el('p', {}, result.besked));
    } catch (error) {
      await tell('Start forfra', el('p', {}, error.message));
    }
  }
}


/**
 * Danish names for JupyterLab's side-bar panels. JupyterLab names them (tab tooltip, region label
 * "... Section") while its plugins activate, before the Danish language pack has loaded, so the
 * pupil would meet "File Browser" and screen readers would read English. Keyed by widget id.
 */
const SIDE_PANELS = {
  'filebrowser': 'Filoversigt',
  'jp-running-sessions': 'Kørende programmer',
  'table-of-contents': 'Indholdsfortegnelse',
  'extensionmanager.main-view': 'Udvidelser',
  'jp-property-inspector': 'Egenskaber',
  'jp-debugger-sidebar': 'Fejlfinding'
};

function daniseSideBars(app) {
  for (const area of ['left', 'right']) {
    for (const widget of app.shell.widgets(area)) {
      const name = SIDE_PANELS[widget.id];
      if (!name) {
        continue;
      }
      // JupyterLab rewrites the caption (with its shortcut) when key bindings change: follow it
      const rename = () => {
        const keys = /\(([^()]*)\)$/.exec(widget.title.caption);
        widget.title.caption = keys ? `${name} (${keys[1]})` : name; // no signal when unchanged
      };
      widget.title.changed.connect(rename);
      rename();
      widget.title.dataset = { ...widget.title.dataset, jpTabLabel: name };
      if (widget.node.hasAttribute('aria-label')) {
        widget.node.setAttribute('aria-label', name);
      }
    }
  }
  // the side bars themselves ("main sidebar", "alternate sidebar"), likewise named too early
  for (const bar of document.querySelectorAll('.jp-SideBar')) {
    const label = bar.classList.contains('jp-mod-left') ? 'Venstre sidebjælke' : 'Højre sidebjælke';
    bar.setAttribute('aria-label', label);
    bar.querySelector('.lm-TabBar-content')?.setAttribute('aria-label', label);
  }
}

/**
 * Upstream accessibility gaps on JupyterLab's own parts, mended in the page so that axe-core
 * (and a screen reader) finds every control named and every role whole:
 * - a CodeMirror editor (role textbox) has no name: "Kode i celle 3" / "Tekst i celle 2";
 * - the notebook's cell list has role "feed" but its cells have no role: they become articles;
 * - a Markdown heading's fold button has no text: a Danish aria-label;
 * - JupyterLab's toolbar buttons (<jp-button>, no role of their own) carry aria-pressed, which
 *   is not allowed there (axe aria-allowed-attr): removed.
 * A MutationObserver, because cells and buttons are drawn (and redrawn) long after a panel opens.
 */
function mendAccessibility(root) {
  for (const cell of root.querySelectorAll('.jp-Notebook .jp-Cell')) {
    // its place among the drawn cells (JupyterLab draws them all unless windowing is set to "full")
    const siblings = cell.parentElement ? Array.from(cell.parentElement.children) : [cell];
    const number = siblings.filter(node => node.classList.contains('jp-Cell')).indexOf(cell) + 1;
    if (cell.getAttribute('role') !== 'article') {
      cell.setAttribute('role', 'article');
    }
    const label = `Celle ${number}`;
    if (cell.getAttribute('aria-label') !== label) {
      cell.setAttribute('aria-label', label);
    }
    const kind = cell.classList.contains('jp-CodeCell') ? 'Kode' : 'Tekst';
    for (const editor of cell.querySelectorAll('.cm-content:not([aria-label])')) {
      editor.setAttribute('aria-label', `${kind} i celle ${number}`);
    }
  }
  for (const editor of root.querySelectorAll('.cm-content:not([aria-label])')) {
    editor.setAttribute('aria-label', 'Kode'); // an editor outside a notebook (a .py file)
  }
  for (const button of root.querySelectorAll('.jp-collapseHeadingButton')) {
    const label = button.classList.contains('jp-mod-collapsed') ? 'Fold afsnittet ud' : 'Fold afsnittet sammen';
    if (button.getAttribute('aria-label') !== label) {
      button.setAttribute('aria-label', label);
    }
  }
  for (const button of root.querySelectorAll('jp-button[aria-pressed]:not([role])')) {
    button.removeAttribute('aria-pressed');
  }
}

function watchAccessibility(root) {
  // mended in the observer's own callback, a microtask: it runs before any other task can read
  // the page (a screen reader's, or axe-core's), so a newly drawn cell is never seen unnamed.
  // (Waiting for the next animation frame left such a window, and a hidden tab gets no frames.)
  // Our own attribute writes only happen when a value changes, so they do not loop.
  const observer = new MutationObserver(() => mendAccessibility(root));
  observer.observe(root, {
    childList: true, subtree: true, attributes: true,
    attributeFilter: ['aria-pressed', 'class', 'aria-label']
  });
  mendAccessibility(root);
}

const plugin = {
  id: '@kodefag/pupil:plugin',
  description: 'Mine aktiviteter, Tjek, Aflever og Start forfra for elever',
  autoStart: true,
  optional: [ILauncher, ILayoutRestorer],
  activate: (app, launcher) => {
    let panel = null;
    app.commands.addCommand(OPEN_COMMAND, {
      label: 'Mine aktiviteter',
      caption: 'Se og åbn dine aktiviteter',
      execute: () => {
        if (!panel || panel.isDisposed) {
          const content = new ActivitiesPanel(app);
          panel = new MainAreaWidget({ content });
          panel.id = PANEL_ID + '-side';
          panel.title.label = 'Mine aktiviteter';
          panel.title.closable = true;
        }
        if (!panel.isAttached) {
          app.shell.add(panel, 'main', { activate: true });
        }
        app.shell.activateById(panel.id);
        return panel;
      }
    });
    if (launcher) {
      launcher.add({ command: OPEN_COMMAND, category: 'kodefag', rank: 0 });
    }
    app.docRegistry.addWidgetExtension('Notebook', new ActivityButtons(app));
    // JupyterLab names this file type before its translations are loaded: say it in Danish
    const python = app.docRegistry.getFileType('python');
    if (python) {
      python.displayName = 'Python-fil';
    }
    app.restored.then(() => {
      daniseSideBars(app);
      watchAccessibility(document.body);
      // the pupil lands in Mine aktiviteter after login
      return app.commands.execute(OPEN_COMMAND);
    });
  }
};

export default plugin;
