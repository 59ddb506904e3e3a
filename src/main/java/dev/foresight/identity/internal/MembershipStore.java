package dev.foresight.identity.internal;

import dev.foresight.identity.Membership;
import dev.foresight.shared.WorkspaceRole;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MembershipStore {

    public enum Source {
        DIRECTORY,
        MANUAL
    }

    /** A workspace member as the members page lists them. */
    public record Member(
            String username,
            String displayName,
            @Nullable String email,
            WorkspaceRole role,
            Source source,
            Person.PersonSource account,
            boolean enabled) {}

    public record GroupMapping(long id, String groupName, WorkspaceRole role) {}

    private final JdbcClient jdbc;

    MembershipStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<WorkspaceRole> roleOf(long workspaceId, String username) {
        return jdbc.sql(
                        """
                        select m.role from memberships m join users u on u.id = m.user_id
                        where m.workspace_id = ? and u.username = ? and u.enabled = true""")
                .params(workspaceId, username)
                .query((rs, n) -> WorkspaceRole.valueOf(rs.getString(1)))
                .optional();
    }

    public List<Membership> membershipsOf(String username) {
        return jdbc.sql(
                        """
                        select w.slug, w.name, m.role from memberships m
                        join users u on u.id = m.user_id join workspaces w on w.id = m.workspace_id
                        where u.username = ? and u.enabled = true order by w.name""")
                .param(username)
                .query((rs, n) -> new Membership(
                        rs.getString("slug"), rs.getString("name"), WorkspaceRole.valueOf(rs.getString("role"))))
                .list();
    }

    public List<Member> members(long workspaceId) {
        return jdbc.sql(
                        """
                        select u.username, u.display_name, u.email, m.role, m.source, u.source as account, u.enabled
                        from memberships m join users u on u.id = m.user_id
                        where m.workspace_id = ? order by u.username""")
                .param(workspaceId)
                .query((rs, n) -> new Member(
                        rs.getString("username"),
                        rs.getString("display_name"),
                        rs.getString("email"),
                        WorkspaceRole.valueOf(rs.getString("role")),
                        Source.valueOf(rs.getString("source")),
                        Person.PersonSource.valueOf(rs.getString("account")),
                        rs.getBoolean("enabled")))
                .list();
    }

    public Optional<Source> sourceOf(long workspaceId, long userId) {
        return jdbc.sql("select source from memberships where workspace_id = ? and user_id = ?")
                .params(workspaceId, userId)
                .query((rs, n) -> Source.valueOf(rs.getString(1)))
                .optional();
    }

    public void put(long workspaceId, long userId, WorkspaceRole role, Source source) {
        int updated = jdbc.sql("update memberships set role = ?, source = ? where workspace_id = ? and user_id = ?")
                .params(role.name(), source.name(), workspaceId, userId)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into memberships (workspace_id, user_id, role, source) values (?, ?, ?, ?)")
                    .params(workspaceId, userId, role.name(), source.name())
                    .update();
        }
    }

    public boolean remove(long workspaceId, long userId) {
        return jdbc.sql("delete from memberships where workspace_id = ? and user_id = ?")
                        .params(workspaceId, userId)
                        .update()
                == 1;
    }

    /** The person's roles per workspace id. */
    public java.util.Map<Long, WorkspaceRole> rolesOf(long userId) {
        var roles = new java.util.HashMap<Long, WorkspaceRole>();
        jdbc.sql("select workspace_id, role from memberships where user_id = ?")
                .param(userId)
                .query((rs, n) -> roles.put(rs.getLong(1), WorkspaceRole.valueOf(rs.getString(2))))
                .list();
        return roles;
    }

    public void removeDirectoryMemberships(long userId) {
        jdbc.sql("delete from memberships where user_id = ? and source = 'DIRECTORY'")
                .param(userId)
                .update();
    }

    public long countAdmins(long workspaceId) {
        return jdbc.sql("select count(*) from memberships where workspace_id = ? and role = 'ADMIN'")
                .param(workspaceId)
                .query(Long.class)
                .single();
    }

    public List<GroupMapping> mappings(long workspaceId) {
        return jdbc.sql(
                        "select id, group_name, role from directory_group_mappings where workspace_id = ? order by group_name")
                .param(workspaceId)
                .query((rs, n) ->
                        new GroupMapping(rs.getLong(1), rs.getString(2), WorkspaceRole.valueOf(rs.getString(3))))
                .list();
    }

    /** Every workspace id with the role its mappings grant to any of the groups. */
    public List<WorkspaceGrant> grantsFor(List<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select workspace_id, role from directory_group_mappings where group_name in (:groups)")
                .param("groups", groups)
                .query((rs, n) -> new WorkspaceGrant(rs.getLong(1), WorkspaceRole.valueOf(rs.getString(2))))
                .list();
    }

    public record WorkspaceGrant(long workspaceId, WorkspaceRole role) {}

    public void putMapping(long workspaceId, String group, WorkspaceRole role) {
        int updated = jdbc.sql("update directory_group_mappings set role = ? where workspace_id = ? and group_name = ?")
                .params(role.name(), workspaceId, group)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into directory_group_mappings (workspace_id, group_name, role) values (?, ?, ?)")
                    .params(workspaceId, group, role.name())
                    .update();
        }
    }

    public boolean removeMapping(long workspaceId, long mappingId) {
        return jdbc.sql("delete from directory_group_mappings where workspace_id = ? and id = ?")
                        .params(workspaceId, mappingId)
                        .update()
                == 1;
    }
}
