-- The profile of each processed dataset version, as JSON: per column counts, moments, quantiles, histogram, top values.
create table dataset_profiles (
    version_id   uuid primary key,
    workspace_id bigint                   not null,
    dataset_id   uuid                     not null,
    profile_json text                     not null,
    created_at   timestamp with time zone not null
);
create index ix_dataset_profiles_dataset on dataset_profiles (workspace_id, dataset_id);

-- One insight generation per execution; notes say what could not be analysed and why.
create table insight_runs (
    execution_id  uuid primary key,
    workspace_id  bigint                   not null,
    dataset_id    uuid                     not null,
    version_id    uuid                     not null,
    status        varchar(16)              not null,
    insight_count int,
    notes_json    text,
    started_by    varchar(200)             not null,
    created_at    timestamp with time zone not null,
    finished_at   timestamp with time zone
);
create index ix_insight_runs_dataset on insight_runs (workspace_id, dataset_id, created_at);
create index ix_insight_runs_version on insight_runs (version_id);

-- The insights of each dataset's latest run, ranked; a new version's run replaces them.
create table insights (
    id            uuid primary key,
    workspace_id  bigint                   not null,
    dataset_id    uuid                     not null,
    dataset_name  varchar(200)             not null,
    version_id    uuid                     not null,
    execution_id  uuid                     not null,
    rank_in_run   int                      not null,
    type          varchar(40)              not null,
    score         double precision         not null,
    sentence      varchar(2000)            not null,
    evidence_json text                     not null,
    chart_json    text                     not null,
    query_json    text                     not null,
    created_at    timestamp with time zone not null
);
create index ix_insights_dataset on insights (workspace_id, dataset_id, rank_in_run);
create index ix_insights_workspace on insights (workspace_id, created_at);
