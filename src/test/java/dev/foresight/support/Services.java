package dev.foresight.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests against the machine's PostgreSQL, Redis and RabbitMQ. On a laptop without them they skip with a message; with
 * {@code FORESIGHT_IT_SERVICES=required} (CI) a missing service fails the test instead.
 */
public final class Services {

    private Services() {}

    public static boolean required() {
        var env = System.getenv("FORESIGHT_IT_SERVICES");
        var property = System.getProperty("foresight.it.services");
        return "required".equalsIgnoreCase(env) || "required".equalsIgnoreCase(property);
    }

    public static void assumeReachable(String name, String host, int port) {
        if (reachable(host, port)) {
            return;
        }
        var message = name + " is not reachable at " + host + ":" + port;
        if (required()) {
            throw new AssertionError(message + " and FORESIGHT_IT_SERVICES=required");
        }
        Assumptions.abort(message + "; skipping (set FORESIGHT_IT_SERVICES=required to make this fail)");
    }

    public static boolean reachable(String host, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
