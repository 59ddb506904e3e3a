package dev.foresight.identity.internal;

import dev.foresight.identity.internal.Person.PersonSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class PersonStore {

    private final JdbcClient jdbc;

    PersonStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Person> findByUsername(String username) {
        return jdbc.sql("select * from users where username = ?")
                .param(username)
                .query(PersonStore::map)
                .optional();
    }

    public Person insert(
            String username,
            String displayName,
            @Nullable String email,
            PersonSource source,
            @Nullable String passwordHash,
            boolean operator) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(
                        """
                        insert into users (username, display_name, email, source, password_hash, platform_operator,
                            enabled, created_at)
                        values (?, ?, ?, ?, ?, ?, true, ?)""")
                .params(
                        username,
                        displayName,
                        email,
                        source.name(),
                        passwordHash,
                        operator,
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update(keys, "id");
        return new Person(
                keys.getKeyAs(Long.class), username, displayName, email, source, passwordHash, operator, true);
    }

    public void updateDirectoryProfile(long id, String displayName, @Nullable String email, boolean operator) {
        jdbc.sql("update users set display_name = ?, email = ?, platform_operator = ? where id = ?")
                .params(displayName, email, operator, id)
                .update();
    }

    public void updatePassword(long id, String passwordHash) {
        jdbc.sql("update users set password_hash = ? where id = ?")
                .params(passwordHash, id)
                .update();
    }

    public void setEnabled(long id, boolean enabled) {
        jdbc.sql("update users set enabled = ? where id = ?")
                .params(enabled, id)
                .update();
    }

    public void signedIn(long id) {
        jdbc.sql("update users set last_sign_in_at = ? where id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC), id)
                .update();
    }

    private static Person map(ResultSet rs, int row) throws SQLException {
        return new Person(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("email"),
                PersonSource.valueOf(rs.getString("source")),
                rs.getString("password_hash"),
                rs.getBoolean("platform_operator"),
                rs.getBoolean("enabled"));
    }
}
