/** Tags for one resource: its `Name` plus the module's extra tags (provider default tags add the rest). */
export function nameTags(name: string, extra: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return { ...extra, Name: name };
}
