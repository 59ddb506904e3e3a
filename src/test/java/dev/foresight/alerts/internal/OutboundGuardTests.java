package dev.foresight.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundGuardTests {

    /** Names pinned to addresses, as a DNS server under an attacker's control could answer. */
    static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.216.34"),
            "internal.example.com", List.of("10.1.2.3"),
            "metadata.example.com", List.of("169.254.169.254"),
            "mixed.example.com", List.of("93.184.216.34", "127.0.0.1"),
            "v6-loopback.example.com", List.of("::1"),
            "v6-ula.example.com", List.of("fd12:3456:789a::1"),
            "mapped.example.com", List.of("::ffff:192.168.1.1"),
            "v6-public.example.com", List.of("2606:4700:4700::1111"));

    static OutboundGuard guard(String... allowed) {
        return new OutboundGuard(List.of(allowed), host -> {
            var addresses = DNS.get(host);
            if (addresses == null) {
                return InetAddress.getAllByName(host); // literals only: nothing leaves the machine
            }
            var out = new InetAddress[addresses.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = InetAddress.getByName(addresses.get(i));
            }
            return out;
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/hook",
                "http://127.1.2.3:8080/hook",
                "http://10.0.0.5/",
                "http://172.16.0.1/",
                "http://172.31.255.255/",
                "http://192.168.0.10/",
                "http://169.254.169.254/latest/meta-data/",
                "http://100.64.0.1/",
                "http://0.0.0.0/",
                "http://224.0.0.1/",
                "http://255.255.255.255/",
                "http://[::1]/",
                "http://[::]/",
                "http://[fe80::1]/",
                "http://[fc00::1]/",
                "http://[fd00:ec2::254]/",
                "http://[ff02::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:10.0.0.1]/",
                "http://[::ffff:169.254.169.254]/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://internal.example.com/hook",
                "http://metadata.example.com/",
                "http://mixed.example.com/",
                "http://v6-loopback.example.com/",
                "http://v6-ula.example.com/",
                "http://mapped.example.com/"
            })
    void refusesInternalTargetsByNameAndLiteral(String url) {
        assertThatThrownBy(() -> guard().checkUrl(url))
                .isInstanceOf(OutboundGuard.RefusedTarget.class)
                .hasMessageContaining("alerts are not sent to internal networks");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/services/T000/B000/XXXX",
                "https://93.184.216.34/hook",
                "https://[2606:4700:4700::1111]/hook",
                "https://v6-public.example.com/",
                "http://172.32.0.1/",
                "http://11.0.0.1/"
            })
    void letsPublicTargetsThrough(String url) throws Exception {
        assertThat(guard().checkUrl(url)).isNotEmpty();
    }

    @Test
    void theAllowListOpensOnlyItsRange() throws Exception {
        var guard = guard("127.0.0.0/8", "fd12:3456:789a::/48");
        assertThat(guard.checkUrl("http://127.0.0.1:9000/")).isNotEmpty();
        assertThat(guard.checkUrl("http://v6-ula.example.com/")).isNotEmpty();
        assertThat(guard.checkUrl("http://[::ffff:127.0.0.1]/"))
                .as("mapped loopback is loopback")
                .isNotEmpty();
        assertThatThrownBy(() -> guard.checkUrl("http://10.0.0.1/")).isInstanceOf(OutboundGuard.RefusedTarget.class);
        assertThatThrownBy(() -> guard.checkUrl("http://[::1]/")).isInstanceOf(OutboundGuard.RefusedTarget.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://hooks.example.com/",
                "file:///etc/passwd",
                "gopher://x/",
                "https://user:pw@hooks.example.com/",
                "not a url",
                ""
            })
    void refusesOtherSchemesCredentialsAndNonsense(String url) {
        assertThatThrownBy(() -> guard().checkUrl(url)).isInstanceOf(OutboundGuard.RefusedTarget.class);
    }

    @Test
    void anUnresolvableHostIsRefusedWithItsName() {
        var guard = new OutboundGuard(List.of(), host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> guard.checkUrl("https://nowhere.invalid/"))
                .hasMessageContaining("nowhere.invalid")
                .hasMessageContaining("cannot be resolved");
    }
}
