package dev.foresight.support;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A STOMP client of the live channel as an outside program sees it: a real WebSocket to {@code /ws}, frames read as
 * raw bytes and parsed as JSON, ERROR frames and transport failures kept for the test to look at.
 */
public final class LiveClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocketStompClient client;
    private final CompletableFuture<StompSession> connecting;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private LiveClient(int port, @Nullable String bearer) {
        client = new WebSocketStompClient(new StandardWebSocketClient());
        var connectHeaders = new StompHeaders();
        if (bearer != null) {
            connectHeaders.add("Authorization", "Bearer " + bearer);
        }
        connecting = client.connectAsync(
                "ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), connectHeaders, new Handler());
    }

    /** Starts connecting; {@link #session()} waits for CONNECTED and {@link #refusal()} for a refusal. */
    public static LiveClient open(int port, @Nullable String bearer) {
        return new LiveClient(port, bearer);
    }

    /** The connected session; fails when the server does not answer CONNECTED within a few seconds. */
    public StompSession session() {
        try {
            return connecting.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("The live channel did not connect; errors: " + errors, e);
        }
    }

    /**
     * Waits until the server refused: an ERROR frame, a closed connection or a failed CONNECT. Returns what the
     * client saw; fails when the connection is still up without complaint after the wait.
     */
    public String refusal(Duration wait) {
        var deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!errors.isEmpty() || closed.isDone() || connecting.isCompletedExceptionally()) {
                return String.join(" | ", errors);
            }
            sleep(50);
        }
        throw new AssertionError("The live channel did not refuse within " + wait);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public boolean connected() {
        return connecting.isDone()
                && !connecting.isCompletedExceptionally()
                && connecting.join().isConnected();
    }

    /** Subscribes and collects every message body, parsed as JSON, in arrival order. */
    public BlockingQueue<JsonNode> subscribe(String destination) {
        var headers = new StompHeaders();
        headers.setDestination(destination);
        return subscribe(headers);
    }

    /** {@link #subscribe(String)} with the SUBSCRIBE frame's headers as given, such as a chosen subscription id. */
    public BlockingQueue<JsonNode> subscribe(StompHeaders frame) {
        var received = new LinkedBlockingQueue<JsonNode>();
        session().subscribe(frame, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, @Nullable Object payload) {
                received.add(JSON.readTree((byte[]) payload));
            }
        });
        return received;
    }

    @Override
    public void close() {
        try {
            if (connected()) {
                connecting.join().disconnect();
            }
        } catch (RuntimeException ignored) {
            // already gone
        } finally {
            connecting.cancel(true);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private final class Handler extends StompSessionHandlerAdapter {

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, @Nullable Object payload) {
            var message = headers.getFirst("message");
            errors.add("ERROR " + (message == null ? "" : message)
                    + (payload instanceof byte[] body && body.length > 0 ? " " + new String(body) : ""));
        }

        @Override
        public void handleException(
                StompSession session,
                @Nullable StompCommand command,
                StompHeaders headers,
                byte[] payload,
                Throwable exception) {
            errors.add("exception " + exception);
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            errors.add("transport " + exception);
            closed.complete(null);
        }
    }
}
