/** Every chapter key of one task: [taskId, 0] to [taskId, ∞]. */
export function chapterRange(taskId: string): IDBKeyRange {
  return IDBKeyRange.bound([taskId, 0], [taskId, Number.MAX_SAFE_INTEGER]);
}
