/**
 * This machine's addresses on the local network, which phones on the same Wi-Fi can open: every IPv4 address of a
 * network interface that is not loopback or link-local, the likely Wi-Fi/Ethernet one first. Pure, so it can be
 * tested with made-up interface tables; `npm start` passes it `os.networkInterfaces()`.
 */

/** The part of Node's `os.NetworkInterfaceInfo` this module reads. */
export interface InterfaceAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

export interface LanAddress {
  address: string;
  interface: string;
}

/** Interfaces of containers, VMs and VPNs: reachable from this machine, rarely from a phone in the room. */
const VIRTUAL = /^(docker|br-|veth|virbr|vboxnet|vmnet|vnet|tailscale|zt|utun|tun|tap|wg|lxc|lxd|cni|flannel|podman)/i;

function isPrivate(address: string): boolean {
  const [a = 0, b = 0] = address.split(".").map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

export function lanAddresses(interfaces: Record<string, InterfaceAddress[] | undefined>): LanAddress[] {
  const found: LanAddress[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    for (const a of addresses ?? []) {
      const v4 = a.family === "IPv4" || a.family === 4;
      if (!v4 || a.internal || a.address.startsWith("127.") || a.address.startsWith("169.254.")) continue;
      found.push({ address: a.address, interface: name });
    }
  }
  // Stable sort: physical before virtual interfaces, then private (home, school, office) ranges before others.
  const rank = (a: LanAddress) => (VIRTUAL.test(a.interface) ? 2 : 0) + (isPrivate(a.address) ? 0 : 1);
  return found.sort((x, y) => rank(x) - rank(y));
}
