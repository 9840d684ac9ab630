import { entries, get, items } from '../parse/access';
import { checkTargetRefs } from './selectors';
import { field, isNull, text, type KindValidator } from './types';

/** ValidateTelemetry: tag overrides without an operation, null tracing custom tags, target references. */
export const validateTelemetry: KindValidator = (_object, spec, out) => {
  checkTargetRefs(spec, out);
  for (const metrics of items(get(spec, 'metrics'))) {
    for (const override of items(get(metrics, 'overrides'))) {
      for (const { key, pair } of entries(get(override, 'tagOverrides'))) {
        if (out.isTemplated(pair.value)) continue;
        if (isNull(pair.value)) {
          out.reject(key.span, `tag override "${key.value}" may not be null`);
          continue;
        }
        // An explicit UPSERT without a value and REMOVE with one are the CRD's CEL rules (rule
        // `schema`); the CEL rule reads an unset operation as "", the webhook as UPSERT.
        if (get(pair.value, 'operation')) continue;
        const value = field(pair.value, 'value');
        if (!value || isNull(value.value) || text(value.value)?.value === '')
          out.reject(
            key.span,
            `tag override "${key.value}": a value must be set when the operation is UPSERT (the default)`,
          );
      }
    }
  }
  for (const tracing of items(get(spec, 'tracing'))) {
    // Empty literal values, header and environment names are the CRD's minLength to report.
    for (const { key, pair } of entries(get(tracing, 'customTags'))) {
      if (key.value === '') out.reject(key.span, 'a custom tag name may not be empty');
      if (isNull(pair.value) && !out.isTemplated(pair.value))
        out.reject(key.span, `custom tag "${key.value}" may not be null`);
    }
  }
};
