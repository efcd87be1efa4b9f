/**
 * The JSON document (a policy, a dashboard body) that a synthesized attribute holds, in either
 * form cdktf can write it: a JSON string holding Terraform interpolations
 * (`{"Resource":"${aws_sqs_queue.q.arn}"}`), or Terraform's `jsonencode` of an HCL object
 * (`${jsonencode({"Resource" = aws_sqs_queue.q.arn})}`). Interpolations and expressions are
 * kept verbatim as `${…}` strings, so both forms of one document read the same.
 */
export function readJsonDocument(text: unknown): any {
  const source = String(text);
  const encoded = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(source);
  return encoded ? new HclValueReader(encoded[1]!).read() : parseJsonWithInterpolations(source);
}

/**
 * JSON whose strings hold interpolations such as `${element(split(":", aws_vpc.x.arn), 4)}`:
 * their quotes are HCL's, not JSON-escaped, so they are escaped before parsing.
 */
function parseJsonWithInterpolations(text: string): any {
  return JSON.parse(text.replace(/\$\{[^}]*\}/g, (expr) => expr.replace(/\\/g, "\\\\").replace(/"/g, '\\"')));
}

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/** Reads the HCL value syntax cdktf writes inside `jsonencode(…)`: objects, tuples, strings, numbers, expressions. */
class HclValueReader {
  private at = 0;

  constructor(private readonly text: string) {}

  read(): unknown {
    const value = this.value();
    this.skipSpace();
    if (this.at !== this.text.length) throw this.error("unexpected text after the value");
    return value;
  }

  private value(): unknown {
    this.skipSpace();
    switch (this.text[this.at]) {
      case "{":
        return this.object();
      case "[":
        return this.tuple();
      case '"':
        return this.string();
      default:
        return this.expression();
    }
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.at++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] === "}") {
        this.at++;
        return result;
      }
      const key = this.text[this.at] === '"' ? this.string() : this.bare();
      this.skipSpace();
      if (this.text[this.at] !== "=" && this.text[this.at] !== ":") throw this.error("expected = after an object key");
      this.at++;
      result[key] = this.value();
      this.skipSeparator();
    }
  }

  private tuple(): unknown[] {
    const result: unknown[] = [];
    this.at++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] === "]") {
        this.at++;
        return result;
      }
      result.push(this.value());
      this.skipSeparator();
    }
  }

  /** A quoted string: escapes decoded, interpolations kept as written. */
  private string(): string {
    let result = "";
    this.at++;
    while (this.at < this.text.length) {
      const c = this.text[this.at]!;
      if (c === '"') {
        this.at++;
        return result;
      }
      if (c === "\\") {
        const next = this.text[this.at + 1] ?? "";
        result += ESCAPES[next] ?? next;
        this.at += 2;
      } else if (c === "$" && this.text[this.at + 1] === "{") {
        const end = this.interpolationEnd(this.at);
        result += this.text.slice(this.at, end);
        this.at = end;
      } else {
        result += c;
        this.at++;
      }
    }
    throw this.error("unterminated string");
  }

  /** A number, `true`, `false`, `null`, or any other expression, which reads as `${expression}`. */
  private expression(): unknown {
    const start = this.at;
    let depth = 0;
    for (; this.at < this.text.length; this.at++) {
      const c = this.text[this.at]!;
      if (c === '"') this.at = this.stringEnd(this.at) - 1;
      else if ("([{".includes(c)) depth++;
      else if (")]}".includes(c) && depth-- === 0) break;
      else if (c === "," && depth === 0) break;
    }
    const expression = this.text.slice(start, this.at).trim();
    if (expression === "") throw this.error("expected a value");
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(expression)) return Number(expression);
    if (expression === "true" || expression === "false") return expression === "true";
    if (expression === "null") return null;
    return `\${${expression}}`;
  }

  private bare(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.at));
    if (!match) throw this.error("expected an object key");
    this.at += match[0].length;
    return match[0];
  }

  /** The index just past the `}` closing the interpolation that starts at `start` (`${`). */
  private interpolationEnd(start: number): number {
    let depth = 0;
    for (let i = start + 1; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '"') i = this.stringEnd(i) - 1;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) return i + 1;
    }
    throw this.error("unterminated interpolation");
  }

  /** The index just past the quote closing the string that starts at `start`. */
  private stringEnd(start: number): number {
    for (let i = start + 1; i < this.text.length; ) {
      const c = this.text[i];
      if (c === "\\") i += 2;
      else if (c === '"') return i + 1;
      else if (c === "$" && this.text[i + 1] === "{") i = this.interpolationEnd(i);
      else i++;
    }
    throw this.error("unterminated string");
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.at] ?? "")) this.at++;
  }

  private skipSeparator(): void {
    this.skipSpace();
    if (this.text[this.at] === ",") this.at++;
  }

  private error(message: string): Error {
    return new Error(`${message} at ${this.at} in jsonencode(${this.text})`);
  }
}
