/** Unix cron's five fields, as Auto Scaling reads a recurrence: name and allowed range. */
const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 6, note: " (0 is Sunday)" },
] as const;

const ITEM = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/;

/** What is wrong with one item of a field (`*`, `5`, `1-5`, `*\/15`, `0-30/10`), or undefined. */
function itemProblem(item: string, field: (typeof FIELDS)[number]): string | undefined {
  const m = ITEM.exec(item);
  const range = `${field.min}-${field.max}${"note" in field ? field.note : ""}`;
  if (!m)
    return `${field.name} ${JSON.stringify(item)} must be *, a number, a range a-b or a step */n (numbers ${range}; names such as MON are not read)`;
  const [, , from, to, step] = m;
  for (const n of [from, to]) {
    if (n !== undefined && (Number(n) < field.min || Number(n) > field.max)) return `${field.name} ${n} is outside ${range}`;
  }
  if (from !== undefined && to !== undefined && Number(from) > Number(to)) return `${field.name} range ${from}-${to} runs backwards`;
  if (step !== undefined && (Number(step) < 1 || Number(step) > field.max))
    return `${field.name} step /${step} must be from 1 to ${field.max}`;
  return undefined;
}

/**
 * What is wrong with a recurrence in Unix cron form (`minute hour day-of-month month
 * day-of-week`, as Auto Scaling's scheduled actions read it), or undefined when it is well formed.
 */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== FIELDS.length) {
    return `has ${fields.length} field${fields.length === 1 ? "" : "s"}; Auto Scaling reads Unix cron's five (minute hour day-of-month month day-of-week), such as "0 20 * * 1-5"${
      fields.length === 6 ? ", not EventBridge's six" : ""
    }`;
  }
  for (const [i, field] of FIELDS.entries()) {
    for (const item of fields[i]!.split(",")) {
      const problem = itemProblem(item, field);
      if (problem) return `is not a Unix cron recurrence: ${problem}`;
    }
  }
  return undefined;
}

/**
 * What is wrong with a time zone name, or undefined when it is an IANA name the runtime's time
 * zone database knows (`America/New_York`, `Etc/UTC`), written in the database's case.
 */
export function timeZoneProblem(name: string): string | undefined {
  const hint = "an IANA time zone name such as America/New_York or Etc/UTC";
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return `must be ${hint} (offsets such as +01:00 are not time zones)`;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return `is not a time zone of the IANA database; use ${hint}`;
  }
  return resolved !== name && resolved.toLowerCase() === name.toLowerCase() ? `must be written ${resolved}` : undefined;
}
