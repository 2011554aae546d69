/** The name Baton's tracer and meter are got under (the OpenTelemetry instrumentation scope). */
export const INSTRUMENTATION_SCOPE = '@baton/runtime';
