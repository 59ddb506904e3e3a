package dev.foresight.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the API as an outside caller sees it: real requests to the running server. */
public final class Api {

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** An access token for a demo person, cached per server so tests do not trip the sign-in throttle. */
    public String tokenFor(String username) {
        return TOKENS.computeIfAbsent(base + "|" + username, key -> {
            var response = post("/api/v1/auth/token", null, json(Map.of("username", username, "password", username)));
            if (response.status() != 200) {
                throw new IllegalStateException("Sign-in of " + username + " failed: " + response);
            }
            return response.json().get("access_token").asString();
        });
    }

    public Response get(String path, @Nullable String token) {
        return send(request(path, token).GET().build());
    }

    public Response post(String path, @Nullable String token, String body) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public Response put(String path, @Nullable String token, String body) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Posts a multipart form, as an upload from a browser or a script. */
    public Response post(String path, @Nullable String token, Multipart form) {
        return send(request(path, token)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", form.contentType())
                .POST(form.publisher())
                .build());
    }

    public Response delete(String path, @Nullable String token) {
        return send(request(path, token).DELETE().build());
    }

    public Response send(
            String method, String path, @Nullable String token, @Nullable String contentType, String body) {
        var builder = request(path, token).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    public HttpRequest.Builder request(String path, @Nullable String token) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public Response send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
