/** APPLY's runner: JavaScript analytics in a worker thread (contract: samples/analytics/README.md). */
export { runAnalytics } from './run';
export { resolveAnalytics } from './resolve';
export { validateAnalyticsOutput, ATTRIBUTE_NAME } from './validate';
export type {
  AnalyticsDisplay,
  AnalyticsInput,
  AnalyticsRequest,
  AnalyticsResult,
  AnalyticsScalar,
  AnalyticsValue,
  Row,
} from './types';
