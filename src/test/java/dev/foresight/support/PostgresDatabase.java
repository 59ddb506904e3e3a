package dev.foresight.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Points an application context at a fresh database on the machine's PostgreSQL (127.0.0.1:5432, user postgres), so
 * that Flyway runs every migration from scratch, and drops it when the context closes. Test classes using it call
 * {@link #assumeAvailable()} first.
 */
public class PostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";

    public static void assumeAvailable() {
        Services.assumeReachable("PostgreSQL", HOST, PORT);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var name =
                "foresight_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + name);
        TestPropertyValues.of(
                        "spring.datasource.url=jdbc:postgresql://" + HOST + ":" + PORT + "/" + name,
                        "spring.datasource.username=postgres",
                        "spring.datasource.password=")
                .applyTo(context);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                execute("drop database if exists " + name + " with (force)");
            }
        });
    }

    private static void execute(String sql) {
        try (var connection = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + ": " + e.getMessage(), e);
        }
    }
}
