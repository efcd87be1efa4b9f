import { readFileSync } from "node:fs";

/**
 * The fenced code blocks of a Markdown file whose info string is `lang` (```sh), in order: what
 * a test runs, so that a README's commands cannot drift from what is tested.
 */
export function fencedBlocks(file: string, lang: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^```([^\n]*)\n([\s\S]*?)^```\s*$/gm)].filter((m) => m[1]!.trim() === lang).map((m) => m[2]!);
}

/** The only fenced `lang` block of a Markdown file (a test fails when there are more or none). */
export function onlyFencedBlock(file: string, lang: string): string {
  const blocks = fencedBlocks(file, lang);
  if (blocks.length !== 1) throw new Error(`${file} has ${blocks.length} \`\`\`${lang} blocks; expected exactly one`);
  return blocks[0]!;
}
