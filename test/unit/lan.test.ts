/**
 * Which address `npm start` prints as "Network" and puts in join links: one a phone on the same Wi-Fi can open.
 * Interface tables as Node's os.networkInterfaces() returns them on a laptop, a desktop with Docker, a VPN user.
 */
import { describe, expect, it } from "vitest";
import { lanAddresses } from "../../server/lan";

const lo = [
  { address: "127.0.0.1", family: "IPv4", internal: true },
  { address: "::1", family: "IPv6", internal: true },
];

describe("lanAddresses", () => {
  it("picks the Wi-Fi address and leaves out loopback, IPv6 and link-local", () => {
    expect(
      lanAddresses({
        lo,
        wlan0: [
          { address: "fe80::1c2b:3aff:fe4d:5e6f", family: "IPv6", internal: false },
          { address: "192.168.1.20", family: "IPv4", internal: false },
        ],
        eth1: [{ address: "169.254.10.3", family: "IPv4", internal: false }],
      }),
    ).toEqual([{ address: "192.168.1.20", interface: "wlan0" }]);
  });

  it("puts container and VPN interfaces after the physical network, whatever their order", () => {
    expect(
      lanAddresses({
        lo,
        docker0: [{ address: "172.17.0.1", family: "IPv4", internal: false }],
        tailscale0: [{ address: "100.101.102.103", family: "IPv4", internal: false }],
        en0: [{ address: "10.0.0.42", family: 4, internal: false }],
      }).map((a) => a.interface),
    ).toEqual(["en0", "docker0", "tailscale0"]);
  });

  it("prefers a private range (home, school, office) to a public address", () => {
    expect(
      lanAddresses({
        eth0: [{ address: "203.0.113.9", family: "IPv4", internal: false }],
        eth1: [{ address: "172.20.4.5", family: "IPv4", internal: false }],
      })[0],
    ).toEqual({ address: "172.20.4.5", interface: "eth1" });
  });

  it("finds nothing on a machine that is on no network", () => {
    expect(lanAddresses({ lo })).toEqual([]);
    expect(lanAddresses({})).toEqual([]);
  });
});
