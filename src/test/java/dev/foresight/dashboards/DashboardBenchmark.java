package dev.foresight.dashboards;

import dev.foresight.ForesightApplication;
import dev.foresight.datasets.Datasets;
import dev.foresight.datasets.internal.IngestBenchmark;
import dev.foresight.datasets.query.Queries;
import dev.foresight.datasets.query.QuerySpec;
import dev.foresight.datasets.query.QuerySpec.Filter;
import dev.foresight.datasets.query.QuerySpec.Measure;
import dev.foresight.identity.Workspaces;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jobrunr.storage.StorageProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.cache.CacheManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark, not a test: {@code ./benchmarks/run dashboard [--rows N] [--seconds S]}. Starts Foresight on a loopback
 * port, loads the ingest benchmark's claims file (5,000,000 rows) through the normal ingest path, builds an 8-widget
 * dashboard, then (1) runs each widget cold through the HTTP API — access check, dashboard, query engine, DuckDB —
 * against the same compiled SQL run directly on a fresh DuckDB connection in the same run, and (2) lets 50 simulated
 * viewers load the cached dashboard, each every 5 seconds (a dashboard's refresh), for S seconds (default 30): the
 * p95 of their answers is {@code cached_p95_ms}; (3) the same 50 without any pause, for throughput and CPU per answer.
 */
public final class DashboardBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int VIEWERS = 50;
    /** How long a viewer looks before loading again: Grafana's shortest dashboard refresh by default. */
    private static final Duration REFRESH = Duration.ofSeconds(5);

    public static void main(String[] args) throws Exception {
        long rows = 5_000_000;
        int seconds = 30;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--rows")) {
                rows = Long.parseLong(args[i + 1].replace("_", ""));
            } else if (args[i].equals("--seconds")) {
                seconds = Integer.parseInt(args[i + 1]);
            }
        }
        var work = Path.of("target", "benchmarks", "ingest");
        Files.createDirectories(work);
        var csv = work.resolve("claims-" + rows + ".csv");
        if (!Files.exists(csv)) {
            IngestBenchmark.generate(csv, rows);
        }
        var dataDir = Path.of("target", "benchmarks", "dashboard", "data-" + UUID.randomUUID());
        int threads = Runtime.getRuntime().availableProcessors();
        var app = new SpringApplication(ForesightApplication.class);
        var context = app.run(
                "--server.port=0",
                "--foresight.data-dir=" + dataDir,
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath()
                        + "/db/foresight;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--foresight.datasets.duckdb-memory-limit=2GB",
                "--foresight.datasets.duckdb-threads=" + threads,
                "--logging.level.root=WARN",
                "--logging.level.dev.foresight=WARN");
        try {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "8080"));
            var workspaces = context.getBean(Workspaces.class);
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (workspaces.findBySlug("workforce").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            var ws = workspaces.findBySlug("workforce").orElseThrow();
            var workspace = new CurrentWorkspace(ws.id(), ws.slug(), ws.name(), WorkspaceRole.MANAGER, "benchmark");
            var datasets = context.getBean(Datasets.class);

            long loadStart = System.nanoTime();
            UUID datasetId;
            try (var in = Files.newInputStream(csv)) {
                datasetId = datasets.create(workspace, "Benchmark claims", null, "claims.csv", null, in)
                        .datasetId();
            }
            while (datasets.get(workspace, datasetId).currentVersionId() == null) {
                var versions = datasets.versions(workspace, datasetId);
                if (!versions.isEmpty() && versions.getFirst().error() != null) {
                    throw new IllegalStateException(
                            "Ingest failed: " + versions.getFirst().error());
                }
                Thread.sleep(500);
            }
            System.out.printf(
                    Locale.ROOT,
                    "loaded rows=%d in %.1fs%n",
                    datasets.get(workspace, datasetId).rowCount(),
                    (System.nanoTime() - loadStart) / 1e9);
            // The demo seeding and the new version's own analyses (insights, drift) run as background jobs; measured
            // beside them, the dashboard would share the cores with them.
            awaitIdle(context.getBean(StorageProvider.class));

            var http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            var base = "http://127.0.0.1:" + port;
            var token = JSON.readTree(send(
                                    http,
                                    HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString(
                                                    "{\"username\":\"manager\",\"password\":\"manager\"}"))
                                            .build())
                            .body())
                    .get("access_token")
                    .asString();
            var specs = widgets(datasetId);
            var widgets = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < specs.size(); i++) {
                widgets.add(Map.of(
                        "type",
                        "bar",
                        "title",
                        "W" + (i + 1),
                        "query",
                        specs.get(i),
                        "layout",
                        Map.of("x", (i % 2) * 6, "y", (i / 2) * 4, "w", 6, "h", 4)));
            }
            var created = JSON.readTree(send(
                            http,
                            HttpRequest.newBuilder(URI.create(base + "/api/v1/workspaces/workforce/dashboards"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            JSON.writeValueAsString(Map.of("name", "Benchmark", "widgets", widgets))))
                                    .build())
                    .body());
            var dashboardId = created.get("id").asString();
            var paths = new ArrayList<String>();
            created.get("widgets")
                    .forEach(w -> paths.add("/api/v1/workspaces/workforce/dashboards/" + dashboardId + "/widgets/"
                            + w.get("id").asString() + "/data"));

            // The same SQL, straight on DuckDB over the same Parquet: the reference.
            var queries = context.getBean(Queries.class);
            var compiled =
                    specs.stream().map(s -> queries.compile(workspace, s)).toList();
            var cache = context.getBean(CacheManager.class).getCache("long.widget-results");
            double bestForesight = Double.MAX_VALUE;
            double bestDuckdb = Double.MAX_VALUE;
            try (var duck = DriverManager.getConnection("jdbc:duckdb:");
                    var settings = duck.createStatement()) {
                settings.execute("SET threads = " + threads);
                settings.execute("SET memory_limit = '2GB'");
                for (int round = 1; round <= 3; round++) {
                    long start = System.nanoTime();
                    for (var query : compiled) {
                        try (var statement = duck.prepareStatement(query.sql())) {
                            for (int p = 0; p < query.parameters().size(); p++) {
                                statement.setObject(
                                        p + 1, query.parameters().get(p).toString());
                            }
                            try (var rs = statement.executeQuery()) {
                                while (rs.next()) {
                                    rs.getObject(1);
                                }
                            }
                        }
                    }
                    double duckdb = (System.nanoTime() - start) / 1e9;
                    cache.clear();
                    start = System.nanoTime();
                    for (var path : paths) {
                        var response = send(http, get(base + path, token));
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(
                                    path + " answered " + response.statusCode() + ": " + response.body());
                        }
                    }
                    double foresight = (System.nanoTime() - start) / 1e9;
                    bestDuckdb = Math.min(bestDuckdb, duckdb);
                    bestForesight = Math.min(bestForesight, foresight);
                    System.out.printf(
                            Locale.ROOT, "round=%d cold_foresight_s=%.3f duckdb_s=%.3f%n", round, foresight, duckdb);
                }
            }

            // Now cached. First a warm-up, unmeasured, so the JIT has compiled the request path; then 50 viewers who
            // each load the dashboard and look at it for a refresh interval before loading it again; then the same 50
            // with no pause at all, which measures how many answers the machine gives per second, not a viewer's wait.
            var dashboard = new Load(http, base, token, paths);
            dashboard.run(8, Duration.ZERO, Duration.ofSeconds(Math.min(10, seconds)));
            var viewers = dashboard.run(VIEWERS, REFRESH, Duration.ofSeconds(seconds));
            var saturated = dashboard.run(VIEWERS, Duration.ZERO, Duration.ofSeconds(Math.min(20, seconds)));
            System.out.println("viewers " + viewers);
            System.out.println("saturated " + saturated);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT cold_ratio=%.2f cached_p95_ms=%.1f viewers=%d cold_foresight_s=%.3f cold_duckdb_s=%.3f"
                            + " cached_p50_ms=%.1f requests=%d failures=%d saturated_p95_ms=%.1f"
                            + " saturated_requests_per_s=%.0f cpu_ms_per_request=%.3f rows=%d%n",
                    bestForesight / bestDuckdb,
                    viewers.p95(),
                    VIEWERS,
                    bestForesight,
                    bestDuckdb,
                    viewers.p50(),
                    viewers.requests(),
                    viewers.failures() + saturated.failures(),
                    saturated.p95(),
                    saturated.perSecond(),
                    saturated.cpuMsPerRequest(),
                    rows);
        } finally {
            context.close();
        }
    }

    /** What one load phase measured. */
    private record Measured(
            int requests, int failures, double p50, double p95, double perSecond, double cpuMsPerRequest) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "requests=%d failures=%d p50_ms=%.2f p95_ms=%.2f requests_per_s=%.0f cpu_ms_per_request=%.3f",
                    requests,
                    failures,
                    p50,
                    p95,
                    perSecond,
                    cpuMsPerRequest);
        }
    }

    /** Viewers loading the dashboard's widgets one after the other, as many times as the time allows (at most 100). */
    private record Load(HttpClient http, String base, String token, List<String> paths) {

        Measured run(int viewers, Duration pause, Duration duration) throws InterruptedException {
            var latencies = Collections.synchronizedList(new ArrayList<Long>());
            var failures = new CopyOnWriteArrayList<String>();
            var stopAt = System.nanoTime() + duration.toNanos();
            // CPU per request does not depend on what else the machine runs, unlike the latencies; it includes the
            // simulated viewers' own HTTP client.
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long wallStart = System.nanoTime();
            try (var pool = Executors.newFixedThreadPool(viewers)) {
                for (int v = 0; v < viewers; v++) {
                    // Viewers arrive spread over the first pause, as people do, not all in the same millisecond.
                    long arrival =
                            pause.isZero() ? 0 : ThreadLocalRandom.current().nextLong(pause.toMillis());
                    pool.submit(() -> {
                        Thread.sleep(arrival);
                        for (int load = 0; load < 100 && System.nanoTime() < stopAt; load++) {
                            for (var path : paths) {
                                long start = System.nanoTime();
                                var response = send(http, get(base + path, token));
                                latencies.add(System.nanoTime() - start);
                                if (response.statusCode() != 200) {
                                    failures.add(response.statusCode() + " " + path);
                                }
                            }
                            Thread.sleep(pause.toMillis());
                        }
                        return null;
                    });
                }
            }
            double seconds = (System.nanoTime() - wallStart) / 1e9;
            double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6;
            var sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                throw new IllegalStateException("No request finished in " + duration);
            }
            return new Measured(
                    sorted.size(),
                    failures.size(),
                    sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6,
                    sorted.size() / seconds,
                    cpuMs / sorted.size());
        }
    }

    /** Until no background job has been enqueued or processing for two seconds, at most five minutes. */
    private static void awaitIdle(StorageProvider jobs) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        int quiet = 0;
        while (quiet < 8 && System.nanoTime() < deadline) {
            var stats = jobs.getJobStats();
            quiet = stats.getEnqueued() + stats.getProcessing() == 0 ? quiet + 1 : 0;
            Thread.sleep(250);
        }
        System.out.printf(Locale.ROOT, "background jobs idle after %.1fs%n", (System.nanoTime() - start) / 1e9);
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120))
                .GET()
                .build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        }
    }

    /** Eight widgets a claims dashboard has: totals, weekly volumes, rates, spreads and a filtered view. */
    static List<QuerySpec> widgets(UUID dataset) {
        return List.of(
                new QuerySpec(
                        dataset, List.of(Measure.of("paid_amount", "sum")), List.of("payer"), null, null, null, null),
                new QuerySpec(
                        dataset,
                        List.of(Measure.of(null, "count")),
                        List.of("date_of_service"),
                        "week",
                        null,
                        null,
                        null),
                new QuerySpec(
                        dataset,
                        List.of(new Measure("status", "share", null, "DENIED")),
                        List.of("date_of_service", "payer"),
                        "week",
                        null,
                        null,
                        null),
                new QuerySpec(
                        dataset,
                        List.of(Measure.of("billed_amount", "avg")),
                        List.of("cpt_code"),
                        null,
                        null,
                        null,
                        null),
                new QuerySpec(
                        dataset,
                        List.of(Measure.of("member_id", "count_distinct")),
                        List.of("payer"),
                        null,
                        null,
                        null,
                        null),
                new QuerySpec(
                        dataset,
                        List.of(Measure.of("paid_amount", "median")),
                        List.of("status"),
                        null,
                        null,
                        null,
                        null),
                new QuerySpec(
                        dataset,
                        List.of(new Measure("billed_amount", "percentile", 0.9, null)),
                        List.of("payer"),
                        "month",
                        null,
                        null,
                        null),
                new QuerySpec(
                        dataset,
                        List.of(Measure.of("paid_amount", "sum"), Measure.of(null, "count")),
                        List.of("date_of_service"),
                        "month",
                        List.of(
                                new Filter("status", "eq", "PAID"),
                                new Filter("date_of_service", "between", List.of("2026-03-01", "2026-09-30"))),
                        "-sum_paid_amount",
                        100));
    }
}
