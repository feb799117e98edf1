// Primality for Maglev's table_size (Envoy rejects a non-prime size: maglev_lb.cc; Envoy Gateway checks it too,
// internal/gatewayapi/clustersettings.go). Trial division, O(sqrt n): table sizes are at most a few million.
export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  if (n < 4) return true;
  if (n % 2 === 0 || n % 3 === 0) return false;
  for (let i = 5; i * i <= n; i += 6) if (n % i === 0 || n % (i + 2) === 0) return false;
  return true;
}
