// Envoy's success-rate outlier threshold: mean minus a multiple of the population standard deviation of the eligible
// hosts' success rates. Pure math; eligibility (request volume, minimum hosts) is applied by the detector.
// Source: envoy source/common/upstream/outlier_detection_impl.cc, DetectorImpl::successRateEjectionThreshold.

export interface SuccessRateThreshold {
  mean: number;
  /** Hosts with a success rate strictly below this are outliers. */
  threshold: number;
}

/** Over the first `n` rates (percentages); `stdevFactor` is already divided by 1000 (Envoy's 1900 -> 1.9). Allocation-free. */
export function successRateEjectionThreshold(
  rates: ArrayLike<number>,
  n: number,
  sum: number,
  stdevFactor: number,
): SuccessRateThreshold {
  const mean = sum / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += Math.pow(rates[i] - mean, 2);
  variance /= n;
  return { mean, threshold: mean - stdevFactor * Math.sqrt(variance) };
}
