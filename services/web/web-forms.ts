import type { z } from 'zod';
import { fieldErrors } from '../http/validation';
import { AppError } from '../shared/app-error';
import type { SummaryError } from './web-render';

/** A form field as the `field` partial draws it. */
export interface FieldView {
  id: string;
  name: string;
  label: string;
  type: string;
  value: string;
  error: string | null;
  hint: string | null;
  autocomplete: string | null;
  describedBy: string | null;
  checked: boolean;
  textarea: boolean;
  select: boolean;
  options: Array<{ value: string; label: string; selected: boolean }>;
  /** Values offered while typing (a datalist); the field still takes any text. */
  suggestions: Array<{ value: string; label: string }>;
  extraClass: string;
}

/** One field's declaration: its name in the API body, its visible label, and how to say it is empty. */
export interface FieldSpec {
  name: string;
  label: string;
  /** Shown when the field is left empty, e.g. "Wpisz login." */
  required?: string;
}

type Body = Record<string, unknown>;

// zod's default sentences (Polish locale, or English) name internal values and patterns
// (`"registered"|"in_progress"`, `/^a$/`); the schemas' own messages never start like this.
const ZOD_DEFAULT_MESSAGE = /^(Nieprawidłow|Invalid|Too (small|big)|Expected|Unrecognized)/;

/**
 * The state of one submitted form: what was typed (to show it again) and what is wrong with it,
 * per field and in general. Validation itself is the API's: the same zod schemas and the same
 * domain services; this class only turns their answers into Polish sentences next to fields.
 */
export class WebForm {
  readonly errors: Record<string, string> = {};
  /** The HTTP status to answer with when the form is shown again with its problems. */
  status = 400;
  readonly headers: Record<string, string> = {};
  private readonly general: string[] = [];
  private readonly specs: Map<string, FieldSpec>;

  constructor(
    specs: readonly FieldSpec[],
    readonly values: Record<string, string> = {},
    /** Maps API field paths (`applicant.firstName`) onto form field names. */
    private readonly aliases: Record<string, string> = {},
  ) {
    this.specs = new Map(specs.map((s) => [s.name, s]));
  }

  /** A form filled from a urlencoded body: text fields as strings, anything else ignored. */
  static from(specs: readonly FieldSpec[], body: unknown, aliases: Record<string, string> = {}): WebForm {
    const values: Record<string, string> = {};
    const source = (body ?? {}) as Body;
    for (const spec of specs) {
      const value = source[spec.name];
      if (typeof value === 'string') values[spec.name] = value;
    }
    return new WebForm(specs, values, aliases);
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0 && this.general.length === 0;
  }

  /** True when the named checkbox was ticked. */
  checked(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== '';
  }

  /** The named text fields as typed, an empty string for one left out (the API's schema says what is missing). */
  texts<N extends string>(...names: N[]): Record<N, string> {
    return Object.fromEntries(names.map((n) => [n, this.values[n] ?? ''])) as Record<N, string>;
  }

  /**
   * Parses `input` (the API body built from this form) with the API's schema; on failure
   * records the problems and returns null. Empty required fields are reported first, in words,
   * and so is a NUL character (U+0000), which no field may hold: the database cannot store it.
   */
  parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> | null {
    for (const spec of this.specs.values()) {
      const value = this.values[spec.name] ?? '';
      if (spec.required && value.trim() === '') this.errors[spec.name] = spec.required;
      if (value.includes('\u0000')) this.errors[spec.name] = `Pole „${spec.label}” zawiera niedozwolony znak (NUL). Usuń go i wyślij formularz ponownie.`;
    }
    const result = schema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const [error] = fieldErrors({ issues: [issue] } as z.ZodError);
        this.addFieldError(error.field, this.sentence(error.field, issue));
      }
    }
    return this.ok ? result.data ?? null : null;
  }

  /**
   * Records what a domain service refused: next to the fields its `errors` name, or the field the
   * error itself names (an unknown official's login), or else `fieldOrByCode` (a name, or a map
   * from error code to field name), else in general; anything but an AppError is a bug and is rethrown.
   */
  fail(error: unknown, fieldOrByCode?: string | Record<string, string>): void {
    if (!(error instanceof AppError)) throw error;
    this.status = error.status;
    Object.assign(this.headers, error.headers); // e.g. Retry-After belongs to the page's answer too
    const field = error.field ?? (typeof fieldOrByCode === 'string' ? fieldOrByCode : fieldOrByCode?.[error.code]);
    if (error.errors?.length) {
      for (const e of error.errors) this.addFieldError(e.field, e.message);
    } else if (field && error.status !== 429) {
      this.addFieldError(field, error.detail);
    } else {
      this.general.push(error.detail);
    }
  }

  /** Records a problem with one field (or with the whole form when the field is not on it). */
  addFieldError(field: string, message: string): void {
    const name = this.formFieldOf(field);
    if (!this.specs.has(name)) this.general.push(message);
    else this.errors[name] ??= message;
  }

  /** The error summary: general problems first (linked to the first field), then fields in form order. */
  summary(): SummaryError[] {
    const first = this.specs.keys().next().value ?? '';
    return [
      ...this.general.map((message) => ({ href: `#${first}`, message })),
      ...[...this.specs.keys()].filter((name) => this.errors[name]).map((name) => ({ href: `#${name}`, message: this.errors[name] })),
    ];
  }

  /** The view of one field for the `field` partial. */
  field(
    name: string,
    options: Partial<Omit<FieldView, 'id' | 'name' | 'label' | 'error' | 'describedBy' | 'options' | 'suggestions'>> & {
      options?: Array<{ value: string; label: string }>;
      suggestions?: Array<{ value: string; label: string }>;
    } = {},
  ): FieldView {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`Field ${name} is not declared on this form`);
    const error = this.errors[name] ?? null;
    const hint = options.hint ?? null;
    const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || null;
    const type = options.type ?? 'text';
    const value = options.value ?? this.values[name] ?? '';
    return {
      id: name,
      name,
      label: spec.label,
      type,
      value: type === 'password' ? '' : value,
      error,
      hint,
      autocomplete: options.autocomplete ?? null,
      describedBy,
      checked: options.checked ?? (type === 'checkbox' && this.checked(name)),
      textarea: options.textarea ?? false,
      select: (options.options ?? []).length > 0,
      options: (options.options ?? []).map((o) => ({ ...o, selected: o.value === value })),
      suggestions: options.suggestions ?? [],
      extraClass: options.extraClass ?? '',
    };
  }

  /** The form field an API field path belongs to: an alias, or a nested path's top level (`attachments.2.filename`). */
  private formFieldOf(field: string): string {
    return this.aliases[field] ?? (this.specs.has(field) ? field : field.split('.')[0]);
  }

  /** A sentence a person understands for a zod issue, naming the field by its label. */
  private sentence(field: string, issue: z.core.$ZodIssue): string {
    const spec = this.specs.get(this.formFieldOf(field));
    const label = spec?.label ?? field;
    if (issue.code === 'too_small' && issue.origin === 'string') {
      return Number(issue.minimum) <= 1 ? spec?.required ?? `Wypełnij pole „${label}”.` : `Pole „${label}” musi mieć co najmniej ${issue.minimum} znaków.`;
    }
    if (issue.code === 'too_big' && issue.origin === 'string') return `Pole „${label}” może mieć najwyżej ${issue.maximum} znaków.`;
    if (issue.code === 'invalid_type') return spec?.required ?? `Wypełnij pole „${label}”.`;
    if (issue.code === 'invalid_union') return `Wybierz jedną z podanych możliwości w polu „${label}”.`;
    // The schemas' own sentences stay; zod's defaults are replaced by one naming the field.
    if (ZOD_DEFAULT_MESSAGE.test(issue.message)) {
      return issue.code === 'invalid_value' ? `Wybierz jedną z podanych możliwości w polu „${label}”.` : `Pole „${label}” jest wypełnione niepoprawnie.`;
    }
    return issue.message;
  }
}
