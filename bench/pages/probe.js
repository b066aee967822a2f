// Instrumentation for bench/pages/*.html, loaded first in <head> (before Candor).
// It only observes: long tasks, Event Timing entries, and when a change is painted.
(() => {
  const bench = (window.__bench = { longtasks: [], events: [], done: {} });

  // Main-thread tasks over 50 ms (Long Tasks API).
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}

  // Event Timing: what Chrome's INP is made of (entries of 16 ms and more, rounded to 8 ms).
  try {
    const keep = (list) => {
      for (const e of list.getEntries())
        bench.events.push({
          name: e.name,
          type: e.entryType,
          interactionId: e.interactionId ?? 0,
          start: e.startTime,
          processingStart: e.processingStart,
          processingEnd: e.processingEnd,
          duration: e.duration,
        });
    };
    new PerformanceObserver(keep).observe({ type: 'event', durationThreshold: 16, buffered: true });
    new PerformanceObserver(keep).observe({ type: 'first-input', buffered: true });
  } catch {}

  /**
   * Marks `<name>:raf` in the next animation frame and `<name>:painted` in the first task
   * after that frame (a MessageChannel message: it runs once the frame has been produced),
   * plus `<name>:raf2` at the frame after (the double-rAF variant, one frame later).
   */
  bench.afterPaint = (mark, name) => {
    if (mark) performance.mark(mark);
    requestAnimationFrame(() => {
      performance.mark(`${name}:raf`);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        performance.mark(`${name}:painted`);
        bench.done[name] = true;
      };
      channel.port2.postMessage(0);
      requestAnimationFrame(() => performance.mark(`${name}:raf2`));
    });
  };

  /**
   * Arms one interaction: the next pointerdown's timestamp is its start; once an element
   * matching `selector` (and containing `text`, if given) is in the prompt's shadow root,
   * the change is marked and its paint awaited.
   * Resolves `{ down, changed, painted }` (ms since time origin).
   */
  bench.arm = (selector, text = '') =>
    (bench.pending = new Promise((resolve) => {
      const root = document.querySelector('candor-nps').shadowRoot;
      let down;
      addEventListener('pointerdown', (e) => (down = e.timeStamp), { capture: true, once: true });
      const check = () => {
        if (down === undefined) return;
        if (![...root.querySelectorAll(selector)].some((el) => el.textContent.includes(text))) return;
        observer.disconnect();
        const changed = performance.now();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ down, changed, painted: performance.now() });
          channel.port2.postMessage(0);
        });
      };
      const observer = new MutationObserver(check);
      observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    }));
})();
