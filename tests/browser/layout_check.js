// Injected at the end of a copy of an archsim HTML page by
// html_in_chromium.sh: at the window's width, nothing may stick out of the
// page or scroll sideways, and no two texts of a chart may overlap or be cut
// off at its edge. What it finds is left on <body data-layout="..."> as JSON
// for the script to read from the DOM Chromium dumps.
(function () {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const name = (el) => {
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined && el.className ? '.' + el.className : '') + (text ? ' "' + text + '"' : '');
  };
  if (document.documentElement.scrollWidth > width + 1)
    problems.push('the page is ' + document.documentElement.scrollWidth + ' px wide in a ' + width + ' px window');
  for (const box of document.querySelectorAll('.scroll'))
    if (box.scrollWidth > box.clientWidth + 1)
      problems.push('a table scrolls sideways: ' + box.scrollWidth + ' px in ' + box.clientWidth + ' px: ' + name(box.querySelector('tr') || box));
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1 && !el.closest('.scroll')) problems.push(name(el) + ' reaches ' + Math.round(r.right) + ' px');
  }
  // Chart texts: each inside its chart, none over another. Graphviz's drawing is its own.
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  const overlap = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (const svg of document.querySelectorAll('svg.chart')) {
    if (svg.parentElement.closest('svg.chart')) continue;  // a chart stacked in another is checked with it
    const frame = svg.getBoundingClientRect();
    const title = svg.querySelector('title');
    const chart = title ? title.textContent : 'a chart';
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '');
    const boxes = texts.map((t) => t.getBoundingClientRect());
    for (let i = 0; i < texts.length; ++i) {
      if (!inside(boxes[i], frame)) problems.push(chart + ': "' + texts[i].textContent + '" is cut off at the edge');
      for (let j = i + 1; j < texts.length; ++j)
        if (overlap(boxes[i], boxes[j]))
          problems.push(chart + ': "' + texts[i].textContent + '" overlaps "' + texts[j].textContent + '"');
    }
  }
  document.body.setAttribute('data-layout', JSON.stringify(problems));
})();
