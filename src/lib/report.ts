// The `gwsim/report` entry: render a RunResult as terminal text, as JSON, or as the report files (HTML page, charts as
// SVG, series CSV). Re-exports only: importing it runs nothing.
/**
 * Render a run result: terminal text, JSON, the HTML report and its charts.
 * @module gwsim/report
 */
export { renderRunText, type TextReportOptions } from '../report/text/run-text.js';
export {
  renderRunReport,
  resultJson,
  type RunReport,
  type ReportFile,
  type ReportExtras,
  type RenderedChart,
} from '../report/run-report.js';
