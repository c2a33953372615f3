import { toJsonFile } from '../../lib/ui/options/sources-json';

/** Hands `value` to the browser as a JSON file download through a blob link in the page. */
export function saveJson(fileName: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([toJsonFile(value)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy long before this; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
