package dev.foresight.datasets.internal;

import dev.foresight.datasets.PushAccepted;
import dev.foresight.datasets.PushAccepted.RejectedRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes pushed records: a JSON array or NDJSON of objects. Each object is kept as it came until its micro-batch;
 * anything else is refused at once with its position. With an Idempotency-Key, the first answer is stored with the
 * records in one transaction, so a repeat changes nothing and gets the same answer.
 */
@Component
public class PushIngestion {

    public static final int MAX_RECORDS_PER_REQUEST = 5_000;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PushIngestion(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    public PushAccepted accept(long workspaceId, UUID datasetId, String body, @Nullable String idempotencyKey) {
        if (idempotencyKey != null) {
            var earlier = answered(datasetId, idempotencyKey);
            if (earlier.isPresent()) {
                return earlier.get().asReplay();
            }
        }
        var records = parse(body);
        var rejected = new ArrayList<RejectedRecord>();
        int queued = 0;
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < records.size(); i++) {
            var record = records.get(i);
            if (record == null || !record.isObject()) {
                rejected.add(new RejectedRecord(i, "not a JSON object"));
                continue;
            }
            if (record.isEmpty()) {
                rejected.add(new RejectedRecord(i, "an empty object"));
                continue;
            }
            jdbc.sql("insert into pending_records (dataset_id, workspace_id, payload, received_at) values (?, ?, ?, ?)")
                    .params(datasetId, workspaceId, json.writeValueAsString(record), now)
                    .update();
            queued++;
        }
        var answer = new PushAccepted(records.size(), queued, rejected, false);
        if (idempotencyKey != null) {
            try {
                jdbc.sql(
                                "insert into push_requests (dataset_id, idempotency_key, response_json, created_at) values (?, ?, ?, ?)")
                        .params(datasetId, idempotencyKey, json.writeValueAsString(answer), now)
                        .update();
            } catch (DuplicateKeyException concurrent) {
                // The same key raced in on another request: its records count, ours roll back with this transaction.
                throw new IdempotencyConflict();
            }
        }
        return answer;
    }

    /** Thrown when two requests with one key race; the transaction rolls back and the client may retry. */
    public static class IdempotencyConflict extends RuntimeException {
        IdempotencyConflict() {
            super("A request with the same Idempotency-Key is being applied; retry to get its answer.");
        }
    }

    private Optional<PushAccepted> answered(UUID datasetId, String key) {
        return jdbc.sql("select response_json from push_requests where dataset_id = ? and idempotency_key = ?")
                .params(datasetId, key)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, PushAccepted.class));
    }

    /** A JSON array, or one JSON value per line (NDJSON). A line that is not JSON becomes a null record. */
    private List<@Nullable JsonNode> parse(String body) {
        var trimmed = body.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidPush("The body is empty; send a JSON array of records or NDJSON.");
        }
        var records = new ArrayList<@Nullable JsonNode>();
        if (trimmed.startsWith("[")) {
            JsonNode array;
            try {
                array = json.readTree(trimmed);
            } catch (JacksonException malformed) {
                throw new InvalidPush("The body is not valid JSON: " + malformed.getOriginalMessage());
            }
            array.values().forEach(records::add);
        } else {
            for (var line : trimmed.split("\r?\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(json.readTree(line));
                } catch (JacksonException malformed) {
                    records.add(null);
                }
            }
        }
        if (records.size() > MAX_RECORDS_PER_REQUEST) {
            throw new InvalidPush(
                    "At most " + MAX_RECORDS_PER_REQUEST + " records per request; got " + records.size() + ".");
        }
        return records;
    }

    /** A push that cannot be read at all. */
    public static class InvalidPush extends RuntimeException {
        InvalidPush(String message) {
            super(message);
        }
    }

    /** Datasets with records waiting, and how many each has. */
    public List<Pending> pending() {
        return jdbc.sql(
                        """
                        select dataset_id, workspace_id, count(*) as records, min(received_at) as oldest
                        from pending_records where version_id is null group by dataset_id, workspace_id""")
                .query((rs, n) -> new Pending(
                        rs.getObject("dataset_id", UUID.class),
                        rs.getLong("workspace_id"),
                        rs.getLong("records"),
                        rs.getObject("oldest", OffsetDateTime.class)))
                .list();
    }

    public record Pending(UUID datasetId, long workspaceId, long records, OffsetDateTime oldest) {}

    /** Claims the waiting records of a dataset for a version and returns their payloads, oldest first. */
    public List<String> claim(UUID datasetId, UUID versionId) {
        jdbc.sql("update pending_records set version_id = ? where dataset_id = ? and version_id is null")
                .params(versionId, datasetId)
                .update();
        return jdbc.sql("select payload from pending_records where version_id = ? order by id")
                .param(versionId)
                .query(String.class)
                .list();
    }
}
