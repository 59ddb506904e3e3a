package dev.foresight.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @Test
    void aMissingKeyIsGeneratedIntoAFileOnlyItsOwnerCanRead(@TempDir Path dataDir) throws Exception {
        var file = dataDir.resolve("secrets/test.key");

        var key = KeyFiles.readOrCreate(file, "test key");

        assertThat(key).hasSize(32);
        assertThat(Base64.getDecoder().decode(Files.readString(file))).isEqualTo(key);
        assumeThat(Files.getFileAttributeView(file, PosixFileAttributeView.class))
                .as("a POSIX file system")
                .isNotNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no draft left behind").containsExactly(file);
        }
    }

    @Test
    void theSecondCallReadsTheSameKey(@TempDir Path dataDir) {
        var file = dataDir.resolve("secrets/test.key");

        var first = KeyFiles.readOrCreate(file, "test key");

        assertThat(KeyFiles.readOrCreate(file, "test key")).isEqualTo(first);
        assertThat(first).isNotEqualTo(KeyFiles.readOrCreate(dataDir.resolve("secrets/other.key"), "test key"));
    }

    @Test
    void anExistingKeyIsReadAsItIs(@TempDir Path dataDir) throws Exception {
        var file = dataDir.resolve("test.key");
        var stored = new byte[32];
        stored[0] = 7;
        Files.writeString(file, Base64.getEncoder().encodeToString(stored) + "\n");

        assertThat(KeyFiles.readOrCreate(file, "test key")).isEqualTo(stored);
    }

    @Test
    void aCorruptOrShortFileIsAClearErrorAndIsLeftAlone(@TempDir Path dataDir) throws Exception {
        var corrupt = Files.writeString(dataDir.resolve("corrupt.key"), "not base64 at all!");
        var shortKey = Files.writeString(
                dataDir.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));
        var empty = Files.createFile(dataDir.resolve("empty.key"));

        for (var file : new Path[] {corrupt, shortKey, empty}) {
            var before = Files.readAllBytes(file);
            assertThatThrownBy(() -> KeyFiles.readOrCreate(file, "token signing key"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("token signing key")
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("not base64 of 32 bytes or more");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
    }

    @Test
    void twoProcessesStartingAtOnceEndWithOneKey(@TempDir Path dataDir) throws Exception {
        // Repeated because one round may not overlap; every round must agree whichever creator wins.
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 100; round++) {
                var file = dataDir.resolve("round-" + round).resolve("test.key");
                var start = new CyclicBarrier(2);
                var a = CompletableFuture.supplyAsync(() -> createAfter(start, file), pool);
                var b = CompletableFuture.supplyAsync(() -> createAfter(start, file), pool);

                assertThat(a.get()).isEqualTo(b.get()).isEqualTo(KeyFiles.readOrCreate(file, "test key"));
            }
        }
    }

    private static byte[] createAfter(CyclicBarrier start, Path file) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return KeyFiles.readOrCreate(file, "test key");
    }
}
