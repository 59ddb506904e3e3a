-- Every piece of background work, its live status and its outcome. The id is also the JobRunr job id.
create table executions (
    id               uuid primary key,
    workspace_id     bigint,
    workspace_slug   varchar(40),
    type             varchar(80)              not null,
    status           varchar(16)              not null,
    progress         int                      not null default 0,
    message          varchar(500),
    started_by       varchar(200)             not null,
    created_at       timestamp with time zone not null,
    started_at       timestamp with time zone,
    finished_at      timestamp with time zone,
    updated_at       timestamp with time zone not null,
    error            varchar(4000),
    cancel_requested boolean                  not null default false
);
create index ix_executions_workspace_created on executions (workspace_id, created_at);
create index ix_executions_status on executions (status);
