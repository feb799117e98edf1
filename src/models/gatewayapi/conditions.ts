// Status conditions (metav1.Condition) as the Gateway API controllers write them, and small builders.
export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  observedGeneration?: number;
}

export function cond(
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  observedGeneration?: number,
): Condition {
  return observedGeneration === undefined
    ? { type, status, reason, message }
    : { type, status, reason, message, observedGeneration };
}
