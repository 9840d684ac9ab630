import { entries, get, items } from '../parse/access';
import { checkTargetRefs, checkWorkloadSelector } from './selectors';
import { field, isNull, text, type KindValidator } from './types';

/** ValidateTelemetry: metric tag overrides, null tracing custom tags, the selector and target references. */
export const validateTelemetry: KindValidator = (_object, spec, out) => {
  checkWorkloadSelector(spec, out);
  checkTargetRefs(spec, out);
  for (const metrics of items(get(spec, 'metrics'))) {
    for (const override of items(get(metrics, 'overrides'))) {
      for (const { key, pair } of entries(get(override, 'tagOverrides'))) {
        if (out.isTemplated(pair.value)) continue;
        if (isNull(pair.value)) {
          out.reject(key.span, `tag override "${key.value}" may not be null`);
          continue;
        }
        const operation = text(get(pair.value, 'operation'))?.value ?? 'UPSERT';
        const value = field(pair.value, 'value');
        const hasValue = !!value && !isNull(value.value) && text(value.value)?.value !== '';
        if (operation === 'UPSERT' && !hasValue)
          out.reject(
            key.span,
            `tag override "${key.value}": a value must be set when the operation is UPSERT (the default)`,
          );
        if (operation === 'REMOVE' && hasValue)
          out.reject(
            value!.keySpan,
            `tag override "${key.value}": a value may only be set when the operation is UPSERT, not REMOVE`,
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
