-- Datasets and their immutable versions. A dataset points at its current version; queries read only that one.
create table datasets (
    id                 uuid primary key,
    workspace_id       bigint                   not null,
    workspace_slug     varchar(40)              not null,
    name               varchar(200)             not null,
    description        varchar(2000),
    current_version_id uuid,
    created_by         varchar(200)             not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);
create index ix_datasets_workspace on datasets (workspace_id);

create table dataset_versions (
    id             uuid primary key,
    dataset_id     uuid                     not null references datasets (id) on delete cascade,
    workspace_id   bigint                   not null,
    number         int                      not null,
    origin         varchar(16)              not null,
    status         varchar(16)              not null,
    source_name    varchar(300),
    source_bytes   bigint,
    row_count      bigint,
    column_count   int,
    parquet_bytes  bigint,
    error          varchar(4000),
    execution_id   uuid,
    schema_json    text,
    quality_json   text,
    created_by     varchar(200)             not null,
    created_at     timestamp with time zone not null,
    finished_at    timestamp with time zone,
    constraint uq_dataset_version_number unique (dataset_id, number)
);
create index ix_versions_dataset on dataset_versions (dataset_id);

-- The validation rules of a dataset (a JSON list) and column roles set by people.
create table dataset_settings (
    dataset_id  uuid primary key references datasets (id) on delete cascade,
    rules_json  text,
    roles_json  text,
    updated_by  varchar(200),
    updated_at  timestamp with time zone
);
