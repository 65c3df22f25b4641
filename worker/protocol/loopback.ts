/**
 * Whether a host name reaches only the machine it is typed on: localhost (and *.localhost, which RFC 6761 reserves
 * for loopback), 127.0.0.0/8 and [::1]. The worker hands such hosts the LAN origin in join links; the host screen
 * warns when a join link still points at one, since no phone can open it.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "[::1]" ||
    host === "::1" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
