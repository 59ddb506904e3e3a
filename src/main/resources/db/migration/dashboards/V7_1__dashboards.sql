-- Dashboards of a workspace: filters and widgets as JSON, saved with an increasing version (no silent overwrites).
create table dashboards (
    id           uuid primary key,
    workspace_id bigint                   not null,
    name         varchar(200)             not null,
    filters_json text                     not null,
    widgets_json text                     not null,
    version      int                      not null,
    demo_key     varchar(100),
    created_by   varchar(200)             not null,
    created_at   timestamp with time zone not null,
    updated_by   varchar(200)             not null,
    updated_at   timestamp with time zone not null
);
create index ix_dashboards_workspace on dashboards (workspace_id);
create unique index ux_dashboards_demo on dashboards (workspace_id, demo_key);
