package dev.foresight.datasets;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.support.ApiTest;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Multipart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * An upload above {@code foresight.datasets.max-upload-size} is refused with 413 while it streams in, and leaves
 * nothing behind: no dataset, no version, no file. A server of its own with a 1 KB limit.
 */
@ForesightTest
@TestPropertySource(properties = "foresight.datasets.max-upload-size=1KB")
class DatasetUploadLimitTests extends ApiTest {

    private static final String BASE = "/api/v1/workspaces/claims/datasets";

    @Value("${foresight.data-dir}")
    Path dataDir;

    @Test
    void anUploadAboveTheLimitIsRefusedAndNothingIsStored() throws IOException {
        long uploadsBefore = uploads();
        var before = api.get(BASE, manager).json().size();

        var response = api.post(BASE, manager, Multipart.file("big.csv", big()).field("name", "Too big"));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(api.get(BASE, manager).json().size()).isEqualTo(before);
        assertThat(api.get(BASE, manager).body()).doesNotContain("Too big");
        assertThat(uploads()).as("no upload stored under the data directory").isEqualTo(uploadsBefore);

        // Within the limit the same server takes it.
        var small = api.post(
                BASE, manager, Multipart.file("small.csv", "id,text\n1,a\n").field("name", "Small"));
        assertThat(small.status()).as(small.body()).isEqualTo(202);
    }

    /** Uploads are parsed lazily (application.yml), so the size error reaches the API's problem handler. */
    @Test
    void anUploadAboveTheLimitIsAProblemDetail() {
        var problem = assertProblem(api.post(BASE, manager, Multipart.file("big.csv", big())), 413);

        assertThat(problem.get("detail").asString()).containsIgnoringCase("size");
    }

    @Test
    void aNewVersionAboveTheLimitIsRefusedToo() {
        var small = api.post(BASE, manager, Multipart.file("small.csv", "id,text\n1,a\n"));
        assertThat(small.status()).as(small.body()).isEqualTo(202);
        var id = small.json().get("datasetId").asString();

        var response = api.post(BASE + "/" + id + "/versions", manager, Multipart.file("big.csv", "x".repeat(4096)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(api.get(BASE + "/" + id + "/versions", manager).json().size())
                .isEqualTo(1);
        assertThat(api.get(BASE + "/" + id, manager).status())
                .as("still serving")
                .isEqualTo(200);
    }

    private static String big() {
        var big = new StringBuilder("id,text\n");
        for (int i = 0; big.length() < 64 * 1024; i++) {
            big.append(i).append(",some text\n");
        }
        return big.toString();
    }

    /** Stored uploads, whole or partial; processing output of other uploads may appear meanwhile and is not counted. */
    private long uploads() throws IOException {
        var datasets = dataDir.resolve("datasets");
        if (!Files.exists(datasets)) {
            return 0;
        }
        try (var paths = Files.walk(datasets)) {
            return paths.filter(path -> path.getFileName().toString().startsWith("source"))
                    .count();
        }
    }
}
