-- Drift monitors, their runs and per run one row per segment × metric.
create table drift_monitors (
    id              uuid primary key,
    workspace_id    bigint                   not null,
    workspace_slug  varchar(40)              not null,
    name            varchar(200)             not null,
    dataset_id      uuid                     not null,
    definition_json text                     not null,
    schedule        varchar(120),
    status          varchar(16)              not null,
    status_message  varchar(2000),
    created_by      varchar(200)             not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index ix_drift_monitors_workspace on drift_monitors (workspace_id);
create index ix_drift_monitors_dataset on drift_monitors (dataset_id);

create table drift_runs (
    id                 uuid primary key,
    monitor_id         uuid                     not null references drift_monitors (id) on delete cascade,
    workspace_id       bigint                   not null,
    execution_id       uuid,
    trigger_kind       varchar(16)              not null,
    status             varchar(16)              not null,
    message            varchar(2000),
    dataset_version_id uuid,
    baseline_from      varchar(40),
    baseline_to        varchar(40),
    current_from       varchar(40),
    current_to         varchar(40),
    pairs              int                      not null default 0,
    drifted            int                      not null default 0,
    insufficient       int                      not null default 0,
    created_by         varchar(200)             not null,
    created_at         timestamp with time zone not null,
    finished_at        timestamp with time zone
);
create index ix_drift_runs_monitor on drift_runs (monitor_id, created_at);

create table drift_results (
    run_id          uuid             not null references drift_runs (id) on delete cascade,
    position        int              not null,
    segment         varchar(1000)    not null,
    metric          varchar(1200)    not null,
    kind            varchar(16)      not null,
    status          varchar(20)      not null,
    test            varchar(20),
    statistic       double precision,
    p_value         double precision,
    adjusted_p      double precision,
    threshold       double precision,
    drifted         boolean          not null,
    severity        varchar(8),
    effect_size     double precision,
    psi             double precision,
    baseline_count  bigint           not null,
    current_count   bigint           not null,
    baseline_text   varchar(200),
    current_text    varchar(200),
    baseline_json   text,
    current_json    text,
    primary key (run_id, position)
);
