import type { Health } from '../../lib/contract';
import { healthItems } from '../../lib/ui/options/diagnostics-view';

export interface HealthPanelProps {
  health: Health;
  now: number;
}

export function HealthPanel({ health, now }: HealthPanelProps) {
  return (
    <dl class="health" data-testid="health">
      {healthItems(health, now).map((item) => (
        <div key={item.key} class="health-item" data-testid={`health-${item.key}`}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
