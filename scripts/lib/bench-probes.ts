// In-page probes for `pnpm bench:workbench`, installed before any of the page's scripts (addInitScript).
// Plain JavaScript in a string: tsx would wrap named functions in a helper the page does not have.
//
// 1. A render counter on React's DevTools hook (`__REACT_DEVTOOLS_GLOBAL_HOOK__`), which production
//    builds of react-dom call on every commit: per commit it walks the fibers React touched and counts
//    components that rendered (mounted, or flagged PerformedWork), attributed to the nearest workbench
//    area (`data-testid` of call-list, phone-bar, caller-panel, verify-caller, or a remote slot). The same
//    rule React DevTools' profiler uses (`didFiberRender`), so the counts match what it would show.
// 2. Event Timing (`PerformanceObserver({ type: 'event', durationThreshold: 16 })`): the browser's own
//    input → next paint duration for every trusted click. Interactions under 16 ms report no entry.
// 3. The arrival time of each WebSocket frame (its message event's timeStamp), where a ring starts.
// 4. A DOM mutation counter (childList, attributes and text changes), to set renders against DOM changes.
export const BENCH_PROBES = `(() => {
  // React's fiber tags: FunctionComponent 0, ClassComponent 1, HostComponent 5, ForwardRef 11, SimpleMemoComponent 15.
  const COMPONENT_TAGS = new Set([0, 1, 11, 15]);
  const PERFORMED_WORK = 1;
  const AREAS = ['verify-caller', 'caller-panel', 'call-list', 'phone-bar'];
  const counter = { commits: 0, components: 0, byArea: {}, byName: null };
  const ownName = (f) => { const t = f.tag === 11 ? f.type && f.type.render : f.type; return (f.type && f.type.displayName) || (t && (t.displayName || t.name)) || ''; };
  // An anonymous component is named after its nearest named owner (antd's forwardRef wrappers are anonymous).
  const nameOf = (f) => { const own = ownName(f); if (own) return own; for (let p = f.return; p; p = p.return) if (COMPONENT_TAGS.has(p.tag) && ownName(p)) return ownName(p) + '>?'; return '?'; };
  const areaOf = (fiber) => {
    for (let f = fiber; f; f = f.return) {
      if (f.tag !== 5 || !f.memoizedProps) continue;
      const id = f.memoizedProps['data-testid'];
      if (id && AREAS.includes(id)) return id;
      if (f.memoizedProps['data-slot-call-id'] !== undefined) return 'remote-tab';
    }
    return 'other';
  };
  const visit = (fiber, mounting) => {
    const stack = [[fiber, mounting]];
    while (stack.length) {
      const [f, mount] = stack.pop();
      const alternate = f.alternate;
      const isMount = mount || alternate === null;
      if (COMPONENT_TAGS.has(f.tag) && (isMount || (f.flags & PERFORMED_WORK) === PERFORMED_WORK)) {
        counter.components += 1;
        const area = areaOf(f);
        counter.byArea[area] = (counter.byArea[area] || 0) + 1;
        if (counter.byName) { const key = area + ':' + nameOf(f); counter.byName[key] = (counter.byName[key] || 0) + 1; if (counter.current) counter.current[key] = (counter.current[key] || 0) + 1; }
      }
      // Children untouched this commit are the very same fiber objects as before: skip them.
      if (!isMount && f.child === alternate.child) {
        if (f.sibling) stack.push([f.sibling, mount]);
        continue;
      }
      if (f.sibling) stack.push([f.sibling, mount]);
      if (f.child) stack.push([f.child, isMount]);
    }
  };
  const renderers = new Map();
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers,
    inject(renderer) { const id = renderers.size + 1; renderers.set(id, renderer); return id; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      counter.commits += 1;
      if (counter.log) counter.current = {};
      const current = root.current;
      if (current.child) visit(current.child, current.alternate === null);
      if (counter.log) counter.log.push([performance.now(), counter.current]);
    },
  };
  let mutations = 0;
  const observeDom = () => new MutationObserver((records) => { mutations += records.length; }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  if (document.documentElement) observeDom(); else document.addEventListener('DOMContentLoaded', observeDom);
  window.__renders = {
    reset() { counter.commits = 0; counter.components = 0; counter.byArea = {}; mutations = 0; if (counter.byName) counter.byName = {}; if (counter.log) counter.log = []; },
    // Tracing (BENCH_TRACE=1): components by area and name, and each commit's time (names need an unminified build).
    trace(on) { counter.byName = on ? {} : null; counter.log = on ? [] : null; },
    read() { return { commits: counter.commits, components: counter.components, byArea: { ...counter.byArea }, domMutations: mutations, byName: counter.byName ? { ...counter.byName } : undefined, commitTimes: counter.log ? [...counter.log] : undefined }; },
  };
  // When each WebSocket frame reaches the page: the message event's time, stamped by a listener added in
  // the constructor (before the page's own onmessage), so it is the frame being handled when the store changes.
  const NativeWebSocket = window.WebSocket;
  window.__wsMessageAt = NaN;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => { window.__wsMessageAt = event.timeStamp; });
    }
  };
  window.__eventEntries = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__eventEntries.push({ name: e.name, startTime: e.startTime, duration: e.duration, interactionId: e.interactionId || 0 });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch (error) { window.__eventTimingError = String(error); }
})()`;
