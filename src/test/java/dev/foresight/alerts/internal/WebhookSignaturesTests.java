package dev.foresight.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTests {

    // The Standard Webhooks test vector, as in the reference libraries' tests (e.g. the PHP library's
    // testSignFunctionWorks in standard-webhooks/standard-webhooks and svix/svix-webhooks).
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330;
    static final String BODY = "{\"test\": 2432232314}";
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void reproducesThePublishedTestVector() {
        assertThat(WebhookSignatures.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
        assertThat(WebhookSignatures.verify(SECRET, ID, "1614265330", BODY, EXPECTED))
                .isTrue();
    }

    @Test
    void anAlteredBodyIdOrTimestampDoesNotVerify() {
        assertThat(WebhookSignatures.verify(SECRET, ID, "1614265330", "{\"test\": 2432232315}", EXPECTED))
                .isFalse();
        assertThat(WebhookSignatures.verify(SECRET, "msg_other", "1614265330", BODY, EXPECTED))
                .isFalse();
        assertThat(WebhookSignatures.verify(SECRET, ID, "1614265331", BODY, EXPECTED))
                .isFalse();
        assertThat(WebhookSignatures.verify(SECRET, ID, "not-a-number", BODY, EXPECTED))
                .isFalse();
    }

    @Test
    void duringARotationBothSignaturesAreSentAndEitherSecretVerifies() {
        var fresh = WebhookSignatures.newSecret();
        var header = WebhookSignatures.header(List.of(fresh, SECRET), ID, TIMESTAMP, BODY);
        assertThat(header.split(" ")).hasSize(2).contains(EXPECTED);
        assertThat(WebhookSignatures.verify(SECRET, ID, "1614265330", BODY, header))
                .isTrue();
        assertThat(WebhookSignatures.verify(fresh, ID, "1614265330", BODY, header))
                .isTrue();
        assertThat(WebhookSignatures.verify(WebhookSignatures.newSecret(), ID, "1614265330", BODY, header))
                .isFalse();
    }

    @Test
    void newSecretsAreWhsecWithAtLeast24RandomBytes() {
        var secret = WebhookSignatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
        assertThat(WebhookSignatures.newSecret()).isNotEqualTo(secret);
    }
}
