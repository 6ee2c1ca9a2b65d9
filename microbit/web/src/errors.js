// Danish explanations of MicroPython errors, with the pupil's file and line
// (the same wording as kodefag.microbit.simulator.errors uses for the server's runs).
const EXPLAIN = [
  [/^NameError: name '([^']+)'/, (m) => `Navnet '${m[1]}' er ikke defineret. Har du stavet det rigtigt, og har du skrevet 'from microbit import *'?`],
  [/^ImportError: no module named '([^']+)'/, (m) => `Modulet '${m[1]}' findes ikke på micro:bit.`],
  [/^SyntaxError/, () => "Python forstår ikke linjen. Mangler der et kolon, en parentes eller et anførselstegn?"],
  [/^IndentationError/, () => "Linjen er rykket forkert ind. Linjer i samme blok skal starte lige langt inde."],
  [/^AttributeError: .*has no attribute '([^']+)'/, (m) => `'${m[1]}' findes ikke her. Tjek stavningen.`],
  [/^ZeroDivisionError/, () => "Der bliver divideret med nul."],
  [/^IndexError/, () => "Der bruges en plads (et indeks), som ikke findes i listen eller teksten."],
  [/^TypeError/, () => "En værdi har den forkerte type (fx tekst, hvor der skal være et tal)."],
  [/^ValueError/, () => "En værdi er ugyldig (fx et tal uden for det tilladte)."],
  [/^MemoryError/, () => "Programmet bruger for meget hukommelse."],
  [/^RuntimeError: maximum recursion/, () => "En funktion kalder sig selv for mange gange."],
];

// -> { text, file, line }: the Danish message and the pupil's own file and line (innermost), if any
export function danishError(traceback) {
  const lines = String(traceback).trim().split("\n");
  const last = lines[lines.length - 1].replace(/^PythonError: /, "");
  let where = "", file = null, line = null;
  for (const text of lines) {
    const match = /File "([^"]+)", line (\d+)/.exec(text);
    if (match && !match[1].startsWith("/lib/") && match[1] !== "<stdin>") {
      [file, line] = [match[1], Number(match[2])];
      where = file === "main.py" ? ` (linje ${line})` : ` (${file}, linje ${line})`;
    }
  }
  for (const [pattern, explain] of EXPLAIN) {
    const match = pattern.exec(last);
    if (match) return { text: `Fejl${where}: ${explain(match)}`, file, line };
  }
  return { text: `Fejl${where}: programmet stoppede (${last}).`, file, line };
}
