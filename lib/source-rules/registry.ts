import type { SourceInfo, SourceRule } from '../contract';
import { AppError } from '../errors';
import type { Store } from '../store/store';
import { validateRules } from './validate-rule';

/** Built-in rules plus the user's imports, with the user's enabled/disabled choices applied. */
export class SourceRegistry {
  /** Ids no import and no subscription may take. */
  readonly builtInIds: ReadonlySet<string>;

  constructor(
    private readonly store: Store,
    private readonly builtIn: SourceRule[],
  ) {
    this.builtInIds = new Set(builtIn.map((rule) => rule.id));
  }

  async list(): Promise<SourceInfo[]> {
    const [imported, states] = await Promise.all([this.store.importedSources(), this.store.sourceStates()]);
    const enabled = new Map(states.map((state) => [state.id, state.enabled]));
    const all: SourceInfo[] = [
      ...this.builtIn.map((rule) => ({ ...rule, builtIn: true })),
      ...imported.filter((rule) => !this.builtInIds.has(rule.id)).map((rule) => ({ ...rule, builtIn: false })),
    ];
    return all.map((source) => ({ ...source, enabled: enabled.get(source.id) ?? source.enabled }));
  }

  async get(id: string): Promise<SourceInfo | undefined> {
    return (await this.list()).find((source) => source.id === id);
  }

  /** Validates every rule first; one bad rule stores none of them. */
  async import(input: unknown): Promise<string[]> {
    const rules = validateRules(input);
    const clash = rules.find((rule) => this.builtInIds.has(rule.id));
    if (clash)
      throw new AppError(
        'invalid_source',
        `The id "${clash.id}" belongs to a built-in source; give the imported source another id.`,
      );
    const ids = rules.map((rule) => rule.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw new AppError('invalid_source', `The id "${twice}" appears twice in the import.`);
    await this.store.putSources(rules);
    return ids;
  }

  /**
   * Stores rules translated from another format (legado), each already validated and reported
   * on by the translation: they replace earlier imports with the same id, so importing the same
   * list again updates it.
   */
  async importTranslated(rules: readonly unknown[]): Promise<string[]> {
    if (rules.length === 0) return [];
    const valid = validateRules(rules);
    const clash = valid.find((rule) => this.builtInIds.has(rule.id));
    if (clash) throw new AppError('invalid_source', `The id "${clash.id}" belongs to a built-in source.`);
    await this.store.putSources(valid);
    return valid.map((rule) => rule.id);
  }

  /** Deletes an imported source and its enabled state; built-in sources can only be disabled. */
  async remove(id: unknown): Promise<void> {
    if (typeof id !== 'string')
      throw new AppError('unknown_source', `${JSON.stringify(id) ?? 'Nothing'} is not a book source id.`);
    const builtIn = this.builtIn.find((rule) => rule.id === id);
    if (builtIn) {
      throw new AppError(
        'invalid_source',
        `The source "${builtIn.name}" (${id}) is built in and cannot be removed. Disable it instead.`,
      );
    }
    const imported = await this.store.importedSources();
    if (!imported.some((rule) => rule.id === id))
      throw new AppError('unknown_source', `There is no imported book source with the id "${id}".`);
    await this.store.deleteSource(id);
  }

  async setEnabled(id: string, enabled: unknown): Promise<SourceInfo> {
    if (typeof enabled !== 'boolean') throw new AppError('invalid_message', '"enabled" must be true or false.');
    const source = await this.get(id);
    if (!source) throw new AppError('unknown_source', `There is no book source with the id "${id}".`);
    await this.store.putSourceState({ id, enabled });
    return { ...source, enabled };
  }
}
