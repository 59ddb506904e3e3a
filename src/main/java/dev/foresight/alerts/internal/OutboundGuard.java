package dev.foresight.alerts.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The SSRF guard of outgoing alert traffic. An address is refused when it is loopback, private (RFC 1918, CGNAT),
 * link-local, unique-local (fc00::/7), multicast, unspecified, broadcast or reserved — also when written as IPv4
 * inside IPv6 (mapped, compatible or NAT64) — unless {@code foresight.alerts.allowed-private-networks} lists its range.
 * A host is refused when any of its addresses is: a name that resolves to a public and a private address is not let
 * through on the public one, because the client might pick either.
 */
public final class OutboundGuard {

    /** An outgoing target that is not allowed; its message is fit for the person who configured it. */
    public static final class RefusedTarget extends Exception {
        RefusedTarget(String message) {
            super(message);
        }
    }

    /** Resolves a host name; the seam that lets tests pin a name to an address. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<IpAddressMatcher> allowed;
    private final Resolver resolver;

    public OutboundGuard(List<String> allowedNetworks) {
        this(allowedNetworks, InetAddress::getAllByName);
    }

    public OutboundGuard(List<String> allowedNetworks, Resolver resolver) {
        this.allowed = allowedNetworks.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
        this.resolver = resolver;
    }

    /** Checks an http(s) URL's scheme and host; answers the addresses the request may connect to. */
    public InetAddress[] checkUrl(@Nullable String url) throws RefusedTarget {
        if (url == null || url.isBlank()) {
            throw new RefusedTarget("A URL is required.");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new RefusedTarget("'" + url + "' is not a valid URL.");
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RefusedTarget("Only http and https URLs can receive alerts.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("The URL must not contain credentials.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedTarget("The URL has no host.");
        }
        return checkHost(uri.getHost());
    }

    /** Resolves a host (name or literal, IPv6 with or without brackets) and checks every address. */
    public InetAddress[] checkHost(String host) throws RefusedTarget {
        var bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("The host '" + bare + "' cannot be resolved.");
        }
        if (addresses.length == 0) {
            throw new RefusedTarget("The host '" + bare + "' cannot be resolved.");
        }
        for (var address : addresses) {
            var reason = refusal(address);
            if (reason != null) {
                throw new RefusedTarget("The host '" + bare + "' resolves to " + address.getHostAddress() + ", "
                        + reason + "; alerts are not sent to internal networks.");
            }
        }
        return addresses;
    }

    /** Why an address is refused, or {@code null} when it may be reached. */
    @Nullable
    String refusal(InetAddress address) {
        if (isAllowed(address)) {
            return null;
        }
        var embedded = embeddedIpv4(address);
        if (embedded != null) {
            return isAllowed(embedded) ? null : refusal4(embedded.getAddress());
        }
        if (address instanceof Inet4Address) {
            return refusal4(address.getAddress());
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isSiteLocalAddress()) {
            return "a site-local address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        var bytes = address.getAddress();
        if ((bytes[0] & 0xfe) == 0xfc) {
            return "a unique-local address";
        }
        if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x01 && bytes[2] == 0x0d && (bytes[3] & 0xff) == 0xb8) {
            return "a documentation address";
        }
        return null;
    }

    private boolean isAllowed(InetAddress address) {
        var text = address.getHostAddress();
        var percent = text.indexOf('%');
        var bare = percent < 0 ? text : text.substring(0, percent);
        return allowed.stream().anyMatch(matcher -> matcher.matches(bare));
    }

    private static @Nullable String refusal4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return "an unspecified address";
        }
        if (a0 == 127) {
            return "a loopback address";
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return "a private address";
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return "a shared (carrier-grade NAT) address";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address";
        }
        if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) {
            return "a protocol-assignment address";
        }
        if (a0 == 198 && (a1 == 18 || a1 == 19)) {
            return "a benchmarking address";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "a multicast address";
        }
        if (a0 >= 240) {
            return "a reserved or broadcast address";
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), -compatible (::/96) or NAT64 (64:ff9b::/96) one. */
    private static @Nullable Inet4Address embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        var b = address.getAddress();
        boolean zeroPrefix = Arrays.equals(Arrays.copyOfRange(b, 0, 10), new byte[10]);
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException impossible) {
            return null;
        }
    }
}
