// DOM building without a framework: htm's tagged templates, bound to a function that makes real
// elements. Values are set as text nodes, properties or attributes, never parsed as HTML, so
// whatever an API answers cannot become markup. There is no inline style: the CSP forbids it
// (dynamic values go through element.style.setProperty, which it allows).
import { htm } from './vendor.js';

const SVG = 'http://www.w3.org/2000/svg';
const SVG_TAGS = new Set(['svg', 'path', 'g', 'circle', 'rect', 'line', 'polyline', 'text']);
// set as properties (live state), not attributes
const PROPERTIES = new Set(['value', 'checked', 'selected', 'indeterminate', 'disabled', 'hidden']);
// attributes that load or navigate: only http(s), in-page (#) and relative addresses
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);
const SAFE_URL = /^(?:https?:|#|\.{0,2}\/|data:image\/png;base64,|blob:https?:|[^:]*$)/i;

function h(type, props, ...children) {
  if (typeof type === 'function') {
    return type({ ...(props || {}), children: children.flat(Infinity) });
  }
  const el = SVG_TAGS.has(type) ? document.createElementNS(SVG, type) : document.createElement(type);
  for (const [name, value] of Object.entries(props || {})) {
    if (name === 'style') {
      throw new Error('inline styles are refused by the CSP; use classes or setProperty');
    }
    if (name === 'ref') {
      value(el);
    } else if (name.toLowerCase().startsWith('on')) {
      // handlers are functions; a string here would become inline script
      if (typeof value !== 'function') {
        throw new Error(`${name} needs a function`);
      }
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (URL_ATTRIBUTES.has(name) && value != null && !SAFE_URL.test(String(value).trim())) {
      throw new Error(`refused ${name}: ${String(value).slice(0, 40)}`);
    } else if (PROPERTIES.has(name)) {
      el[name] = value;
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value != null && value !== false) {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(parent, children) {
  for (const child of children) {
    if (child == null || child === false || child === true) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Tagged template making DOM nodes: html`<p class=${cls}>${text}</p>`. */
export const html = htm.bind(h);

/** Replaces what a container shows. */
export function mount(container, ...nodes) {
  container.replaceChildren();
  append(container, nodes);
  return container;
}

/** Moves keyboard focus to a screen's heading, so screen readers announce the new screen. */
export function focusHeading(container) {
  const heading = container.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

/** A unique id for label/aria wiring. */
let next = 0;
export function uid(prefix = 'f') {
  next += 1;
  return `${prefix}-${next}`;
}

/** Loads a classic script once (libraries that are not modules). */
const loaded = new Map();
export function loadScript(src, stylesheet) {
  if (!loaded.has(src)) {
    loaded.set(
      src,
      new Promise((resolve, reject) => {
        if (stylesheet) {
          document.head.appendChild(html`<link rel="stylesheet" href=${stylesheet} />`);
        }
        const script = document.createElement('script');
        script.src = src;
        script.onload = resolve;
        script.onerror = () => reject(new Error(`cannot load ${src}`));
        document.head.appendChild(script);
      }),
    );
  }
  return loaded.get(src);
}
