import { DriverField, FieldValue } from './driver';

/**
 * The fields a wizard asks, in order, given what was entered so far: a field with a `when` is
 * asked only when it holds for the values of the fields before it.
 */
export function fieldsToAsk(fields: readonly DriverField[], entered: Readonly<Record<string, FieldValue>>): DriverField[] {
  const values: Record<string, FieldValue> = {};
  const asked: DriverField[] = [];
  for (const field of fields) {
    if (field.when && !field.when(values)) {
      continue;
    }
    asked.push(field);
    const value = entered[field.key];
    if (value !== undefined && value !== '') {
      values[field.key] = value;
    }
  }
  return asked;
}

/** The options to save: the asked fields' non-empty values (an empty answer means "use the default"). */
export function optionsFromEntered(fields: readonly DriverField[], entered: Readonly<Record<string, FieldValue>>): Record<string, FieldValue> {
  const options: Record<string, FieldValue> = {};
  for (const field of fieldsToAsk(fields, entered)) {
    const value = entered[field.key];
    if (value !== undefined && value !== '') {
      options[field.key] = value;
    }
  }
  return options;
}
