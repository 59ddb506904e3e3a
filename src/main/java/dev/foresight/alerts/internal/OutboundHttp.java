package dev.foresight.alerts.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * Outgoing HTTP for alerts. The guard runs twice: on the URL before the request, and inside the client's DNS resolver,
 * so the address that is connected to is the one that was checked — a name that re-resolves to an internal address
 * between the two (DNS rebinding) is refused, not followed. Redirects are not followed, cookies and retries are off.
 */
public class OutboundHttp implements DisposableBean {

    private final OutboundGuard guard;
    private final CloseableHttpClient client;

    public OutboundHttp(OutboundGuard guard, Duration connectTimeout, Duration requestTimeout) {
        this.guard = guard;
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return guard.checkHost(host);
                } catch (OutboundGuard.RefusedTarget refused) {
                    throw new RefusedHost(refused.getMessage());
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(requestTimeout))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /** The guard's refusal, raised from inside the client's resolver. */
    static final class RefusedHost extends UnknownHostException {
        RefusedHost(String message) {
            super(message);
        }
    }

    /**
     * Posts a body. {@code summaryUrl} is what the attempt record shows instead of the URL (chat hook URLs carry a
     * token). Headers named in {@code headers} are sent as given; none of their values is recorded.
     */
    public SendResult post(
            String url, String summaryUrl, String contentType, String body, Map<String, String> headers) {
        var summary = "POST " + summaryUrl + " (" + body.getBytes(StandardCharsets.UTF_8).length + " bytes)";
        try {
            guard.checkUrl(url);
        } catch (OutboundGuard.RefusedTarget refused) {
            return SendResult.failed(summary, null, "Refused: " + refused.getMessage());
        }
        var post = new HttpPost(URI.create(url));
        headers.forEach(post::setHeader);
        post.setHeader("User-Agent", "Foresight-Alerts/1");
        post.setEntity(new StringEntity(body, ContentType.parse(contentType)));
        try {
            return client.execute(post, response -> {
                int status = response.getCode();
                var text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
                if (status >= 200 && status < 300) {
                    return SendResult.ok(summary, status);
                }
                var retryAfter = response.getFirstHeader("Retry-After");
                var error = "The endpoint answered " + status
                        + (text.isBlank() ? "" : ": " + abbreviate(text.strip(), 300));
                return new SendResult(
                        summary, status, error, retryAfter == null ? null : retryAfter(retryAfter.getValue()), false);
            });
        } catch (RefusedHost refused) {
            return SendResult.failed(summary, null, "Refused at send time: " + refused.getMessage());
        } catch (ConnectTimeoutException e) {
            return SendResult.failed(summary, null, "Connecting timed out.");
        } catch (InterruptedIOException e) {
            return SendResult.failed(summary, null, "The endpoint did not answer in time.");
        } catch (HttpHostConnectException e) {
            return SendResult.failed(summary, null, "The endpoint refused the connection.");
        } catch (UnknownHostException e) {
            return SendResult.failed(summary, null, "The host cannot be resolved.");
        } catch (IOException e) {
            return SendResult.failed(
                    summary, null, "Sending failed: " + e.getClass().getSimpleName());
        }
    }

    /** Retry-After as seconds or an HTTP date; at most a day. */
    static @Nullable Duration retryAfter(String value) {
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                wait = Duration.between(Instant.now(), at.toInstant());
            } catch (RuntimeException notADate) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait;
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
