package dev.foresight.identity.internal;

import dev.foresight.identity.Workspace;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class WorkspaceStore {

    private final JdbcClient jdbc;

    WorkspaceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Workspace> findBySlug(String slug) {
        return jdbc.sql("select * from workspaces where slug = ?")
                .param(slug)
                .query(WorkspaceStore::map)
                .optional();
    }

    public List<Workspace> all() {
        return jdbc.sql("select * from workspaces order by name")
                .query(WorkspaceStore::map)
                .list();
    }

    public Workspace insert(String slug, String name) {
        var keys = new GeneratedKeyHolder();
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("insert into workspaces (slug, name, created_at) values (?, ?, ?)")
                .params(slug, name, now)
                .update(keys, "id");
        return new Workspace(keys.getKeyAs(Long.class), slug, name, now.toInstant());
    }

    private static Workspace map(ResultSet rs, int row) throws SQLException {
        return new Workspace(
                rs.getLong("id"),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
