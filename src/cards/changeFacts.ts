/** A plan's setting changes as FactSet rows: "Defender for APIs: Free → Standard (P1)". */
import { SETTING_LABELS, SettingChange } from '../core/plan';
import { escapeMarkdown } from './text';

export interface Fact {
  title: string;
  value: string;
}

export function changeFacts(changes: SettingChange[]): Fact[] {
  return changes.map((change) => ({
    title: `${SETTING_LABELS[change.setting] ?? escapeMarkdown(change.setting, 60)}${change.subject ? ` ${escapeMarkdown(change.subject, 80)}` : ''}`,
    value: `${escapeMarkdown(change.before, 60)} → ${escapeMarkdown(change.after, 60)}`,
  }));
}
