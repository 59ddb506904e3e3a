package dev.foresight.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 256-bit secret key kept in a file under the data directory when none is configured, so that what it signs or seals
 * survives a restart: read when the file is there, else generated once into a file only its owner can read.
 */
public final class KeyFiles {

    static final int KEY_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {}

    /** The key in the file, or a new one stored there; {@code purpose} names the key in the log and in errors. */
    public static byte[] readOrCreate(Path file, String purpose) {
        try {
            if (Files.exists(file)) {
                return read(file, purpose);
            }
            Files.createDirectories(file.getParent());
            var key = new byte[KEY_BYTES];
            RANDOM.nextBytes(key);
            // Written in full to a private draft, then linked into place: the key file appears complete or not at all,
            // and when two processes start at once the link of the later one fails and it takes the earlier one's key.
            var draft = createOwnerOnly(file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".new"));
            try {
                Files.write(draft, Base64.getEncoder().encode(key), StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
                link(draft, file);
            } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                return read(file, purpose);
            } finally {
                Files.deleteIfExists(draft);
            }
            log.info("Generated the {} in {}", purpose, file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the " + purpose + " " + file, e);
        }
    }

    /**
     * Puts the draft in place without ever replacing a key: a hard link where the file system has them, else a move,
     * which refuses an existing file too (SMB and some FUSE mounts have no links; there two processes starting in the
     * same instant could both write, the later key winning before either has used its own).
     */
    private static void link(Path draft, Path file) throws IOException {
        try {
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException anotherProcessWasFirst) {
            throw anotherProcessWasFirst;
        } catch (FileSystemException noLinksHere) {
            Files.move(draft, file);
        }
    }

    /**
     * An empty file only its owner may read, made with those permissions in one step. A file system without POSIX
     * permissions (Windows) has none to set: there the data directory's own access control protects the key.
     */
    private static Path createOwnerOnly(Path path) throws IOException {
        return Files.getFileStore(path.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)
                ? Files.createFile(
                        path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createFile(path);
    }

    private static byte[] read(Path file, String purpose) throws IOException {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException notBase64) {
            key = new byte[0];
        }
        // At least: a longer key stored by hand before (the token signing key took any length from 32) still opens.
        if (key.length < KEY_BYTES) {
            throw new IllegalStateException("The " + purpose + " in " + file + " is not base64 of " + KEY_BYTES
                    + " bytes or more: restore it, or delete it to have a new one generated (what the old key signed or"
                    + " sealed will no longer open)");
        }
        return key;
    }
}
