// The playground page: the catalog grouped by workshop; a lesson shows its steps beside an editor of the scenario and
// its manifests, runs in a Web Worker (progress, Stop), and shows the CLI's text, the charts and an --explain trace.
// State lives in the URL fragment (#lesson=NAME or #s=SHARED), so a link reproduces an edited lesson.
import { basicSetup, EditorView } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import {
  CATALOG,
  lessonFiles,
  lessonSteps,
  type CatalogEntry,
  type LessonFiles,
  type PlaygroundInput,
  type PlaygroundOutput,
} from './engine.js';
import { decodeShare, encodeShare } from './share.js';
import type { WorkerMessage } from './worker.js';
import './style.css';

declare const __GWSIM_VERSION__: string;

const app = document.getElementById('app')!;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

function route(): void {
  const frag = location.hash.slice(1);
  const params = new URLSearchParams(frag);
  const shared = params.get('s');
  if (shared !== null) {
    const state = decodeShare(shared);
    const entry = state === null ? undefined : CATALOG.find((e) => e.name === state.name);
    if (state !== null && entry !== undefined)
      return showLesson(entry, { ...lessonFiles(entry), ...state.files }, state.seed);
  }
  const name = params.get('lesson');
  const entry = name === null ? undefined : CATALOG.find((e) => e.name === name);
  if (entry !== undefined) return showLesson(entry, lessonFiles(entry), null);
  showCatalog();
}

function showCatalog(): void {
  const groups = new Map<string, CatalogEntry[]>();
  for (const e of CATALOG) groups.set(e.source, [...(groups.get(e.source) ?? []), e]);
  const sections = [...groups].map(([source, entries]) =>
    h(
      'section',
      { class: 'workshop' },
      h('h2', {}, source.replace(/^\d+: /, '')),
      h(
        'ul',
        {},
        ...entries.map((e) =>
          h(
            'li',
            {},
            h('a', { href: `#lesson=${e.name}`, 'data-lesson': e.name }, e.name),
            ' ',
            h(
              'span',
              { class: e.variantOf === null ? 'kind replay' : 'kind whatif' },
              e.variantOf === null ? 'workshop' : 'what if',
            ),
            h('div', { class: 'title' }, e.title),
          ),
        ),
      ),
    ),
  );
  app.replaceChildren(
    h('p', { class: 'intro' }, 'Pick a workshop or a what-if. Edit it, run it: the simulator runs in this tab.'),
    ...sections,
  );
}

let worker: Worker | null = null;

function showLesson(entry: CatalogEntry, files: LessonFiles, seed: number | null): void {
  const paths = Object.keys(files);
  const states = new Map<string, EditorState>();
  const extensions = [basicSetup, yaml(), lintGutter(), EditorView.lineWrapping];
  for (const p of paths) states.set(p, EditorState.create({ doc: files[p], extensions }));
  let current = paths[0];
  const editorHost = h('div', { class: 'editor' });
  const view = new EditorView({ state: states.get(current)!, parent: editorHost });
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const text = (p: string) => (p === current ? view.state : states.get(p)!).doc.toString();
  const select = (p: string) => {
    states.set(current, view.state);
    current = p;
    view.setState(states.get(p)!);
    for (const b of tabs.querySelectorAll('button')) b.classList.toggle('active', b.dataset.file === p);
  };
  for (const p of paths) {
    const b = h('button', { class: 'file-tab', 'data-file': p, role: 'tab' }, p.split('/').slice(2).join('/'));
    b.onclick = () => select(p);
    tabs.append(b);
  }
  tabs.querySelector('button')!.classList.add('active');

  const steps = h(
    'ol',
    { class: 'steps', start: '0' },
    ...lessonSteps(files[paths[0]]).map((s) => h('li', {}, h('code', {}, s))),
  );
  const seedInput = h('input', {
    id: 'seed',
    type: 'number',
    min: '0',
    step: '1',
    placeholder: 'spec.seed',
    value: seed === null ? '' : String(seed),
  });
  const run = h('button', { id: 'run', class: 'primary' }, 'Run');
  const stop = h('button', { id: 'stop', disabled: '' }, 'Stop');
  const share = h('button', { id: 'share' }, 'Share link');
  const shareLink = h('input', { id: 'share-link', readonly: '', placeholder: 'a link to this lesson as edited' });
  const progress = h('progress', { id: 'progress', max: '1', value: '0' });
  const status = h('span', { id: 'status' });
  const error = h('pre', { id: 'error', hidden: '' });
  const output = h('pre', { id: 'output' });
  const charts = h('div', { id: 'charts' });
  const explainStep = h('select', { id: 'explain-step' });
  const explainN = h('input', { id: 'explain-n', type: 'number', min: '0', value: '0' });
  const explainRun = h('button', { id: 'explain-run' }, 'Explain');
  const explainOut = h('pre', { id: 'explain-out' });
  const explainBox = h(
    'div',
    { id: 'explain', hidden: '' },
    h('h3', {}, 'Explain a request (--explain)'),
    h('label', {}, 'step ', explainStep),
    ' ',
    h('label', {}, 'request ', explainN),
    ' ',
    explainRun,
    explainOut,
  );

  const edited = (): LessonFiles => {
    const orig = lessonFiles(entry);
    const out: LessonFiles = {};
    for (const p of paths) if (text(p) !== orig[p]) out[p] = text(p);
    return out;
  };
  const seedValue = () => (seedInput.value.trim() === '' ? undefined : Number(seedInput.value));
  share.onclick = () => {
    const s = encodeShare({ name: entry.name, seed: seedValue() ?? null, files: edited() });
    const url = `${location.origin}${location.pathname}#s=${s}`;
    history.replaceState(null, '', `#s=${s}`);
    shareLink.value = url;
    shareLink.select();
    void navigator.clipboard?.writeText(url).catch(() => undefined);
  };

  const clearDiagnostics = () => {
    for (const p of paths) states.set(p, p === current ? view.state : states.get(p)!);
    view.dispatch(setDiagnostics(view.state, []));
    for (const p of paths)
      if (p !== current) states.set(p, states.get(p)!.update(setDiagnostics(states.get(p)!, [])).state);
  };

  const start = (explain?: { step: number; n: number }) => {
    worker?.terminate();
    clearDiagnostics();
    error.hidden = true;
    const all: LessonFiles = {};
    for (const p of paths) all[p] = text(p);
    const input: PlaygroundInput = {
      name: entry.name,
      files: all,
      seed: seedValue(),
      explain,
      version: __GWSIM_VERSION__,
    };
    run.disabled = true;
    stop.disabled = false;
    progress.value = 0;
    status.textContent = 'running…';
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    w.onmessage = (e: MessageEvent<WorkerMessage>) => {
      if ('progress' in e.data) {
        progress.value = e.data.progress;
        return;
      }
      w.terminate();
      worker = null;
      run.disabled = false;
      stop.disabled = true;
      progress.value = 1;
      status.textContent = `done in ${(e.data.wallMs / 1000).toFixed(2)} s`;
      show(e.data.output, explain !== undefined);
    };
    w.postMessage(input);
    w.onerror = (e) => {
      run.disabled = false;
      stop.disabled = true;
      status.textContent = 'failed';
      error.hidden = false;
      error.textContent = String(e.message);
    };
  };
  stop.onclick = () => {
    worker?.terminate();
    worker = null;
    run.disabled = false;
    stop.disabled = true;
    status.textContent = 'stopped';
  };
  run.onclick = () => start();
  explainRun.onclick = () => start({ step: Number(explainStep.value), n: Number(explainN.value) });

  const show = (out: PlaygroundOutput, explained: boolean) => {
    if (!out.ok) {
      error.hidden = false;
      error.textContent = out.error.message;
      const file = out.error.file;
      if (file !== null && paths.includes(file)) {
        select(file);
        const doc = view.state.doc;
        const line = doc.line(Math.min(Math.max(out.error.line ?? 1, 1), doc.lines));
        const diag: Diagnostic = {
          from: line.from,
          to: Math.max(line.from, line.to),
          severity: 'error',
          message: out.error.problem,
        };
        view.dispatch(setDiagnostics(view.state, [diag]), { selection: { anchor: line.from }, scrollIntoView: true });
      }
      return;
    }
    if (explained) {
      explainOut.textContent = (out.explain ?? []).map((l) => `  ${l}`).join('\n');
      return;
    }
    output.textContent = out.text;
    explainStep.replaceChildren(
      ...out.result.steps
        .filter((s) => s.requests > 0)
        .map((s) =>
          h(
            'option',
            { value: String(s.index) },
            `${s.index}: ${s.kind}${s.name ? ` ${s.name}` : ''} (${s.requests} requests)`,
          ),
        ),
    );
    explainBox.hidden = explainStep.options.length === 0;
    // Clicking a step's line in the output picks it for --explain.
    output.onclick = () => {
      const sel = window.getSelection()?.anchorNode?.textContent ?? '';
      const m = /step (\d+):/.exec(sel);
      if (m !== null && [...explainStep.options].some((o) => o.value === m[1])) explainStep.value = m[1];
    };
    void drawCharts(charts, out.charts);
  };

  app.replaceChildren(
    h('h1', {}, entry.name),
    h('p', { class: 'title' }, `${entry.title} — ${entry.source}`),
    h(
      'div',
      { class: 'lesson' },
      h('aside', {}, h('h3', {}, 'Steps'), steps),
      h(
        'div',
        { class: 'work' },
        tabs,
        editorHost,
        h('div', { class: 'controls' }, h('label', {}, 'seed ', seedInput), run, stop, progress, status),
        h('div', { class: 'controls' }, share, shareLink),
      ),
    ),
    error,
    h('h3', {}, 'Output (as gwsim run prints it)'),
    output,
    explainBox,
    charts,
  );
}

async function drawCharts(
  host: HTMLElement,
  charts: Array<{ name: string; title: string; spec: object }>,
): Promise<void> {
  host.replaceChildren();
  if (charts.length === 0) return;
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  for (const c of charts) {
    const div = h('div', { class: 'chart', 'data-chart': c.name });
    host.append(div);
    const view = new vega.View(vega.parse(vl.compile(c.spec as never).spec), {
      renderer: 'svg',
      container: div,
      hover: true,
    });
    await view.runAsync();
  }
}

window.addEventListener('hashchange', route);
route();

if ('serviceWorker' in navigator && import.meta.env.PROD)
  void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
