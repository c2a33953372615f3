// legado (阅读) book sources in and out: `translateLegado(json) → { rules, report }` for
// `source.import`, `toLegado(rule)` for "Export as legado". README "legado book sources".
export { isLegadoInput, translateLegado, type LegadoTranslation } from './import';
export { toLegado, type LegadoExport } from './export';
export { translateRule, LegadoRuleError, type RuleKind, type TranslatedRule } from './translate-rule';
export { legadoIdFor } from './source-site';
