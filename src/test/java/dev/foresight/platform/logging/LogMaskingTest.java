package dev.foresight.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogMaskingTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImlzcyI6ImZvcmVzaWdodCJ9."
            + "kFm5Y2-9n1zX_qQ8cR0vT3wL7pA6sD4fG2hJ1kL0mN8";

    @Test
    void bearerTokensAreMasked() {
        var masked = LogMasking.mask("Authorization: Bearer abcDEF123456789.xyz_-+/=");

        assertThat(masked).isEqualTo("Authorization: Bearer ****");
        assertThat(LogMasking.mask("authorization=bearer " + JWT)).doesNotContain(JWT.substring(20));
    }

    @Test
    void jwtsAreMaskedWhereverTheyStand() {
        var masked = LogMasking.mask("a header of " + JWT + " failed");

        assertThat(masked)
                .doesNotContain("eyJzdWIi")
                .doesNotContain("kFm5Y2")
                .contains("****jwt")
                .endsWith(" failed");
    }

    @Test
    void foresightTokensAreMasked() {
        var masked = LogMasking.mask("created fst_AbC123xyz_-789QwErTy and rotated fsr_Zz9Yy8Xx7Ww6Vv5");

        assertThat(masked).isEqualTo("created fst_**** and rotated fsr_****");
    }

    @Test
    void webhookSecretsAreMasked() {
        assertThat(LogMasking.mask("signing with whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/+="))
                .isEqualTo("signing with whsec_****");
    }

    @Test
    void secretsInKeyValueTextAreMasked() {
        assertThat(LogMasking.mask("login user=ada password=hunter2 ok")).isEqualTo("login user=ada password=**** ok");
        assertThat(LogMasking.mask("pwd: s3cr3t; next")).isEqualTo("pwd: ****; next");
        assertThat(LogMasking.mask("client_secret=abc123&api_key=k-42&apiKey=k43"))
                .doesNotContain("abc123")
                .doesNotContain("k-42")
                .doesNotContain("k43");
        assertThat(LogMasking.mask("PASSWORD = Tr0ub4dor&3")).doesNotContain("Tr0ub4dor");
        assertThat(LogMasking.mask("passcode='1234'")).isEqualTo("passcode='****'");
        assertThat(LogMasking.mask("GET /cb?access_token=opaque123&refresh_token=r-456&clientSecret=c789"))
                .isEqualTo("GET /cb?access_token=****&refresh_token=****&clientSecret=****");
        assertThat(LogMasking.mask("spring.datasource.password=p@ss")).isEqualTo("spring.datasource.password=****");
    }

    @Test
    void passwordsInJsonAreMaskedToTheirClosingQuote() {
        var masked =
                LogMasking.mask("body {\"username\":\"ada\",\"password\":\"correct horse battery staple\",\"x\":1}");

        assertThat(masked).isEqualTo("body {\"username\":\"ada\",\"password\":\"****\",\"x\":1}");
        assertThat(LogMasking.mask("{\"password\": \"with \\\"quotes\\\" inside\"}"))
                .isEqualTo("{\"password\": \"****\"}");
        assertThat(LogMasking.mask("{'secret': 'two words'}")).isEqualTo("{'secret': '****'}");
    }

    @Test
    void passwordsInsideAJsonLogLineAreMasked() {
        var line = "{\"message\":\"Read body {\\\"password\\\":\\\"correct horse battery\\\",\\\"u\\\":\\\"x\\\"}\"}";

        var masked = LogMasking.mask(line);

        assertThat(masked).doesNotContain("correct").doesNotContain("horse").doesNotContain("battery");
        assertThat(masked).isEqualTo("{\"message\":\"Read body {\\\"password\\\":\\\"****\\\",\\\"u\\\":\\\"x\\\"}\"}");
    }

    @Test
    void emailAddressesAreMasked() {
        assertThat(LogMasking.mask("sign-in of jane.doe+tag@example.co.uk failed"))
                .isEqualTo("sign-in of ****@**** failed");
        assertThat(LogMasking.mask("uid=someone@example.com,ou=people")).isEqualTo("uid=****@****,ou=people");
    }

    @Test
    void ssnsAreMasked() {
        assertThat(LogMasking.mask("patient 123-45-6789 admitted")).isEqualTo("patient ***-**-**** admitted");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Started ForesightApplication in 9.277 seconds (process running for 10.661)",
                "Execution 3f2a6c1e-9b7d-4e2f-8a1c-5d6e7f8a9b0c failed",
                "2026-11-22T05:22:21.292Z  INFO 17483 --- [foresight] [main] [] d.f.i.DemoSeeding : Demo mode",
                "Generated a token signing key in target/test-data/secrets/jwt.key",
                "The password policy asks for 12 characters; 3 tokens remain",
                "GET /api/v1/workspaces/claims/executions?limit=100 from 10.0.0.1 answered 200",
                "Sign in at /login as admin/admin",
                "phone 555-1234, order 1234-56-789, maxTokens=5"
            })
    void ordinaryTextIsLeftAlone(String line) {
        assertThat(LogMasking.mask(line)).isEqualTo(line);
    }
}
