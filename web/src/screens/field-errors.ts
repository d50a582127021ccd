import { ApiError } from '../api/client.ts';

// An API error split for a form: the message under the field it names (the form's own names, each
// with the API's names for it), or, for any other error, a message for the form's alert.

export interface FormErrors<Field extends string> {
  field: Partial<Record<Field, string>>;
  form: string | null;
}

export function splitFormError<Field extends string>(error: unknown, fields: Record<Field, readonly string[]>): FormErrors<Field> {
  if (!error) return { field: {}, form: null };
  if (!(error instanceof ApiError)) return { field: {}, form: 'Plixo could not be reached. Try again in a moment.' };
  const named = (Object.keys(fields) as Field[]).find((field) => error.field !== null && fields[field].includes(error.field));
  return named ? { field: { [named]: error.message } as Partial<Record<Field, string>>, form: null } : { field: {}, form: error.message };
}
