import type { TaskWarning, WarningCode } from '../contract';

/** A cut, as the reader reports it; the task keeps one warning per code, counting repeats. */
export interface Cut {
  code: WarningCode;
  message: string;
}

/** The list with `cut` counted in: a new code is added with its sentence, a known one counts once more. */
export function withCut(warnings: readonly TaskWarning[] | undefined, cut: Cut): TaskWarning[] {
  const list = [...(warnings ?? [])];
  const at = list.findIndex((w) => w.code === cut.code);
  if (at < 0) list.push({ ...cut, count: 1 });
  else list[at] = { ...list[at]!, count: list[at]!.count + 1 };
  return list;
}
