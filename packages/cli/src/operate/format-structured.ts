import yaml from 'js-yaml';

/** A result or a listing as YAML (PEM blocks as literal text) or pretty JSON, for `-o yaml|json`. */
export function formatStructured(value: object, format: 'yaml' | 'json'): string {
  if (format === 'json') return JSON.stringify(value, null, 2);
  return yaml.dump(value, {lineWidth: -1, noRefs: true}).trimEnd();
}
