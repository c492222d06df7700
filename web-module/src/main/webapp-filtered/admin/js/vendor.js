// The console's libraries, from Maven Central jars served by Orgbase itself (the build fills in
// their versions from the parent pom; this is the only file it filters).
// htm's mini build: it never reuses nodes between calls (the full build caches static parts,
// which suits a virtual DOM, not real elements)
export { default as htm } from '../../_static/htm/${htm.version}/mini/index.module.js';

/** uPlot (charts): a classic script, loaded on the first screen that draws a chart. */
export const UPLOT_SCRIPT = '../webjars/uplot/${uplot.version}/dist/uPlot.iife.min.js';
export const UPLOT_STYLE = '../webjars/uplot/${uplot.version}/dist/uPlot.min.css';
